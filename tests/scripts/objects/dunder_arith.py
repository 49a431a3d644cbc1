# arithmetic special methods
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)
    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)
    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, b / 2, b // 2, b % 3, a ** 2)
print(-a, +a, abs(b), a == Vec(1, 2), a != b)
c = a
c += b
print(c, a)
c *= 2
print(c)
print(sum([a, b, Vec(0, 1)], Vec(0, 0)))
try:
    a + 1
except AttributeError as e:
    print("AttributeError:", e)
class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        if not isinstance(o, Money):
            return NotImplemented
        return Money(self.c + o.c)
    def __iadd__(self, o):
        self.c += o.c
        return self
    def __repr__(self):
        return f"Money({self.c})"
m = Money(5)
same = m
m += Money(10)
print(m, same is m)
try:
    Money(1) + 5
except TypeError as e:
    print("TypeError:", e)
class Bits:
    def __init__(self, v):
        self.v = v
    def __and__(self, o):
        return Bits(self.v & o.v)
    def __or__(self, o):
        return Bits(self.v | o.v)
    def __xor__(self, o):
        return Bits(self.v ^ o.v)
    def __invert__(self):
        return Bits(~self.v)
    def __lshift__(self, n):
        return Bits(self.v << n)
    def __repr__(self):
        return f"Bits({self.v:#b})"
print(Bits(12) & Bits(10), Bits(12) | Bits(10), Bits(12) ^ Bits(10), ~Bits(0), Bits(1) << 3)
