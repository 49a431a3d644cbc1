# NameError, UnboundLocalError, AttributeError, OSError, ValueError messages
def show(fn):
    try:
        fn()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
show(lambda: undefined_name)
def unbound():
    print(x)
    x = 1
show(unbound)
show(lambda: [].foo)
show(lambda: (5).bar)
show(lambda: "s".nope)
show(lambda: None.attr)
class C:
    pass
show(lambda: C().missing)
show(lambda: C.missing)
show(lambda: open("nope.txt"))
show(lambda: int("abc"))
show(lambda: int("12x", 16))
show(lambda: float("abc"))
show(lambda: [1, 2].index(9))
show(lambda: "abc".index("z"))
show(lambda: [].remove(1))
def unpack():
    a, b = [1, 2, 3]
show(unpack)
def unpack2():
    a, b, c = [1]
show(unpack2)
show(lambda: chr(-5))
try:
    open("nope.txt")
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
try:
    undefined_name2
except NameError as e:
    print("NameError args:", e.args)
def deep_unbound():
    total = total + 1
try:
    deep_unbound()
except NameError as e:
    print("caught as NameError:", type(e).__name__)
