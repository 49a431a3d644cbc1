# class attributes vs instance attributes
class Dog:
    species = "canis"
    count = 0
    tricks = []
    def __init__(self, name):
        self.name = name
        Dog.count += 1
    def add_trick(self, t):
        self.tricks.append(t)
a = Dog("rex")
b = Dog("fido")
print(Dog.count, a.count, b.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
Dog.species = "canis familiaris"
print(a.species, b.species)
a.add_trick("sit")
b.add_trick("roll")
print(Dog.tricks, a.tricks is b.tricks)
class Cat:
    def __init__(self, name):
        self.name = name
        self.tricks = []
    def add_trick(self, t):
        self.tricks.append(t)
x, y = Cat("tom"), Cat("kit")
x.add_trick("jump")
print(x.tricks, y.tricks)
del a.species
print(a.species)
class Config:
    DEBUG = False
    LEVEL = 3
    NAMES = ("a", "b")
print(Config.DEBUG, Config.LEVEL, Config.NAMES[1])
Config.LEVEL += 1
print(Config.LEVEL, getattr(Config, "LEVEL"))
setattr(Config, "NEW", "added")
print(Config.NEW, Config().NEW)
class WithMethodAttr:
    x = 1
    def get(self):
        return self.x
    def set_class(self, v):
        type(self).x = v
w1, w2 = WithMethodAttr(), WithMethodAttr()
w1.set_class(42)
print(w1.get(), w2.get())
