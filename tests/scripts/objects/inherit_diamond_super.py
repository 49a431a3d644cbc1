# cooperative super() in a diamond: each __init__ runs once
calls = []
class Root:
    def __init__(self):
        calls.append("Root")
class Left(Root):
    def __init__(self):
        calls.append("Left")
        super().__init__()
class Right(Root):
    def __init__(self):
        calls.append("Right")
        super().__init__()
class Bottom(Left, Right):
    def __init__(self):
        calls.append("Bottom")
        super().__init__()
Bottom()
print(calls)
class Base:
    def __init__(self, **kw):
        self.extra = sorted(kw)
class HasName(Base):
    def __init__(self, name, **kw):
        self.name = name
        super().__init__(**kw)
class HasAge(Base):
    def __init__(self, age, **kw):
        self.age = age
        super().__init__(**kw)
class Person(HasName, HasAge):
    pass
p = Person(name="ann", age=30, city="x")
print(p.name, p.age, p.extra)
print([c.__name__ for c in Person.__mro__])
class A:
    def f(self):
        return ["A"]
class B(A):
    def f(self):
        return ["B"] + super().f()
class C(A):
    def f(self):
        return ["C"] + super().f()
class D(B, C):
    def f(self):
        return ["D"] + super().f()
class E(C, B):
    pass
print(D().f(), E().f())
print([k.__name__ for k in E.__mro__])
