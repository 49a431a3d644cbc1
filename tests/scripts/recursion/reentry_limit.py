# gil code re-entered from native code (__repr__, __eq__, properties, __getattr__, __init__,
# __hash__, __len__, __iter__, generators, map) recursing without end raises RecursionError,
# on the main thread and in a thread
import threading
class Box:
    def __init__(self, c): self.c = c
class R(Box):
    def __repr__(self): return "R(" + repr(self.c) + ")"
class S(Box):
    def __str__(self): return "S" + str(self.c)
class E(Box):
    def __eq__(self, o): return self.c == o.c
class P(Box):
    @property
    def v(self): return self.c.v
class G(Box):
    def __getattr__(self, name): return getattr(self.c, name)
class H(Box):
    def __hash__(self): return hash(self.c)
class L(Box):
    def __len__(self): return len(self.c)
class It(Box):
    def __iter__(self): return iter(self.c)
class I:
    def __init__(self): self.child = I()
def ring(cls):
    a = cls(None)
    a.c = cls(a)
    return a
def gen():
    yield next(gen())
def mapped(x):
    return list(map(mapped, [x]))
cases = [("repr", lambda: repr(ring(R))), ("str", lambda: str(ring(S))),
         ("eq", lambda: ring(E) == ring(E)), ("property", lambda: ring(P).v),
         ("getattr", lambda: ring(G).v), ("hash", lambda: hash(ring(H))),
         ("len", lambda: len(ring(L))), ("iter", lambda: iter(ring(It))),
         ("init", I), ("generator", lambda: next(gen())), ("map", lambda: mapped(0))]
def run(where):
    for name, f in cases:
        try:
            f()
            print(where, name, "returned")
        except RecursionError as e:
            print(where, name, "RecursionError", str(e).startswith("maximum recursion depth exceeded"))
run("main")
t = threading.Thread(target=run, args=("thread",))
t.start()
t.join()
