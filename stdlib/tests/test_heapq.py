"""Test stdlib/heapq.py against CPython's heapq on random data.

Run via check_with_cpython.sh, which passes the module's import name.
"""
import heapq as ref
import importlib
import random
import sys

m = importlib.import_module(sys.argv[1])

rng = random.Random(7)
for trial in range(200):
    data = [rng.randrange(50) for _ in range(rng.randrange(30))]
    a, b = list(data), list(data)
    m.heapify(a)
    ref.heapify(b)
    assert a == b, (data, a, b)
    for x in range(5):
        m.heappush(a, x * 7 % 11)
        ref.heappush(b, x * 7 % 11)
        assert a == b
    if a:
        assert m.heapreplace(a, 25) == ref.heapreplace(b, 25) and a == b
    assert m.heappushpop(a, 3) == ref.heappushpop(b, 3) and a == b
    assert [m.heappop(a) for _ in range(len(a))] == [ref.heappop(b) for _ in range(len(b))]
    for n in (0, 1, 3, 40):
        assert m.nsmallest(n, data) == ref.nsmallest(n, data)
        assert m.nlargest(n, data) == ref.nlargest(n, data)
        assert m.nsmallest(n, data, key=lambda v: -v) == ref.nsmallest(n, data, key=lambda v: -v)
    parts = [sorted(data[i::3]) for i in range(3)]
    assert list(m.merge(*parts)) == list(ref.merge(*parts))
    rparts = [sorted(p, reverse=True) for p in parts]
    assert list(m.merge(*rparts, reverse=True)) == list(ref.merge(*rparts, reverse=True))
    keyed = [sorted(p, key=lambda v: v % 7) for p in parts]
    assert list(m.merge(*keyed, key=lambda v: v % 7)) == list(ref.merge(*keyed, key=lambda v: v % 7))

try:
    m.heappop([])
except IndexError:
    pass
else:
    raise AssertionError("heappop([]) should raise IndexError")

print("OK")
