# Scopes inside a comprehension's first iterable (lambdas, nested comprehensions) belong to
# the enclosing scope, which evaluates that iterable.
d = {'a': 2, 'b': 1, 'c': 3}
print(list(k for k, v in sorted(d.items(), key=lambda kv: kv[1])))
print([k for k, v in sorted(d.items(), key=lambda kv: kv[1])])
print({k: v for k, v in sorted(d.items(), key=lambda kv: -kv[1])})
print({k for k, v in sorted(d.items(), key=lambda kv: kv[0]) if v > 1} == {'a', 'c'})
print(list(x for x in map(lambda y: y * 2, [1, 2]) if (lambda z: z > 2)(x)))
print([y for y in [x * 10 for x in range(3)]])
print([(a, b) for a in (lambda: [1, 2])() for b in (lambda n: range(n))(a)])


def f(n):
    scale = 3
    return [g(x) for x in map(lambda v: v * scale, range(n)) for g in (lambda w: w + n,)]


print(f(3))
