# abs min max sum any all
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(True))
print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max("hello"), min("b", "a", "c"))
print(max([1, -5, 3], key=abs), min(["ccc", "a", "bb"], key=len))
print(max([], default=None), min((), default=-1), max([7], default=0))
print(max([2, 2.0]), max(2.0, 2), min(1, True))
print(max({"a": 3, "b": 1}), max({"a": 3, "b": 1}.values()))
print(max([(1, "b"), (1, "a")]), min([[2], [1, 9]]))
words = ["pear", "fig", "banana", "kiwi"]
print(max(words, key=len), min(words, key=len), max(words), min(words))
print(max(words, key=lambda w: w[-1]))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min()
except TypeError as e:
    print("TypeError:", e)
print(sum([1, 2, 3]), sum([1, 2], 10), sum([]), sum([0.1, 0.2]), sum(range(5), start=1))
print(sum([[1], [2]], []), sum((True, True)))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
print(any([0, 0, 1]), any([]), any([0, ""]), all([1, "x"]), all([]), all([1, 0]))
print(any(c.isdigit() for c in "ab3"), all(c.isalpha() for c in "ab3"))
print(abs(-10 ** 20), max(10 ** 20, 10 ** 19), min(-10 ** 20, 0))
print(max(1, 2, key=lambda v: -v), min("B", "a", key=str.lower))
print(max([3, 1, 3], key=lambda v: v), max(["b", "a", "b"]))
print(max([("x", 1), ("y", 1)], key=lambda p: p[1]))
