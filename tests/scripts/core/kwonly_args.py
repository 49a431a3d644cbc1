# keyword-only and positional-only args
def f(a, *, key, opt=1):
    return a, key, opt
print(f(1, key=2), f(1, opt=3, key=4))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
def g(*args, sep="-"):
    return sep.join(str(a) for a in args)
print(g(1, 2, 3), g(1, 2, sep="+"))
def h(a, b, /, c):
    return a, b, c
print(h(1, 2, 3), h(1, 2, c=3))
try:
    h(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
def k(x, *, y=10, **rest):
    return x, y, sorted(rest)
print(k(0), k(0, y=1, z=2, w=3))
try:
    f(1, key=2, nope=3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, key=1, **{"key": 2})
except TypeError as e:
    print("TypeError:", e)
def defaults_eval(x, y=[]):
    y.append(x)
    return len(y)
print(defaults_eval(1), defaults_eval(2), defaults_eval(3, []))
def many(a, b=2, *c, d, e=5, **f):
    return a, b, c, d, e, f
print(many(1, d=4))
print(many(1, 2, 3, 4, d=0, g=7))
