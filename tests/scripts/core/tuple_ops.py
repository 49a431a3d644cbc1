# tuples
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:])
print((1,), (), tuple(), tuple([4, 5]), tuple("ab"))
print(type((1)).__name__, type((1,)).__name__)
print(t + (4, 5), t * 2, 2 in t, 9 not in t)
print(t.index(2), t.count(1), (1, 1, 2).count(1))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, "a") == (1, "a"))
print((1, 2, 3) == (1, 2, 3), (1, 2) != (2, 1), () < (0,))
print(max([(1, "b"), (2, "a"), (1, "c")]))
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
a, b, c = t
print(a, b, c)
x = 1, 2
print(x, type(x).__name__)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
(p, q), (r, (s, u)) = nested
print(p, q, r, s, u)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t[5]
except IndexError as e:
    print("IndexError:", e)
print(hash((1, 2)) == hash((1, 2)))
d = {(0, 0): "origin", (1, 2): "point"}
print(d[(1, 2)], d[0, 0])
tl = ([1], 2)
tl[0].append(3)
print(tl)
print(tuple(i * i for i in range(4)))
print(len(()), bool(()), bool((0,)))
print(repr((1,)), str(("a", 'b"')))
