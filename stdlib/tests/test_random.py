"""Test stdlib/random.py: determinism, ranges, rough uniformity, and the same
errors as CPython's random (the sequences themselves are not CPython's).

Run via check_with_cpython.sh, which passes the module's import name.
"""
import importlib
import random as ref
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)  # CPython: randrange(float)

m = importlib.import_module(sys.argv[1])


def error_of(func):
    try:
        func()
    except Exception as e:
        return type(e).__name__, str(e)
    return None


# Same seed -> same sequence; different seeds -> different sequences.
for s in [0, 1, 42, 2 ** 100 + 7, -5, 3.25, "hello", b"bytes"]:
    a, b = m.Random(s), m.Random(s)
    assert [a.random() for _ in range(20)] == [b.random() for _ in range(20)], s
assert m.Random(1).random() != m.Random(2).random()
assert m.Random("a").random() != m.Random("b").random()
assert m.Random(2 ** 64 + 1).random() != m.Random(1).random()  # high bits matter
r = m.Random(7)
state = r.getstate()
first = [r.random() for _ in range(5)]
r.setstate(state)
assert [r.random() for _ in range(5)] == first
r.seed(7)
assert [r.random() for _ in range(5)] == first
assert m.Random().random() != m.Random().random()  # seeded from entropy

# Ranges and types.
r = m.Random(12345)
for _ in range(5000):
    x = r.random()
    assert 0.0 <= x < 1.0 and isinstance(x, float)
    assert 3 <= r.randint(3, 9) <= 9
    v = r.randrange(10, 50, 5)
    assert 10 <= v < 50 and v % 5 == 0
    v = r.randrange(50, 10, -7)
    assert v in range(50, 10, -7)
    assert 0 <= r.randrange(7) < 7
    assert -2.0 <= r.uniform(-2.0, 3.0) <= 3.0
    assert 0 <= r.getrandbits(70) < 2 ** 70
assert r.getrandbits(0) == 0
assert isinstance(r.randint(1, 1), int) and r.randint(1, 1) == 1
big = r.randrange(10 ** 30)
assert 0 <= big < 10 ** 30

# Rough uniformity: 60,000 rolls of a die, each face within 5% of expected.
counts = [0] * 6
for _ in range(60000):
    counts[r.randint(1, 6) - 1] += 1
assert all(9500 < c < 10500 for c in counts), counts
mean = sum(r.random() for _ in range(20000)) / 20000
assert 0.49 < mean < 0.51, mean
bits = sum(r.getrandbits(1) for _ in range(20000))
assert 9700 < bits < 10300, bits

# Sequences.
data = list(range(20))
r.shuffle(data)
assert sorted(data) == list(range(20)) and data != list(range(20))
s = r.sample(range(100), 10)
assert len(set(s)) == 10 and all(0 <= x < 100 for x in s)
assert sorted(r.sample("abc", 3)) == ["a", "b", "c"]
assert r.sample([1, 2], 0) == []
assert sorted(r.sample(["x", "y"], 3, counts=[2, 1])) == ["x", "x", "y"]
assert r.choice("abc") in "abc"
seen = {r.choice([1, 2, 3]) for _ in range(200)}
assert seen == {1, 2, 3}
c = r.choices("ab", k=1000)
assert len(c) == 1000 and set(c) == {"a", "b"}
c = r.choices("abc", weights=[0, 1, 3], k=4000)
assert c.count("a") == 0 and 800 < c.count("b") < 1200, c.count("b")
c = r.choices("abc", cum_weights=[1, 1, 2], k=2000)
assert c.count("b") == 0 and 850 < c.count("a") < 1150
g = [r.gauss(10.0, 2.0) for _ in range(10000)]
gm = sum(g) / len(g)
assert 9.9 < gm < 10.1, gm
n = [r.normalvariate() for _ in range(10000)]
var = sum(x * x for x in n) / len(n)
assert 0.9 < var < 1.1, var

# Errors match CPython's (type and message).
cases = [
    lambda R: R.randrange(0),
    lambda R: R.randrange(5, 2),
    lambda R: R.randrange(0, 10, 0),
    lambda R: R.randint(3, 1),
    lambda R: R.sample([1, 2], 3),
    lambda R: R.sample([1, 2], -1),
    lambda R: R.sample({1, 2}, 1),
    lambda R: R.choice([]),
    lambda R: R.choice(""),
    lambda R: R.choices([1, 2], [1], k=2),
    lambda R: R.choices([1], [0]),
    lambda R: R.getrandbits(-1),
    lambda R: R.randrange(1.5),
    lambda R: R.seed([1, 2]),
]
for case in cases:
    got, want = error_of(lambda: case(m.Random(1))), error_of(lambda: case(ref.Random(1)))
    assert got == want, (got, want)

# Module-level functions use one shared default instance.
m.seed(99)
a = [m.random(), m.randint(1, 100), m.choice("xyz")]
m.seed(99)
assert a == [m.random(), m.randint(1, 100), m.choice("xyz")]
lst = [1, 2, 3]
m.shuffle(lst)
assert sorted(lst) == [1, 2, 3]
assert len(m.sample(range(10), 3)) == 3 and len(m.choices([1, 2], k=5)) == 5
assert 1.0 <= m.uniform(1.0, 2.0) <= 2.0

print("OK")
