# repr and str of containers nested far past the recursion limit raise RecursionError
def deep(wrap, n=100000):
    x = wrap(None)
    for _ in range(n):
        x = wrap(x)
    return x
for name, wrap in [("list", lambda x: [x]), ("dict", lambda x: {1: x}),
                   ("tuple", lambda x: (x,)), ("mixed", lambda x: [{"k": (x, 1)}])]:
    for f in (repr, str):
        try:
            f(deep(wrap))
        except RecursionError as e:
            print(name, f.__name__, "RecursionError:", e)
print(repr(deep(lambda x: [x], 50))[:12])
