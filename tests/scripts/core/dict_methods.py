# dict methods
d = {"a": 1, "b": 2}
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), d.get("a", 0))
print(d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
d.update({"x": 9, "a": 10})
d.update(y=5)
d.update([("z", 26)])
print(d)
print(d.popitem(), d)
print(dict.fromkeys(["p", "q"]), dict.fromkeys("ab", 0))
print("a" in d, "nope" in d, 10 in d, "nope" not in d)
del d["a"]
print(d)
try:
    del d["a"]
except KeyError as e:
    print("KeyError:", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
e = d.copy()
e["new"] = 1
print(d, e)
d.clear()
print(d, bool(d))
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict(zip("xy", [7, 8])))
print(dict({"k": 1}, k2=2))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
print({1: "a"} == {1: "a"}, {1: "a", 2: "b"} == {2: "b", 1: "a"})
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
print({**{"a": 1}, **{"b": 2, "a": 3}})
print({"a": 1} | {"b": 2})
print({(1, 2): "t", 3.5: "f", None: "n"})
