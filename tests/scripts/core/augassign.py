# augmented assignment on names, attributes, subscripts
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x **= 3; print(x)
x %= 7; print(x)
x /= 2; print(x)
y = 0b1100
y &= 0b1010; print(y)
y |= 0b0001; print(y)
y ^= 0b1111; print(y)
y <<= 3; print(y)
y >>= 1; print(y)
s = "ab"
s += "cd"
s *= 2
print(s)
class Box:
    pass
b = Box()
b.count = 1
b.count += 41
b.items = []
b.items += [1, 2]
print(b.count, b.items)
d = {"k": 1}
d["k"] += 10
d["new"] = d.get("new", 0) + 1
print(d)
lst = [1, 2, 3]
lst[1] *= 10
lst[-1] -= 1
print(lst)
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
print(grid)
t = (1, 2)
t += (3,)
print(t)
calls = []
def idx():
    calls.append("idx")
    return 0
arr = [100]
arr[idx()] += 1
print(arr, calls)
f = 1.5
f += 1
print(f)
n = 7
n //= -2
print(n)
