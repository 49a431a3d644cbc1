# sort / sorted with key and reverse
a = [5, 2, 9, 1, 5, 6]
a.sort()
print(a)
a.sort(reverse=True)
print(a)
words = ["banana", "Apple", "cherry", "date", "Elder", "fig"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
pairs = [(1, "b"), (2, "a"), (1, "a"), (0, "z")]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[1]))
records = [("alice", 30), ("bob", 25), ("carol", 30), ("dave", 25)]
records.sort(key=lambda r: r[1])
print(records)
records.sort(key=lambda r: -r[1])
print(records)
print(sorted("hello"), sorted((3, 1, 2)), sorted({3: 0, 1: 0}))
print(sorted([3, 1, 2], reverse=True))
print(sorted([-3, 1, -2, 4], key=abs))
print(sorted([]), sorted([1]))
print(sorted([0.5, -1, 2, 1.5]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
nums = list(range(10))
nums.sort(key=lambda n: n % 3)
print(nums)
print(max(words, key=len), min(words, key=len))
s = [[3, 1], [2], [1, 2, 3]]
s.sort(key=len)
print(s)
print(sorted(["b", "a", "C"], key=str.upper, reverse=True))
r = sorted(a)
print(r is a, r == sorted(a))
