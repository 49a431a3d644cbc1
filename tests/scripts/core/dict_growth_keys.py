# Dicts across the small-table limit (no index up to 8 entry slots) and compaction after
# deletes: ints, strings, tuples, identity-hashed objects and equal-but-distinct keys.
class Box:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"Box({self.n})"


def check(keys):
    d = {}
    for i, k in enumerate(keys):
        d[k] = i
        assert len(d) == i + 1
        assert all(d[kk] == j for j, kk in enumerate(keys[: i + 1]))
    # Delete every other key, then most of the rest: the table compacts as it empties.
    for k in keys[::2]:
        del d[k]
    assert list(d) == keys[1::2]
    for k in keys[1::2][:-2]:
        d.pop(k)
    assert list(d) == keys[1::2][-2:], (list(d), keys)
    # Grow again past the limit after compaction.
    for i, k in enumerate(keys):
        d[k] = -i
    return [d[k] for k in keys] == [-i for i in range(len(keys))], len(d)


for n in (3, 8, 9, 17, 40, 1000):
    print(n, check(list(range(n))))
    print(n, check([f"k{i}" for i in range(n)]))
    print(n, check([(i, str(i)) for i in range(n)]))
    print(n, check([Box(i) for i in range(n)]))

# 1 == 1.0 == True: one key, whatever the table size.
for n in (2, 20):
    d = {i: i for i in range(2, n)}
    d[1] = "int"
    d[1.0] = "float"
    d[True] = "bool"
    print(n, len(d), d[1], list(d)[-1])

# popitem and setdefault across the limit.
d = {}
for i in range(12):
    d.setdefault(i, i * i)
while len(d) > 5:
    d.popitem()
d[100] = 1
print(d)
s = set()
for i in range(20):
    s.add(i % 11)
s.discard(3)
print(sorted(s), 3 in s, 10 in s)
