# __slots__ is accepted and restricts attributes
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def total(self):
        return self.x + self.y
p = P(1, 2)
print(p.x, p.y, p.total())
p.x = 10
print(p.total())
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError caught")
class Q(P):
    __slots__ = ("z",)
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
q = Q(1, 2, 3)
print(q.x, q.y, q.z, q.total())
print(P.__slots__, Q.__slots__)
class Single:
    __slots__ = ["value"]
s = Single()
s.value = "v"
print(s.value)
try:
    print(Single().value)
except AttributeError:
    print("unset slot raises AttributeError")
print(isinstance(q, P), type(q).__name__)
