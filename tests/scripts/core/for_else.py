# for loops with else, break, continue, nested
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for x in []:
    print("never")
else:
    print("else after empty loop")
for c in "abcdef":
    if c in "bd":
        continue
    if c == "e":
        break
    print(c)
else:
    print("not reached")
total = 0
for i in range(10):
    if i % 2:
        continue
    total += i
print("total", total)
for i, row in enumerate([[1, 2], [3, 4]]):
    for j, v in enumerate(row):
        print(i, j, v)
found = None
for name in ["ann", "bob", "cy"]:
    if name.startswith("b"):
        found = name
        break
print(found)
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for i in range(3):
    pass
print("loop var after loop:", i)
for _ in range(2):
    for _ in range(2):
        print("inner")
        break
    else:
        print("inner else")
for a, *b in [(1, 2, 3), (4,)]:
    print(a, b)
