# set operations
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7, 8], (9,)))
print({1, 2}.issubset(a), a.issubset({1}), a.issuperset({1, 2}), {1, 2} <= a, {1, 2} < {1, 2})
print(a.isdisjoint({9, 10}), a.isdisjoint(b))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s))
s.discard(99)
s.discard(1)
print(s)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
s.update([5, 6, 7])
print(s, 5 in s, 99 not in s)
print(s.pop() in {3, 5, 6, 7}, len(s))
print({x % 4 for x in range(20)})
print(set([3, 3, 2, 1]), set("aab") == {"a", "b"}, set())
words = {"pear", "apple", "fig"}
print(sorted(words), sorted(words | {"kiwi"}))
print(sorted({"b", "a"} & {"a", "c"}))
print({1, 2} == {2, 1}, {1} != {1, 2}, frozenset([1, 2]) == {1, 2})
fs = frozenset([3, 1])
print(sorted(fs), len(fs), 3 in fs)
print({(1, 2), (1, 2)}, len({1, 1.0, True}))
c = {1, 2, 3}
c |= {4}
c &= {1, 2, 4}
c -= {1}
c ^= {9}
print(c)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
print(sorted({-5, 3, 0, -1}))
print(set(range(5)) - set(range(0, 10, 2)))
