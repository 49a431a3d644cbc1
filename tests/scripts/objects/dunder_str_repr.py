# __str__ and __repr__
class Both:
    def __init__(self, v):
        self.v = v
    def __str__(self):
        return f"Both({self.v})"
    def __repr__(self):
        return f"Both(v={self.v!r})"
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
class OnlyStr:
    def __str__(self):
        return "only-str"
b = Both("x")
print(b)
print(str(b), repr(b))
print([b, b])
print((b,), {"k": b})
print(f"{b} {b!r} {b!s}")
print("%s %r" % (b, b))
print("{} {!r}".format(b, b))
o = OnlyRepr()
print(o, str(o), repr(o), [o])
s = OnlyStr()
print(s, str(s), f"{s}")
print(repr(s).startswith("<") and "OnlyStr" in repr(s))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __repr__(self):
        return f"Money({self.cents})"
wallet = [Money(150), Money(5), Money(12345)]
print(wallet)
print(", ".join(str(m) for m in wallet))
print(max(wallet, key=lambda m: m.cents))
class Sub(Both):
    pass
print(Sub(1), repr(Sub(2)))
class Fmt:
    def __format__(self, spec):
        return f"Fmt[{spec}]"
print(f"{Fmt():>10}", format(Fmt(), "x"))
