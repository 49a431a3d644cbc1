# list/dict/set comprehensions, nested
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 0])
print([v for row in matrix for v in row])
print([[row[i] for row in matrix] for i in range(3)])
print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip("abc", range(3)) if v})
print({x % 5 for x in range(12)})
print({w: len(w) for w in ["hi", "hello", "hey"]})
print(sorted({c for c in "mississippi"}))
words = ["apple", "Bob", "cat", "Dog"]
print([w.lower() for w in words if w[0].isupper()])
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
x = "outer"
r = [x for x in range(3)]
print(x, r)
print([i for i in []], {k: 1 for k in ()}, {s for s in ""})
print([(i, c) for i, c in enumerate("ab")])
print([a + b for a, b in [(1, 2), (3, 4)]])
n = 3
print([[0] * n for _ in range(n)])
print([y for x in [[1, 2], [3]] for y in x if y > 1])
print(dict((k, v) for k, v in [("a", 1)]))
print([c * 2 for c in "xyz"][::-1])
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
print(sum([x for x in range(101) if x % 7 == 0]))
print([[(i, j) for j in range(i)] for i in range(3)])
