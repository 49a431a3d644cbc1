# reflected operators __radd__, __rmul__, __rsub__
class Meters:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        if isinstance(o, Meters):
            return Meters(self.v + o.v)
        if isinstance(o, (int, float)):
            return Meters(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        print("  __radd__ called with", o)
        return self.__add__(o)
    def __mul__(self, k):
        return Meters(self.v * k)
    def __rmul__(self, k):
        print("  __rmul__ called with", k)
        return Meters(self.v * k)
    def __rsub__(self, o):
        return Meters(o - self.v)
    def __repr__(self):
        return f"{self.v}m"
m = Meters(5)
print(m + 1)
print(1 + m)
print(m * 3)
print(3 * m)
print(10 - m)
print(sum([Meters(1), Meters(2), Meters(3)]))
print(2.5 * m)
try:
    "x" + m
except TypeError as e:
    print("TypeError:", e)
try:
    m - 1
except TypeError as e:
    print("TypeError:", e)
class Left:
    def __add__(self, o):
        return "Left.__add__"
class Right:
    def __radd__(self, o):
        return "Right.__radd__"
print(Left() + Right())
print(1 + Right())
class Sub(Meters):
    def __radd__(self, o):
        return "Sub.__radd__ wins"
print(Meters(1) + Sub(2))
