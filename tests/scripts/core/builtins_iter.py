# iter/next/enumerate/zip/map/filter/reversed/sorted
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
print(list(enumerate("abc")), list(enumerate("ab", start=1)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "x", None, [1]])))
print(list(filter(str.isdigit, "a1b2c3")))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
print(sorted({"b": 1, "a": 2}), sorted("cab", reverse=True))
s = iter("xy")
print(iter(s) is s, list(s), list(s))
m = map(str, range(3))
print(next(m), list(m))
z = zip("ab", range(10))
print(list(z), list(z))
print(dict(zip(["k1", "k2"], [1, 2])))
names = ["a", "b"]
ages = [1, 2]
for n, a in zip(names, ages):
    print(n, a)
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
e = enumerate("xyz")
print(next(e), next(e))
print(type(iter([])).__name__ in ("list_iterator",), type(enumerate([])).__name__, type(zip()).__name__, type(map(str, [])).__name__)
r = reversed([1, 2])
print(next(r), next(r), next(r, None))
try:
    next(iter([]))
except StopIteration:
    print("empty iterator")
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
