# @property (read-only, computed)
class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def radius(self):
        return self._r
    @property
    def area(self):
        return round(3.14159 * self._r ** 2, 3)
    @property
    def diameter(self):
        return self._r * 2
c = Circle(2)
print(c.radius, c.area, c.diameter)
c._r = 3
print(c.radius, c.area, c.diameter)
try:
    c.radius = 10
except AttributeError as e:
    print("AttributeError caught")
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
l = Lazy()
print(l.value, l.value, l.computed)
class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last
    @property
    def full(self):
        return f"{self.first} {self.last}"
people = [Person("Ada", "Lovelace"), Person("Alan", "Turing")]
print([p.full for p in people])
print(sorted(people, key=lambda p: p.full)[0].full)
print(type(Person.full).__name__)
class Sub(Circle):
    @property
    def area(self):
        return "overridden"
print(Sub(1).area, Sub(1).diameter)
