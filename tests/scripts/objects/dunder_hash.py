# __hash__ and __eq__ used for set/dict keys
class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        return isinstance(other, Key) and (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key({self.a}, {self.b})"
d = {Key(1, 2): "first"}
d[Key(1, 2)] = "replaced"
d[Key(2, 1)] = "other"
print(len(d), d[Key(1, 2)], Key(2, 1) in d, Key(9, 9) in d)
s = {Key(0, 0), Key(0, 0), Key(0, 1)}
print(len(s), Key(0, 1) in s)
print(sorted(s, key=lambda k: (k.a, k.b)))
class NoHash:
    def __eq__(self, other):
        return True
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
class Identity:
    pass
i1, i2 = Identity(), Identity()
ids = {i1: "one", i2: "two"}
print(len(ids), ids[i1], ids[i2], i1 == i2, i1 == i1)
print(hash(i1) == hash(i1))
class ConstHash:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, other):
        return self.v == other.v
cs = {ConstHash(1), ConstHash(2), ConstHash(1)}
print(len(cs), hash(ConstHash(9)))
counts = {}
for k in [Key(1, 1), Key(1, 1), Key(2, 2)]:
    counts[k] = counts.get(k, 0) + 1
print(counts)
