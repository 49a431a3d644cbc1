# single inheritance and super()
class Animal:
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"
    def describe(self):
        return f"{self.name} is a {self.kind()}"
class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []
    def kind(self):
        return "dog"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (tiny)"
    def kind(self):
        return "puppy, a young " + super().kind()
a, d, p = Animal("generic"), Dog("rex"), Puppy("bit")
for x in (a, d, p):
    print(x.speak(), "|", x.describe())
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy))
print(p.tricks, Puppy.__bases__[0].__name__, Dog.__base__.__name__)
class Base:
    def __init__(self):
        self.log = ["Base"]
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Mid")
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        self.log.append("Leaf")
print(Leaf().log)
class NoInit(Dog):
    pass
n = NoInit("inherited")
print(n.speak(), n.kind())
print([c.__name__ for c in Puppy.__mro__])
class Shape:
    def area(self):
        return 0
    def __str__(self):
        return f"{type(self).__name__} with area {self.area()}"
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(str(Sq(3)), str(Shape()))
