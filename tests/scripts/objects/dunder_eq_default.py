# default __eq__ is identity; __ne__ derived from __eq__
class Plain:
    def __init__(self, v):
        self.v = v
a, b = Plain(1), Plain(1)
c = a
print(a == b, a == c, a != b, a != c, a is c)
print(a in [b], a in [c], [a].count(a), [a, b].index(b))
print(a == 1, a != "x")
class WithEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, WithEq) and self.v == other.v
x, y = WithEq(1), WithEq(1)
print(x == y, x != y, x is y, x == WithEq(2), x != WithEq(2))
print(x in [WithEq(0), WithEq(1)], [WithEq(1)].count(x))
try:
    hash(x)
except TypeError as e:
    print("TypeError:", e)
print(WithEq.__hash__ is None)
print(x == 1, 1 == x)
class Child(WithEq):
    pass
print(Child(3) == WithEq(3), WithEq(3) == Child(3))
d = {a: "a", b: "b"}
print(len(d), d[a], d[b])
print(sorted([Plain(2), Plain(1)], key=lambda p: p.v)[0].v)
