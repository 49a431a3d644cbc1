# collections.defaultdict
from collections import defaultdict
groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(dict(groups))
print(groups["z"], "z" in groups, len(groups))
counts = defaultdict(int)
for ch in "hello world":
    counts[ch] += 1
print(sorted(counts.items()))
print(counts["missing"], counts.get("other"), "other" in counts)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["x"] += 1
nested["a"]["y"] += 2
nested["b"]["x"] += 3
print({k: dict(v) for k, v in nested.items()})
s = defaultdict(set)
s["k"].add(1)
s["k"].add(1)
s["k"].add(2)
print(dict(s))
plain = defaultdict()
try:
    plain["x"]
except KeyError as e:
    print("KeyError:", e)
print(type(groups).__name__, isinstance(groups, dict))
dd = defaultdict(str, {"a": "pre"})
dd["b"] += "new"
print(dict(dd))
