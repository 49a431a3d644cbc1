# generator close() and throw()
def worker():
    try:
        while True:
            try:
                x = yield
                print("  got", x)
            except ValueError as e:
                print("  handled ValueError:", e)
                yield "recovered"
    finally:
        print("  cleanup")
w = worker()
next(w)
w.send(1)
print(w.throw(ValueError("bad input")))
next(w)
w.send(2)
w.close()
print("closed")
try:
    next(w)
except StopIteration:
    print("closed generator raises StopIteration")
def simple():
    yield 1
    yield 2
s = simple()
print(next(s))
try:
    s.throw(KeyError("k"))
except KeyError as e:
    print("propagated:", repr(e))
print(next(s, "finished"))
def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  GeneratorExit seen")
        raise
g = catches_exit()
next(g)
g.close()
g2 = catches_exit()
g2.close()
print("closing unstarted generator is fine")
def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 2
b = bad_close()
next(b)
try:
    b.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def returns_on_throw():
    try:
        yield 1
    except ValueError:
        return "done"
r = returns_on_throw()
next(r)
try:
    r.throw(ValueError)
except StopIteration as e:
    print("StopIteration value:", e.value)
