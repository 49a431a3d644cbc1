# slice assignment and del
a = list(range(10))
a[1:3] = ["x", "y", "z"]
print(a)
a[:2] = []
print(a)
a[len(a):] = [100, 101]
print(a)
a[0:0] = ["front"]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
del a[0]
print(a)
del a[-1]
print(a)
b = list(range(8))
b[::2] = ["e"] * 4
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
c = [1, 2, 3]
c[1:2] = "abc"
print(c)
c[:] = [0]
print(c)
d = list(range(6))
del d[:]
print(d)
e = [1, 2, 3, 4, 5]
e[-2:] = [40, 50, 60]
print(e)
e[1:-1] = []
print(e)
f = [0, 1, 2, 3, 4, 5]
f[::-2] = ["a", "b", "c"]
print(f)
g = [[1, 2], [3, 4]]
g[0][:] = [9]
print(g)
try:
    del g[5]
except IndexError as e2:
    print("IndexError:", e2)
