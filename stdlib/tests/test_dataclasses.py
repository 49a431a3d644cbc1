"""Test stdlib/dataclasses.py against CPython's dataclasses.

Each scenario is a function taking the module (ours or CPython's); both must
give the same results or raise the same errors.
Run via check_with_cpython.sh, which passes the module's import name.
"""
import dataclasses as ref
import importlib
import sys

m = importlib.import_module(sys.argv[1])


def outcome(func):
    try:
        return ("ok", func())
    except Exception as e:
        return (type(e).__name__, str(e))


def same(scenario):
    got, want = outcome(lambda: scenario(m)), outcome(lambda: scenario(ref))
    assert got == want, (scenario.__name__, got, want)


def basics(dc):
    @dc.dataclass
    class Point:
        x: int
        y: int = 0

    p = Point(1, 2)
    return [repr(p), repr(Point(3)), repr(Point(y=5, x=4)), p == Point(1, 2), p != Point(1, 3),
            p == (1, 2), [f.name for f in dc.fields(Point)], [f.name for f in dc.fields(p)],
            dc.asdict(p), dc.astuple(p), repr(dc.replace(p, y=9)), dc.is_dataclass(Point),
            dc.is_dataclass(p), dc.is_dataclass(5), Point.y, Point.__hash__ is None,
            Point.__match_args__, Point.__init__.__qualname__, Point.__repr__.__name__,
            outcome(lambda: Point()), outcome(lambda: Point(1, 2, 3)),
            outcome(lambda: Point(1, z=1)), outcome(lambda: Point(1, x=1)),
            outcome(lambda: dc.fields(5)), outcome(lambda: dc.asdict(Point)),
            outcome(lambda: dc.astuple(5)), outcome(lambda: dc.replace(p, q=1))]
same(basics)


def defaults_and_factories(dc):
    counter = [0]

    def make():
        counter[0] += 1
        return [counter[0]]

    @dc.dataclass
    class C:
        a: int
        b: list = dc.field(default_factory=make)
        c: str = dc.field(default="c", repr=False)
        d: int = dc.field(default=7, compare=False)
        e: dict = dc.field(default_factory=dict, init=False)

    x, y = C(1), C(1)
    return [repr(x), repr(y), x.b is not y.b, x == y, C(1, [1], "c", 1) == C(1, [1], "c", 2),
            x.e, C.c, C.d, hasattr(C, "b"), dc.fields(C)[1].default_factory is make,
            outcome(lambda: C(1, [], "x", 1, {})), counter[0], dc.asdict(x)]
same(defaults_and_factories)


def errors(dc):
    def bad_order():
        @dc.dataclass
        class Q:
            x: int = 0
            y: int

    def mutable():
        @dc.dataclass
        class Q:
            x: list = []

    def both():
        return dc.field(default=1, default_factory=list)

    def order_without_eq():
        @dc.dataclass(order=True, eq=False)
        class O:
            x: int

    def overwrite_lt():
        @dc.dataclass(order=True)
        class O:
            x: int

            def __lt__(self, other):
                return True

    return [outcome(bad_order), outcome(mutable), outcome(both), outcome(order_without_eq),
            outcome(overwrite_lt), repr(dc.MISSING) != "", dc.MISSING is dc.MISSING]
same(errors)


def ordering(dc):
    @dc.dataclass(order=True)
    class V:
        major: int
        minor: int = 0
        note: str = dc.field(default="", compare=False)

    vs = [V(1, 2, "a"), V(0, 9), V(1, 0), V(1, 2, "b")]
    return [repr(sorted(vs)), V(1) < V(2), V(1, 1) <= V(1, 1), V(2) > V(1, 5), V(1) >= V(1),
            V(1, 2, "x") == V(1, 2, "y"), outcome(lambda: V(1) < 5)]
same(ordering)


def frozen(dc):
    @dc.dataclass(frozen=True)
    class F:
        x: int
        y: list = dc.field(default_factory=list)

    f = F(1)
    r = [repr(f), hash(F(2, ())) == hash(F(2, ())),  # F(1) holds a list: unhashable
         outcome(lambda: setattr(f, "x", 2)), outcome(lambda: setattr(f, "q", 2)),
         outcome(lambda: delattr(f, "x")), f.x, repr(dc.replace(f, x=5)),
         issubclass(dc.FrozenInstanceError, AttributeError)]
    try:
        f.x = 3
    except AttributeError as e:
        r.append(type(e).__name__)
    return r
same(frozen)


def hashing(dc):
    @dc.dataclass(unsafe_hash=True)
    class H:
        a: int
        b: int = dc.field(default=0, hash=False)

    @dc.dataclass(eq=False)
    class N:
        a: int

    @dc.dataclass
    class E:
        a: int

        def __hash__(self):
            return 42

    n = N(1)
    return [hash(H(1, 2)) == hash(H(1, 3)), hash(H(1)) == hash((1,)), n == N(1), n == n,
            hash(n) == hash(n), hash(E(1)), outcome(lambda: hash(ref_unhashable(dc)))]


def ref_unhashable(dc):
    @dc.dataclass
    class U:
        a: int
    return U(1)
same(hashing)


def inheritance(dc):
    @dc.dataclass
    class Base:
        x: int
        y: int = 1

    @dc.dataclass
    class Child(Base):
        z: int = 2
        x: int = 10  # redefinition keeps the original position

    @dc.dataclass
    class Plain(Base):
        pass

    class NotDC(Base):
        extra = 5

    @dc.dataclass
    class Grand(NotDC):
        w: str = "w"

    return [repr(Child()), [f.name for f in dc.fields(Child)], repr(Child(1, 2, 3)),
            repr(Plain(4)), repr(Grand(1)), [f.name for f in dc.fields(Grand)],
            Child(1) == Base(1), Base(1) == Base(1), outcome(lambda: Plain())]
same(inheritance)


def custom_methods(dc):
    log = []

    @dc.dataclass
    class C:
        a: int
        b: int = 0

        def __repr__(self):
            return "custom"

        def __post_init__(self):
            log.append(self.a + self.b)

    @dc.dataclass(init=False, repr=False, eq=False)
    class D:
        a: int = 5

    c = C(1, 2)
    d = D()
    return [repr(c), log, d.a, repr(d).startswith("<"), d == D()]
same(custom_methods)


def nested(dc):
    @dc.dataclass
    class Inner:
        v: int

    @dc.dataclass
    class Outer:
        name: str
        items: list
        mapping: dict
        pair: tuple

    o = Outer("o", [Inner(1), Inner(2)], {"k": Inner(3)}, (Inner(4), 5))
    return [dc.asdict(o), dc.astuple(o), repr(o)]
same(nested)


def decorator_forms(dc):
    @dc.dataclass()
    class A:
        x: int = 1

    @dc.dataclass(repr=False)
    class B:
        x: int = 1

    class C:
        x: int = 3
    C2 = dc.dataclass(C)
    return [repr(A()), repr(B()).startswith("<"), repr(C2()), C2 is C]
same(decorator_forms)

print("OK")
