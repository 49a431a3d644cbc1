# type, isinstance, issubclass, hasattr/getattr/setattr, hash
class Animal:
    sound = "..."
    def speak(self):
        return self.sound
class Dog(Animal):
    sound = "woof"
d = Dog()
print(type(d).__name__, type(d) is Dog, type(d) is Animal)
print(isinstance(d, Dog), isinstance(d, Animal), isinstance(d, object), isinstance(d, int))
print(issubclass(Dog, Animal), issubclass(Animal, Dog), issubclass(Dog, object), issubclass(bool, int))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (str, int)))
print(hasattr(d, "sound"), hasattr(d, "speak"), hasattr(d, "fly"))
print(getattr(d, "sound"), getattr(d, "fly", "no attr"), getattr(d, "speak")())
setattr(d, "name", "Rex")
print(d.name, getattr(d, "name"))
try:
    getattr(d, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(hash(1) == hash(1), hash("a") == hash("a"), hash((1, 2)) == hash((1, 2)))
print(hash(42), hash(True), hash(0.0), hash(7) == hash(7.0))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
print(callable(len), callable(d.speak), callable(3), callable(Dog))
print(hasattr("str", "upper"), hasattr([], "append"), hasattr(5, "real"))
print(getattr([1, 2], "count")(1))
print(isinstance([], list), isinstance({}, dict), isinstance((), tuple))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, Exception))
print(type(1)(5), type("x")(5), type([])("ab"))
