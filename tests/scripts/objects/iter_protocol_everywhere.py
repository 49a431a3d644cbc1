# the iteration protocol used by many consumers
def gen():
    yield 3
    yield 1
    yield 2
for x in gen():
    print("for", x)
a, b, c = gen()
print(a, b, c)
first, *rest = gen()
print(first, rest)
print(list(gen()), tuple(gen()), sorted(gen()), sum(gen()), min(gen()), max(gen()))
print(2 in gen(), 5 in gen())
print(list(zip(gen(), "abc")), dict(zip("xyz", gen())))
print(list(enumerate(gen())), list(enumerate(gen(), 1)))
print(set(gen()) == {1, 2, 3}, "-".join(str(v) for v in gen()))
print(list(map(lambda v: v * 10, gen())), list(filter(lambda v: v > 1, gen())))
print(list(reversed(list(gen()))), any(gen()), all(gen()))
print([v for v in gen() if v != 1], {v: v * v for v in gen()})
print([*gen(), *gen()])
def f(*args):
    return args
print(f(*gen()))
it = iter(gen())
print(next(it), list(it))
print(list(iter([1, 2].__iter__())))
print(sorted(gen(), key=lambda v: -v))
print(dict(enumerate(gen())))
