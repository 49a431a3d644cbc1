# generator expressions as call arguments
print(sum(x * x for x in range(10)))
print(any(x > 8 for x in range(10)), any(x > 9 for x in range(10)))
print(all(x >= 0 for x in range(5)), all(x > 0 for x in range(5)))
words = ["kiwi", "banana", "fig", "cherry"]
print(max(words, key=len), min(words, key=lambda w: w[-1]))
print(max((len(w), w) for w in words))
print(sorted(w.upper() for w in words))
print(list(x for x in "abc"), tuple(i for i in range(3)), set(i % 2 for i in range(5)))
print(dict((w, len(w)) for w in words))
print(", ".join(str(n) for n in range(5)))
g = (n * 2 for n in range(3))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(1 for _ in range(100) if _ % 3 == 0))
print(min(abs(v) for v in [-7, 3, -2, 9]))
print(any([]), all([]), sum([]), max([], default="empty"))
print(sum(x for x in [0.5, 0.25, 0.125]))
print(sum((x for x in range(4)), 10))
total = 0
for sq in (i * i for i in range(5) if i % 2):
    total += sq
print(total)
print(list(zip((c for c in "ab"), (n for n in range(5)))))
print(sorted((x for x in [3, 1, 2]), reverse=True))
nested = sum(sum(r) for r in [[1, 2], [3, 4]])
print(nested)
lazy = (1 / x for x in [1, 0])
print(next(lazy))
try:
    next(lazy)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
