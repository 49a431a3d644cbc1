# class decorators and decorating methods
def add_greeting(cls):
    cls.greet = lambda self: f"Hello from {type(self).__name__}"
    return cls
@add_greeting
class Robot:
    pass
print(Robot().greet())
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class A:
    pass
@register
class B(A):
    pass
print(registry, B.__name__, issubclass(B, A))
def singleton(cls):
    instances = {}
    def get(*args):
        if cls not in instances:
            instances[cls] = cls(*args)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, name):
        self.name = name
c1 = Config("first")
c2 = Config("second")
print(c1 is c2, c2.name)
def logged(method):
    def wrapper(self, *args):
        print(f"calling {method.__name__}{args}")
        return method(self, *args)
    return wrapper
class Calc:
    @logged
    def add(self, a, b):
        return a + b
print(Calc().add(2, 3))
def with_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in cls.fields)
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
@with_repr
class Point:
    fields = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Point(1, "two"))
