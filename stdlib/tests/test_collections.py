"""Test stdlib/collections.py against CPython's collections.

Run via check_with_cpython.sh, which passes the module's import name.
"""
import collections as ref
import importlib
import random
import sys

m = importlib.import_module(sys.argv[1])


def outcome(func):
    """Result or (exception type, message) of calling func()."""
    try:
        return ("ok", func())
    except Exception as e:
        return (type(e).__name__, str(e))


def same(make_expr):
    """make_expr(lib) evaluated with both modules must agree (results or errors)."""
    got, want = outcome(lambda: make_expr(m)), outcome(lambda: make_expr(ref))
    assert got == want, (got, want)


# ---------------------------------------------------------------- deque
same(lambda c: repr(c.deque([1, 2, 3])))
same(lambda c: repr(c.deque([1, 2, 3, 4], maxlen=2)))
same(lambda c: repr(c.deque()))
same(lambda c: repr(c.deque(maxlen=0)))
same(lambda c: c.deque(maxlen=-1))
same(lambda c: c.deque().pop())
same(lambda c: c.deque().popleft())
same(lambda c: c.deque([1]).remove(2))
same(lambda c: c.deque([1, 2])[2])
same(lambda c: c.deque([1, 2])[-3])
same(lambda c: c.deque([1, 2], maxlen=2).insert(0, 5))

# Random operation sequences, compared step by step with CPython's deque.
rng = random.Random(1234)
for maxlen in [None, 0, 1, 3, 7]:
    a, b = m.deque(maxlen=maxlen), ref.deque(maxlen=maxlen)
    for step in range(3000):
        op = rng.randrange(13)
        v = rng.randrange(20)
        if op == 0:
            a.append(v); b.append(v)
        elif op == 1:
            a.appendleft(v); b.appendleft(v)
        elif op == 2:
            assert outcome(a.pop) == outcome(b.pop)
        elif op == 3:
            assert outcome(a.popleft) == outcome(b.popleft)
        elif op == 4:
            xs = [rng.randrange(20) for _ in range(rng.randrange(5))]
            a.extend(xs); b.extend(xs)
        elif op == 5:
            xs = [rng.randrange(20) for _ in range(rng.randrange(5))]
            a.extendleft(xs); b.extendleft(xs)
        elif op == 6:
            n = rng.randrange(-10, 10)
            a.rotate(n); b.rotate(n)
        elif op == 7:
            assert outcome(lambda: a.remove(v)) == outcome(lambda: b.remove(v))
        elif op == 8 and len(b):
            i = rng.randrange(-len(b), len(b))
            assert a[i] == b[i]
            a[i] = v; b[i] = v
        elif op == 9 and len(b):
            i = rng.randrange(-len(b), len(b))
            del a[i]; del b[i]
        elif op == 10:
            assert a.count(v) == b.count(v) and (v in a) == (v in b)
        elif op == 11 and rng.randrange(50) == 0:
            a.clear(); b.clear()
        elif op == 12:
            a.reverse(); b.reverse()
        assert list(a) == list(b), (maxlen, step, list(a), list(b))
        assert len(a) == len(b) and bool(a) == bool(b)
        assert list(reversed(a)) == list(reversed(b))
        assert repr(a) == repr(b)
d = m.deque([1, 2, 3])
assert d == m.deque([1, 2, 3]) and d != m.deque([1, 2]) and d != [1, 2, 3]
assert d < m.deque([1, 2, 4]) and d.maxlen is None and m.deque(maxlen=3).maxlen == 3
assert d.index(2) == 1 and list(d + m.deque([4])) == [1, 2, 3, 4]
d.extend(d)
assert list(d) == [1, 2, 3, 1, 2, 3]
try:
    for x in d:
        d.append(x)
    raise AssertionError("no RuntimeError")
except RuntimeError as e:
    assert str(e) == "deque mutated during iteration"
big = m.deque()
for i in range(10000):
    big.append(i)
    big.appendleft(-i)
assert len(big) == 20000 and big[0] == -9999 and big[-1] == 9999

# ---------------------------------------------------------------- defaultdict
def dd_ops(c):
    d = c.defaultdict(list)
    for k, v in [("a", 1), ("b", 2), ("a", 3)]:
        d[k].append(v)
    e = c.defaultdict(int, {"x": 1}, y=2)
    e["z"] += 5
    n = c.defaultdict()
    return (repr(d), repr(e), repr(n), dict(d), d.default_factory is list,
            "q" in d, d.get("q"), isinstance(d, dict), repr(d.copy()),
            outcome(lambda: n["missing"]), sorted(e.items()))
same(dd_ops)
same(lambda c: c.defaultdict(5))
same(lambda c: repr(c.defaultdict(lambda: 0)).startswith("defaultdict(<function"))

# ---------------------------------------------------------------- Counter
def counter_ops(c):
    a = c.Counter("abracadabra")
    b = c.Counter({"a": 2, "z": 3}, b=-1)
    k = c.Counter(x=3, y=1)
    results = [repr(a), repr(b), repr(k), repr(c.Counter()), a["q"], "q" in a,
               a.most_common(), a.most_common(2), a.most_common(0), a.most_common(-1),
               sorted(a.elements()), list(a.elements()), a.total(),
               repr(a + b), repr(a - b), repr(a | b), repr(a & b), repr(+b), repr(-b),
               a == c.Counter("abracadabra"), c.Counter(a=1) == c.Counter(a=1, b=0),
               c.Counter(a=1) != c.Counter(a=2), c.Counter("ab") == {"a": 1, "b": 1}]
    a.update("aaz")
    a.update({"b": 10})
    a.subtract(r=5)
    a.subtract("aa")
    results.append(repr(a))
    del a["nonexistent"]
    x = c.Counter("aab")
    x += c.Counter("bcc"); results.append(repr(x))
    x -= c.Counter("aaaa"); results.append(repr(x))
    x |= c.Counter("bbbbd"); results.append(repr(x))
    x &= c.Counter("bbc"); results.append(repr(x))
    results.append(repr(c.Counter(["x", "y", "x", "z", "y", "x"]).most_common()))
    return results
same(counter_ops)
same(lambda c: c.Counter.fromkeys("abc"))
assert isinstance(m.Counter(), dict)

# ---------------------------------------------------------------- namedtuple
def nt_ops(c):
    P = c.namedtuple("Point", "x y")
    Q = c.namedtuple("Q", ["a", "b", "c"], defaults=[2, 3])
    R = c.namedtuple("R", "x, y ,z")
    p = P(1, y=2)
    x, y = p
    q = Q(1)
    return [repr(p), p.x, p.y, x + y, p[0], p[-1], p == (1, 2), hash(p) == hash((1, 2)),
            P._fields, Q._field_defaults, repr(q), repr(Q(1, 5, c=6)), repr(p._replace(y=9)),
            p._asdict(), repr(P._make([3, 4])), R._fields, isinstance(p, tuple), len(p),
            P.__name__, P.__qualname__, P.__doc__, P.x.__doc__, list(p), p[:1], p + (3,),
            outcome(lambda: P(1)), outcome(lambda: P(1, 2, 3)), outcome(lambda: P(1, 2, z=3)),
            outcome(lambda: P(1, x=2)), outcome(lambda: Q()), outcome(lambda: Q(1, 2, 3, 4)),
            outcome(lambda: c.namedtuple("T", "a b c")()),
            outcome(lambda: c.namedtuple("T", "a")(1, 2)),
            outcome(lambda: p._replace(z=1)), outcome(lambda: P._make([1])),
            outcome(lambda: setattr(p, "x", 5))[0],  # messages differ: property vs _tuplegetter
            c.namedtuple("S", "a class _b a", rename=True)._fields,
            outcome(lambda: c.namedtuple("S", "1x")), outcome(lambda: c.namedtuple("S", "class")),
            outcome(lambda: c.namedtuple("S", "_x")), outcome(lambda: c.namedtuple("S", "x x")),
            outcome(lambda: c.namedtuple("S", "x", defaults=[1, 2])),
            outcome(lambda: c.namedtuple("1S", "x"))]
same(nt_ops)

def nt_subclass(c):
    class Pt(c.namedtuple("Pt", "x y")):
        def norm1(self):
            return abs(self.x) + abs(self.y)
    p = Pt(3, -4)
    return repr(p), p.norm1(), repr(p._replace(x=0)), type(p._replace(x=0)).__name__
same(nt_subclass)

# ---------------------------------------------------------------- OrderedDict
def od_ops(c):
    d = c.OrderedDict()
    for k in "abcde":
        d[k] = ord(k)
    d.move_to_end("b")
    d.move_to_end("d", last=False)
    r = [repr(d), list(d), d.popitem(), d.popitem(last=False), repr(d), list(reversed(d))]
    r.append(outcome(lambda: d.move_to_end("zz")))
    r.append(outcome(lambda: c.OrderedDict().popitem()))
    r.append(repr(c.OrderedDict()))
    x, y = c.OrderedDict(a=1, b=2), c.OrderedDict(b=2, a=1)
    r += [x == y, x == dict(y), dict(y) == x, x != y, isinstance(x, dict), repr(x.copy())]
    return r
same(od_ops)

# ---------------------------------------------------------------- ChainMap
def cm_ops(c):
    base = {"a": 1, "b": 2}
    cm = c.ChainMap({"b": 20, "c": 30}, base)
    r = [cm["a"], cm["b"], cm.get("zz", 0), len(cm), list(cm), sorted(cm.items()),
         "c" in cm, repr(cm), outcome(lambda: cm["zz"])]
    cm["a"] = 100
    child = cm.new_child()
    child["d"] = 4
    r += [base["a"], cm["a"], list(child), repr(child.parents), outcome(lambda: cm.pop("b")),
          outcome(lambda: cm.pop("b")), outcome(lambda: cm.__delitem__("zz"))]
    return r
same(cm_ops)

print("OK")
