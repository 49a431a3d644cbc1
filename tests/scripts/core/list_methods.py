# list methods
a = [3, 1, 2]
a.append(4)
print(a)
a.extend([5, 6])
a.extend((7,))
a.extend(range(8, 10))
print(a)
a.insert(0, 0)
a.insert(100, 99)
a.insert(-1, 98)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(98)
print(a)
print(a.index(5), a.index(2, 2) if 2 in a[2:] else -1, a.count(1), [1, 1, 2].count(1))
b = a.copy()
b.append("copy")
print(a, b)
a.reverse()
print(a)
a.clear()
print(a, len(a))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2].index(3)
except ValueError as e:
    print("ValueError:", e)
nested = [[0] * 3 for _ in range(2)]
nested[0][1] = 5
print(nested)
alias = [[0] * 2] * 2
alias[0][0] = 7
print(alias)
c = [1, 2, 3]
d = c
d += [4]
print(c, c is d)
c = c + [5]
print(c, d, c is d)
print(list("abc"), list(range(3)), list((1, 2)), list({"k": 1}))
print([1, 2] * 3, [0] * 0, 2 * ["x"])
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print(len([1, [2, 3]]), [1, 2, 3][-1])
print(sum([[1], [2, 3]], []))
x = [5, 3, 8]
x[1] = 30
print(x, 8 in x, 9 not in x)
