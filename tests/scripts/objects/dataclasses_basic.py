# @dataclass: generated __init__, __repr__, __eq__
from dataclasses import dataclass, field
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print(p, Point(5), Point(x=3, y=4))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 3))
p.x = 10
print(p, p.x)
@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    def total(self):
        return self.price * self.qty
items = [Item("pen", 1.5, 4), Item("book", 12.0)]
print(items)
print([i.total() for i in items], sum(i.total() for i in items))
@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
a, b = Inventory("a"), Inventory("b")
a.items.append("x")
print(a, b)
@dataclass(frozen=True)
class Frozen:
    v: int
f = Frozen(1)
try:
    f.v = 2
except Exception as e:
    print(type(e).__name__)
print(f == Frozen(1), hash(f) == hash(Frozen(1)))
@dataclass(order=True)
class Version:
    major: int
    minor: int
print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]))
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
