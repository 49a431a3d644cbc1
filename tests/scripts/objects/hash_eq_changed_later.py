# Dict and set keys follow __hash__ and __eq__ as they change on a class or a base after
# instances were used as keys (gil caches both per class, checked against the class dicts).
class Base:
    pass


class Key(Base):
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Key({self.n})"


a, b = Key(1), Key(1)
d = {a: "a"}
print(d.get(b), a in d, len({a, b}))

Base.__hash__ = lambda self: hash(self.n)
print(hash(a) == hash(b), d.get(b))

Base.__eq__ = lambda self, other: isinstance(other, Key) and self.n == other.n
d2 = {a: "a"}
print(d2.get(b), b in d2, len({a, b}))

Key.__hash__ = None
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)
try:
    {a: 1}
except TypeError as e:
    print("TypeError:", e)

del Key.__hash__
print(hash(a) == hash(b), {a: 1}.get(b))

del Base.__eq__
print({a: 1}.get(b), len({a, b}))

del Base.__hash__
s = {a}
print(b in s, a in s)

# A subclass created after the base changed, and one of a class whose __eq__ came first.
class Later(Base):
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


x, y = Later(), Later()
print({x: 1}.get(y), len({x, y}))
Later.__hash__ = lambda self: 7
print({x: 1}.get(y), len({x, y}))
