# calls with defaults, keywords, *args, **kwargs
def f(a, b=2, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(c=0, b=0, a=0), f(*[7, 8]))
def g(*args):
    return args
print(g(), g(1), g(1, "two", [3]))
def h(**kwargs):
    return sorted(kwargs.items())
print(h(), h(x=1, y=2))
def all_kinds(a, b=0, *rest, flag=False, **extra):
    return a, b, rest, flag, sorted(extra.items())
print(all_kinds(1))
print(all_kinds(1, 2, 3, 4, flag=True, z=26, y=25))
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2))
def safe_default(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe_default(1), safe_default(2))
def ret_none():
    pass
print(ret_none())
def multi():
    return 1, "two", [3]
a, b, c = multi()
print(a, b, c, multi())
def countdown(n):
    if n == 0:
        return ["liftoff"]
    return [n] + countdown(n - 1)
print(countdown(3))
def doc():
    """docstring here"""
    return doc.__doc__
print(doc())
print(f.__name__, f(b="kw", a="pos"))
def early(x):
    if x < 0:
        return "neg"
    return "non-neg"
print(early(-1), early(1))
k = {"b": 20, "c": 30}
print(f(10, **k))
