# __len__, __getitem__, __setitem__, __delitem__, __contains__
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, pos):
        x, y = pos
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"cell {pos} out of range")
        return self.cells.get(pos, ".")
    def __setitem__(self, pos, v):
        self.cells[pos] = v
    def __delitem__(self, pos):
        del self.cells[pos]
    def __contains__(self, v):
        return v in self.cells.values()
g = Grid(3, 2)
print(len(g), g[0, 0])
g[1, 1] = "X"
g[2, 0] = "O"
print(g[1, 1], g[2, 0], "X" in g, "Z" in g, "Z" not in g)
for y in range(g.h):
    print("".join(g[x, y] for x in range(g.w)))
del g[1, 1]
print(g[1, 1], "X" in g)
try:
    g[5, 5]
except IndexError as e:
    print("IndexError:", e)
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("Seq index out of range")
        return i * i
s = Seq(5)
print(list(s), s[-1], s[1:4], 9 in s, 10 in s)
for v in s:
    print(v, end=" ")
print()
print(sorted(s, reverse=True), sum(s), len(s))
class Mapping:
    def __init__(self):
        self.data = {}
    def __getitem__(self, k):
        return self.data[k.lower()]
    def __setitem__(self, k, v):
        self.data[k.lower()] = v
m = Mapping()
m["Key"] = 1
print(m["KEY"], m["key"])
try:
    m["nope"]
except KeyError as e:
    print("KeyError:", e)
