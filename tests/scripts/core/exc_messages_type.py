# messages of type errors
def show(fn):
    try:
        fn()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
show(lambda: "a" + 1)
show(lambda: 1 + "a")
show(lambda: [1] + (2,))
five = 5
nothing = None
text = "x"
show(lambda: five[0])
show(lambda: nothing())
show(lambda: five())
show(lambda: text())
show(lambda: list(5))
show(lambda: [x for x in 5])
show(lambda: len(5))
show(lambda: "a" * "b")
show(lambda: "a" - "b")
show(lambda: -"a")
show(lambda: {[]: 1})
show(lambda: 1 < "a")
show(lambda: None + 1)
show(lambda: [1, 2] * 1.5)
show(lambda: int([1]))
idx = 1.0
show(lambda: "abc"[idx])
show(lambda: sum(["a"]))
def f(a, b):
    return a + b
show(lambda: f(1))
show(lambda: f(1, 2, 3))
show(lambda: f(1, c=2))
show(lambda: f(1, 2, a=3))
def g():
    pass
show(lambda: g(1))
def s(a, b, c):
    pass
show(lambda: s())
show(lambda: s(1))
