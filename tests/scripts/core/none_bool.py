# None and bool basics
print(None)
print(None is None, None == None, None is not None)
print(type(None).__name__)
print(bool(None), bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("a"))
print(bool([]), bool([0]), bool({}), bool({1: 2}), bool(()), bool((None,)))
print(True, False)
print(True + True, True * 10, False - 1)
print(int(True), float(False), str(True))
print(True == 1, False == 0, True is True)
print(not None, not 0, not "x")
print(repr(None), repr(True), repr(False))
print(type(True).__name__, isinstance(True, int))
print(True & False, True | False, True ^ True)
print(hash(True) == hash(1), hash(False) == hash(0))
d = {1: "one", True: "true"}
print(d)
print([None] * 3)
x = None
if x is None:
    print("x is None")
if not x:
    print("x is falsy")
print(None or "default", None and "never")
print(max(True, False), min(True, 2))
print(sum([True, True, False, True]))
print(str(None) + "!")
print(f"{None} {True} {False!r}")
