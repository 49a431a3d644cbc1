# class basics: __init__, instance attrs, methods, type names
class Point:
    """A 2D point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims)
q = p.moved(1, -1)
print(q.x, q.y, p.x)
print(type(p).__name__, type(p) is Point, Point.__name__)
print(isinstance(p, Point), isinstance(p, object), isinstance(3, Point))
print(Point.__doc__)
p.z = 10
print(p.z, hasattr(p, "z"), hasattr(q, "z"))
p.x = 100
print(p.x, q.x)
class Empty:
    pass
e = Empty()
print(type(e).__name__, isinstance(e, Empty))
e.anything = [1, 2]
print(e.anything)
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self
c = Counter()
c.inc().inc().inc(5)
print(c.n)
print(Point(0, 0).norm2(), Point(1, 1).moved(1, 1).norm2())
points = [Point(i, -i) for i in range(3)]
print([pt.norm2() for pt in points])
print(str(type(p).__name__) + "!", type(Point).__name__)
