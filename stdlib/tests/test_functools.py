"""Test stdlib/functools.py against CPython's functools.

Run via check_with_cpython.sh, which passes the module's import name.
"""
import functools as ref
import importlib
import sys

m = importlib.import_module(sys.argv[1])


def expect_error(exc_type, message, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except exc_type as e:
        assert str(e) == message, (str(e), message)
        return
    raise AssertionError(f"{exc_type.__name__} not raised")


# reduce
add = lambda a, b: a + b
for data, init in [([1, 2, 3, 4], None), ([], 10), ([5], None), ("abc", "")]:
    if init is None:
        assert m.reduce(add, data) == ref.reduce(add, data)
    else:
        assert m.reduce(add, data, init) == ref.reduce(add, data, init)
assert m.reduce(add, iter([1, 2, 3])) == 6
assert m.reduce(add, [], None) is None  # None is a legitimate initial value
expect_error(TypeError, "reduce() of empty iterable with no initial value", m.reduce, add, [])
try:
    m.reduce(add, [])
except TypeError as e:
    assert e.__context__ is None  # not chained to StopIteration

# partial
def f(a, b, c=3, *, d=4):
    return (a, b, c, d)

p = m.partial(f, 1, d=40)
rp = ref.partial(f, 1, d=40)
assert p(2) == rp(2)
assert p(2, 30, d=5) == rp(2, 30, d=5)
assert p.func is f and p.args == (1,) and p.keywords == {"d": 40}
pp = m.partial(p, 2)
assert pp() == (1, 2, 3, 40) and pp.func is f and pp.args == (1, 2)
assert repr(m.partial(f, 1, d=2)) == repr(ref.partial(f, 1, d=2))
expect_error(TypeError, "the first argument must be callable", m.partial, 5)

# wraps / update_wrapper
def original(x):
    "doc of original"
    return x
original.extra = "attr"

@m.wraps(original)
def wrapper(*args):
    return original(*args)

assert wrapper.__name__ == "original"
assert wrapper.__qualname__ == original.__qualname__
assert wrapper.__doc__ == "doc of original"
assert wrapper.__module__ == original.__module__
assert wrapper.__wrapped__ is original
assert wrapper.extra == "attr"
assert wrapper(7) == 7

# lru_cache: bare, called, and with maxsize
calls = []

@m.lru_cache
def square(x):
    calls.append(x)
    return x * x

@ref.lru_cache
def ref_square(x):
    return x * x

for v in [1, 2, 1, 3, 2, 1]:
    assert square(v) == ref_square(v)
assert calls == [1, 2, 3]
assert repr(square.cache_info()) == repr(ref_square.cache_info()), (square.cache_info(), ref_square.cache_info())
assert square.cache_info() == ref_square.cache_info()
assert square.cache_info().hits == 3 and square.cache_info().currsize == 3
h, mi, ms, cs = square.cache_info()
assert (h, mi, ms, cs) == (3, 3, 128, 3)
square.cache_clear()
assert square.cache_info() == (0, 0, 128, 0)
assert square.__name__ == "square" and square.__wrapped__ is not None

def make_pair(lib, maxsize):
    log = []

    @lib.lru_cache(maxsize=maxsize)
    def g(x, y=0):
        log.append((x, y))
        return x + y
    return g, log

for maxsize in [2, 3, 0, None]:
    g, log = make_pair(m, maxsize)
    rg, rlog = make_pair(ref, maxsize)
    seq = [(1,), (2,), (1,), (3,), (2,), (1,), (1, 5), (1,), (4,), (2,)]
    for a in seq:
        assert g(*a) == rg(*a)
    assert g(1, y=2) == rg(1, y=2) and g(x=1, y=2) == rg(x=1, y=2)
    assert log == rlog, (maxsize, log, rlog)
    assert repr(g.cache_info()) == repr(rg.cache_info()), (g.cache_info(), rg.cache_info())

# keyword arguments are part of the key
g, log = make_pair(m, None)
g(1, 2); g(1, y=2); g(1, y=2)
assert log == [(1, 2), (1, 2)]

# cache
@m.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
assert fib(80) == 23416728348467685
assert fib.cache_info().maxsize is None and fib.cache_info().misses == 81

# lru_cache on a method
class C:
    @m.lru_cache(maxsize=None)
    def double(self, x):
        return 2 * x
assert C().double(4) == 8

# total_ordering
for lib in (m, ref):
    pass

def make_ordered(lib, root):
    class V:
        def __init__(self, v):
            self.v = v

        def __eq__(self, other):
            return self.v == other.v

    def lt(self, other):
        return self.v < other.v

    def le(self, other):
        return self.v <= other.v

    def gt(self, other):
        return self.v > other.v

    def ge(self, other):
        return self.v >= other.v

    setattr(V, root, {"__lt__": lt, "__le__": le, "__gt__": gt, "__ge__": ge}[root])
    return lib.total_ordering(V)

for root in ["__lt__", "__le__", "__gt__", "__ge__"]:
    V = make_ordered(m, root)
    RV = make_ordered(ref, root)
    for a in range(3):
        for b in range(3):
            got = (V(a) < V(b), V(a) <= V(b), V(a) > V(b), V(a) >= V(b))
            want = (RV(a) < RV(b), RV(a) <= RV(b), RV(a) > RV(b), RV(a) >= RV(b))
            assert got == want == (a < b, a <= b, a > b, a >= b), (root, a, b, got)

class NoOrder:
    pass
expect_error(ValueError, "must define at least one ordering operation: < > <= >=", m.total_ordering, NoOrder)

# cmp_to_key
def cmp(a, b):
    return (a > b) - (a < b)
data = [5, 1, 4, 2, 3, 1]
assert sorted(data, key=m.cmp_to_key(cmp)) == sorted(data, key=ref.cmp_to_key(cmp))
assert sorted(data, key=m.cmp_to_key(lambda a, b: cmp(b, a))) == [5, 4, 3, 2, 1, 1]
K = m.cmp_to_key(cmp)
assert K(1) < K(2) and K(2) >= K(2) and K(3) == K(3) and not (K(1) > K(2))

print("OK")
