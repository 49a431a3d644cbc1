# messages of lookup errors
def show(fn):
    try:
        fn()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
show(lambda: [1, 2][5])
show(lambda: [][0])
show(lambda: (1,)[3])
show(lambda: "abc"[10])
show(lambda: {"a": 1}["k"])
show(lambda: {}[0])
show(lambda: {}[(1, "x")])
show(lambda: [].pop())
show(lambda: {}.pop("p"))
show(lambda: set().pop())
show(lambda: range(3)[3])
show(lambda: b"ab"[2])
def assign():
    a = [1]
    a[3] = 0
show(assign)
try:
    {"a": 1}["missing"]
except KeyError as e:
    print(repr(e), e.args, str(e))
try:
    [1][1]
except LookupError as e:
    print("LookupError base caught", type(e).__name__)
