# @staticmethod and @classmethod
class Temp:
    unit = "C"
    instances = 0
    def __init__(self, deg):
        self.deg = deg
        Temp.instances += 1
    @staticmethod
    def c_to_f(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @classmethod
    def describe(cls):
        return f"{cls.__name__} in {cls.unit}"
print(Temp.c_to_f(100), Temp(0).c_to_f(37))
t = Temp.from_f(212)
print(type(t).__name__, t.deg)
print(Temp.describe(), t.describe())
class Kelvin(Temp):
    unit = "K"
k = Kelvin.from_f(32)
print(type(k).__name__, k.deg, Kelvin.describe())
print(Temp.instances)
class Registry:
    items = []
    @classmethod
    def register(cls, item):
        cls.items.append(item)
        return len(cls.items)
    @staticmethod
    def validate(item):
        return isinstance(item, str) and item != ""
for it in ["a", "", "b"]:
    if Registry.validate(it):
        print("registered", it, Registry.register(it))
print(Registry.items)
class Shape:
    @classmethod
    def create(cls, *args):
        return cls(*args)
class Sq(Shape):
    def __init__(self, s):
        self.s = s
print(type(Sq.create(3)).__name__, Sq.create(4).s)
sm = Temp.c_to_f
print(sm(0))
