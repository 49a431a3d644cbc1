"""Test stdlib/itertools.py against CPython's itertools.

Run via check_with_cpython.sh, which passes the module's import name.
"""
import importlib
import itertools as ref
import operator
import sys

m = importlib.import_module(sys.argv[1])


def same(name, *args, take=None, **kwargs):
    """Call m.name and ref.name with the same arguments; compare the output."""
    got = getattr(m, name)(*args, **kwargs)
    want = getattr(ref, name)(*args, **kwargs)
    if take is not None:
        got = ref.islice(got, take)
        want = ref.islice(want, take)
    got, want = list(got), list(want)
    assert got == want, (name, args, kwargs, got, want)


def same_error(name, *args):
    def run(lib):
        try:
            list(getattr(lib, name)(*args))
        except Exception as e:
            return type(e), str(e)
        return None
    got, want = run(m), run(ref)
    assert got == want, (name, args, got, want)


# infinite iterators
same("count", take=5)
same("count", 10, take=5)
same("count", 1, 3, take=5)
same("count", 2.5, 0.5, take=5)
same("count", 0, -2, take=5)
same("cycle", "abc", take=10)
same("cycle", [], take=10)
same("repeat", "x", 3)
same("repeat", "x", 0)
same("repeat", "x", take=4)

# finite iterators
same("accumulate", [1, 2, 3, 4, 5])
same("accumulate", [1, 2, 3, 4, 5], operator.mul)
same("accumulate", [1, 2, 3], initial=100)
same("accumulate", [], initial=100)
same("accumulate", [])
same("accumulate", [3, 1, 4, 1, 5], max)
same("chain", "abc", [1, 2], (), range(3))
same("chain")
assert list(m.chain.from_iterable(["ab", "", "cd"])) == list(ref.chain.from_iterable(["ab", "", "cd"]))
assert list(m.chain.from_iterable(x for x in [[1], [2, 3]])) == [1, 2, 3]
c = m.chain([1], [2])
assert iter(c) is c and next(c) == 1
same("compress", "ABCDEF", [1, 0, 1, 0, 1, 1])
same("compress", "ABC", [1, 1, 1, 1, 1])
same("dropwhile", lambda x: x < 5, [1, 4, 6, 4, 1])
same("dropwhile", lambda x: x < 5, [])
same("takewhile", lambda x: x < 5, [1, 4, 6, 4, 1])
same("filterfalse", lambda x: x % 2, range(10))
same("filterfalse", None, [0, 1, "", "a", None, [], [0]])
same("starmap", pow, [(2, 5), (3, 2), (10, 3)])
same("pairwise", "ABCDEFG")
same("pairwise", "A")
same("pairwise", "")
same("zip_longest", "ABCD", "xy", fillvalue="-")
same("zip_longest", "AB", "wxyz", [1])
same("zip_longest")
same("zip_longest", [], [])

# groupby: full consumption, skipping groups, keys, and stale groups
def gb(lib, data, key=None):
    return [(k, list(g)) for k, g in lib.groupby(data, key)]

for data, key in [("AAAABBBCCDAABBB", None), ("", None), ("A", None),
                  ([1, 3, 2, 4, 6, 5], lambda x: x % 2), ([1, 1, 1], None)]:
    assert gb(m, data, key) == gb(ref, data, key), data
assert [k for k, _ in m.groupby("AAABBC")] == ["A", "B", "C"]
def stale(lib):
    groups = list(lib.groupby("AAABBC"))
    return [(k, list(g)) for k, g in groups]
assert stale(m) == stale(ref), (stale(m), stale(ref))
def partial_groups(lib):
    out = []
    for k, g in lib.groupby("AAABBBCC"):
        out.append((k, next(g)))
    return out
assert partial_groups(m) == partial_groups(ref)

# islice: values, source position afterwards, errors
for args in [(5,), (2, 5), (0, 10, 3), (2, None), (None, None, 2), (3, 3), (5, 2),
             (0,), (None,), (1, 100, 7), (20, 30)]:
    same("islice", range(10), *args)
    it1, it2 = iter(range(20)), iter(range(20))
    list(m.islice(it1, *args))
    list(ref.islice(it2, *args))
    assert list(it1) == list(it2), ("islice position", args)
for args in [(-1,), (-5,), (-1, 5), (1, -5), (1, -1), (0, 5, 0), (0, 5, -1), ("a",),
             ("a", 3), (1, "a"), (2.0, 5), (0, 5, 1.0), (1, 2, 3, 4)]:
    same_error("islice", range(10), *args)
try:
    m.islice(range(3), -1)
    raise AssertionError("islice should validate eagerly")
except ValueError:
    pass

# tee
a, b = m.tee(iter(range(5)))
assert list(a) == [0, 1, 2, 3, 4] and list(b) == [0, 1, 2, 3, 4]
a, b, c = m.tee("abcdef", 3)
assert next(a) == "a" and next(a) == "b" and next(b) == "a"
assert list(c) == list("abcdef") and list(a) == list("cdef") and list(b) == list("bcdef")
assert m.tee("abc", 0) == ()

# combinatorics
for it, r in [("ABCD", 2), (range(4), 3), ("AB", 0), ("", 0), ("AB", 3), ("", 1), ("ABC", None)]:
    same("permutations", it, r)
    if r is not None:
        same("combinations", it, r)
        same("combinations_with_replacement", it, r)
same("permutations", range(4))
same("product", "AB", "xyz")
same("product", "AB", repeat=3)
same("product", range(2), "ab", repeat=2)
same("product")
same("product", "AB", [])
same("product", "AB", repeat=0)
same_error("permutations", "AB", -1)
same_error("combinations", "AB", -1)
same_error("combinations_with_replacement", "AB", -1)

print("OK")
