# rich comparisons used by sorted/min/max
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
        self.s = s
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __le__(self, other):
        return self.parts <= other.parts
    def __gt__(self, other):
        return self.parts > other.parts
    def __ge__(self, other):
        return self.parts >= other.parts
    def __repr__(self):
        return f"V{self.s}"
vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9", "2.0"]]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(min(vs), max(vs))
a, b = Version("1.2"), Version("1.10")
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(Version("1.0") == Version("1.0"), Version("1.0") != Version("1.0"))
print(Version("1.2") in vs, vs.index(Version("2.0")))
class OnlyLt:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n
    def __repr__(self):
        return f"L{self.n}"
items = [OnlyLt(3), OnlyLt(1), OnlyLt(2)]
print(sorted(items), max(items), min(items))
print(OnlyLt(5) > OnlyLt(1))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError:", e)
class NotImpl:
    def __eq__(self, other):
        return NotImplemented
print(NotImpl() == NotImpl(), NotImpl() == 1)
class AlwaysEq:
    def __eq__(self, other):
        return True
print(AlwaysEq() == 5, 5 == AlwaysEq(), AlwaysEq() != 5)
