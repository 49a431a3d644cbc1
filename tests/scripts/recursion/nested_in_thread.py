# the same deep repr, comparison and hash inside a thread (threads run on 8 MB stacks)
import threading
def deep(wrap, n=100000):
    x = wrap(0)
    for _ in range(n):
        x = wrap(x)
    return x
def work():
    x = deep(lambda x: [x])
    for name, f in [("repr", lambda: repr(x)), ("str", lambda: str(x)),
                    ("==", lambda: x == deep(lambda x: [x])),
                    ("<", lambda: x < deep(lambda x: [x]))]:
        try:
            f()
        except RecursionError as e:
            print(name, "RecursionError:", e)
    t = deep(lambda x: (x,))
    print("hash of a 100000-deep tuple:", hash(t) == hash(t))
th = threading.Thread(target=work)
th.start()
th.join()
print("main thread still fine:", repr(deep(lambda x: [x], 3)))
