# and/or/not return operands
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0, "" or "x")
print([] or [1], [0] and "yes", None and 1/0)
print(not 0, not 5, not [], not "s", not None)
print(0 or "" or None or "last", 1 and "a" and [1] and "end")
def side(name, val):
    print("eval", name)
    return val
print(side("a", 0) and side("b", 1))
print(side("c", 1) or side("d", 1))
print(side("e", 1) and side("f", 0) or side("g", "fallback"))
x = None
y = x or "default"
print(y)
z = {} or {"k": 1}
print(z)
print((True and False) or (False or True))
print(not (1 and 0), not 1 and 0)
print(1 if [] else 2, 1 if [0] else 2)
vals = [0, 1, "", "s", None, [], [0], 0.0]
print([bool(v) for v in vals])
print([v or "F" for v in vals])
print(True and 3, False or 0.0)
print(type(1 and "x").__name__, type(0 or 2.5).__name__)
