# * and ** unpacking at call sites and in displays
def f(a, b, c, d=0):
    return f"a={a} b={b} c={c} d={d}"
args = [1, 2, 3]
print(f(*args))
print(f(*args, 4))
print(f(1, *[2, 3]))
print(f(*[1], *(2,), *"c"))
kw = {"c": 30, "d": 40}
print(f(1, 2, **kw))
print(f(**{"a": "A", "b": "B", "c": "C"}))
print(f(*range(2), **{"c": 9}))
print(f(*(x for x in range(3))))
print(*[1, 2, 3])
print(*"abc", sep="-")
print([*range(3), *"ab", 9])
print((*[1, 2], 3))
print({*[1, 2], *[2, 3]})
print({**{"a": 1}, "b": 2, **{"c": 3}})
def show(*a, **k):
    return a, sorted(k.items())
print(show(*[1, 2], *[3], x=1, **{"y": 2}))
try:
    f(1, 2, **{"c": 3, "zz": 4})
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, 3, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(*[1, 2, 3, 4, 5])
except TypeError as e:
    print("TypeError:", e)
first, *others = [1, 2, 3]
print(first, others)
print(max(*[4, 9, 2]), min(*"zebra"))
