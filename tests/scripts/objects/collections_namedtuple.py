# collections.namedtuple
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p))
x, y = p
print(x, y)
print(Point._fields, p._asdict())
q = p._replace(y=20)
print(q, p)
print(p == (1, 2), p == Point(1, 2), p < Point(1, 3))
Person = namedtuple("Person", "name age city")
ann = Person("Ann", 30, city="Oslo")
print(ann, ann.name, ann[-1])
print(Person._make(["Bob", 25, "Rome"]))
people = [Person("Cy", 40, "A"), Person("Di", 20, "B")]
print(sorted(people, key=lambda p: p.age)[0].name)
print(max(people, key=lambda p: p.age).city)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError caught")
print(type(p).__name__, isinstance(p, tuple))
print(dict(zip(Person._fields, ann)))
D = namedtuple("D", ["a", "b"], defaults=[0])
print(D(1), D(1, 2))
print(hash(Point(1, 2)) == hash((1, 2)), {Point(1, 2): "ok"}[(1, 2)])
