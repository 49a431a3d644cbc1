# conditional expressions and lambdas
for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
sign = lambda v: 1 if v > 0 else (-1 if v < 0 else 0)
print([sign(v) for v in [-5, 0, 3]])
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add(b=5, a=1))
print((lambda: "no args")())
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, x=3))
sq = [lambda x, i=i: x * i for i in range(3)]
print([f(10) for f in sq])
late = [lambda x: x * i for i in range(3)]
print([f(10) for f in late])
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(sorted([3, -1, 2], key=lambda v: -v))
print(list(map(lambda s: s.upper(), ["a", "b"])))
print(list(filter(lambda v: v % 2, range(7))))
f = lambda: None
print(f(), f.__name__)
def make_adder(n):
    return lambda x: x + n
print(make_adder(3)(4))
x = 7
print("big" if x > 5 else "small", ("a" if x else "b") + "!")
print(10 if x else 1/0)
