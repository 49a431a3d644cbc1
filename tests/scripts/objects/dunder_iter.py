# __iter__ / __next__
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(Countdown(5)))
for n in Countdown(3):
    print("tick", n)
c = Countdown(2)
print(next(c), next(c), next(c, "done"))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Range2(4)
print(list(r), list(r), sum(r), 3 in r, 4 in r)
print(sorted(Range2(3), reverse=True), max(Range2(6)))
a, b, c2 = Range2(3)
print(a, b, c2)
print(dict(zip(Range2(3), "xyz")), list(enumerate(Range2(2))))
class Pairs:
    def __init__(self, d):
        self.d = d
    def __iter__(self):
        return iter(sorted(self.d.items()))
for k, v in Pairs({"b": 2, "a": 1}):
    print(k, v)
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        return FibIter(self.limit)
class FibIter:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        return v
print(list(Fib(100)))
it = iter(Fib(10))
print(next(it), next(it), list(it))
class NotIter:
    pass
try:
    for x in NotIter():
        pass
except TypeError as e:
    print("TypeError:", e)
