# f(*args, **kwargs) runs plain functions and methods inside the interpreter loop; the
# results, errors, tracebacks, generators and the recursion limit must not change.
import sys


def add(a, b=10, *rest, c=0, **kw):
    return a + b + sum(rest) + c + sum(kw.values())


class Acc:
    def __init__(self, base):
        self.base = base

    def plus(self, *xs, **kw):
        return self.base + sum(xs) + kw.get("extra", 0)

    def gen(self, *xs):
        for x in xs:
            yield self.base * x


args = (1, 2, 3)
kw = {"c": 4, "d": 5}
print(add(*args, **kw))
print(add(*[1]))
print(add(*(), **{"a": 7}))
acc = Acc(100)
m = acc.plus
print(m(*args, **{"extra": 1}))
print(Acc.plus(*(acc, 1, 2)))
print(list(acc.gen(*args)))
print(list(Acc.gen(*(acc, 4))))

try:
    add(*(), **{"b": 1})
except TypeError as e:
    print("TypeError", e)


def boom(*a):
    raise ValueError("boom %d" % len(a))


def outer():
    try:
        boom(*(1, 2))
    except ValueError as e:
        print("caught", e)
    return "after"


print(outer())


def deep(n, *rest):
    return deep(n + 1, *rest)


try:
    deep(*(0,))
except RecursionError:
    print("RecursionError")

sys.setrecursionlimit(3000)


def count(n, *rest):
    return 0 if n == 0 else 1 + count(*((n - 1,) + rest))


print(count(*(2500,)))
