# __call__ makes instances callable
class Multiplier:
    def __init__(self, factor):
        self.factor = factor
    def __call__(self, x):
        return x * self.factor
double = Multiplier(2)
print(double(21), double("ab"), callable(double), callable(Multiplier))
print(list(map(Multiplier(3), [1, 2, 3])))
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self, *args, **kwargs):
        self.calls += 1
        return (args, sorted(kwargs.items()))
c = Counter()
print(c(), c(1, 2), c(a=1))
print(c.calls)
class Accumulator:
    def __init__(self):
        self.total = 0
    def __call__(self, v):
        self.total += v
        return self.total
acc = Accumulator()
for v in [5, 10, 15]:
    print(acc(v))
print(sorted([3, -1, 2], key=Multiplier(-1)))
class Plain:
    pass
try:
    Plain()()
except TypeError as e:
    print("TypeError:", e)
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, other):
        return Adder(self.n + other)
    def __repr__(self):
        return f"Adder({self.n})"
print(Adder(1)(2)(3)(4))
