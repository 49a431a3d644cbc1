# dict iteration order and views
d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}")
d["apple"] = 100
print(list(d))
del d["zebra"]
d["zebra"] = 0
print(list(d))
ks = d.keys()
vs = d.values()
its = d.items()
print(len(ks), "kiwi" in ks, 100 in vs, ("kiwi", 4) in its)
d["new"] = 1
print(len(ks), list(ks))
print(sorted(d.values()), sum(d.values()), max(d, key=d.get))
print(type(ks).__name__, type(vs).__name__, type(its).__name__)
print(ks)
print(vs)
print(its)
print(sorted(d.items(), key=lambda kv: kv[1]))
inv = {v: k for k, v in d.items()}
print(inv)
print(list(reversed(list(d))))
e = {1: "a", 2: "b", 3: "c"}
print(e.keys() & {2, 3, 4}, e.keys() - {1})
print(list(zip(e.keys(), e.values())))
try:
    for k in e:
        e[k + 10] = "x"
except RuntimeError as err:
    print("RuntimeError:", err)
print(dict(sorted({"b": 1, "a": 2}.items())))
print(list(dict.fromkeys([3, 1, 3, 2, 1])))
