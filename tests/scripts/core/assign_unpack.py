# assignment: tuple unpacking, starred, multiple targets
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
(p, q), r = (1, 2), 3
print(p, q, r)
first, *rest = range(5)
print(first, rest)
*init, last = [1, 2, 3]
print(init, last)
h, *mid, t = "abcdef"
print(h, mid, t)
o, *e = [1]
print(o, e)
i = j = k = 0
i += 1
print(i, j, k)
l1 = l2 = []
l1.append(1)
print(l2, l1 is l2)
[m, n] = [10, 20]
print(m, n)
for idx, (ch, num) in enumerate([("a", 1), ("b", 2)]):
    print(idx, ch, num)
try:
    u, v = [1, 2, 3]
except ValueError as ex:
    print("ValueError:", ex)
try:
    u, v, w = [1, 2]
except ValueError as ex:
    print("ValueError:", ex)
try:
    u, v = 5
except TypeError as ex:
    print("TypeError:", ex)
d = {}
d["a"], d["b"] = 1, 2
print(d)
lst = [0, 0, 0]
lst[0], lst[2] = "L", "R"
print(lst)
a, (b, *c), d2 = 1, (2, 3, 4), 5
print(a, b, c, d2)
s = t2 = "shared"
print(s, t2)
x = [1, 2]
x[0], x[1] = x[1], x[0]
print(x)
n1, n2 = divmod(17, 5)
print(n1, n2)
key, value = ("name", "gil")
print(f"{key}={value}")
