# ==, != and < of containers nested far past the recursion limit raise RecursionError
def deep(wrap, n=100000):
    x = wrap(0)
    for _ in range(n):
        x = wrap(x)
    return x
a, b = deep(lambda x: [x]), deep(lambda x: [x])
for name, f in [("==", lambda: a == b), ("!=", lambda: a != b), ("<", lambda: a < b)]:
    try:
        print(f())
    except RecursionError as e:
        print(name, "RecursionError:", e)
c, d = deep(lambda x: {"k": x}), deep(lambda x: {"k": x})
try:
    print(c == d)
except RecursionError as e:
    print("dict == RecursionError:", e)
print(a == a, deep(lambda x: (x,), 50) == deep(lambda x: (x,), 50))
