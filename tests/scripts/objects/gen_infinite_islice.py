# infinite generators with itertools.islice
import itertools
def naturals():
    n = 1
    while True:
        yield n
        n += 1
def primes():
    found = []
    for n in itertools.count(2):
        if all(n % p for p in found):
            found.append(n)
            yield n
print(list(itertools.islice(naturals(), 10)))
print(list(itertools.islice(primes(), 15)))
print(list(itertools.islice(naturals(), 5, 10)))
print(list(itertools.islice(naturals(), 0, 20, 4)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(itertools.islice(fib(), 20)))
evens = (n for n in naturals() if n % 2 == 0)
print(list(itertools.islice(evens, 5)))
print(list(itertools.islice(evens, 3)))
def take_while_small():
    for n in naturals():
        if n * n > 50:
            return
        yield n * n
print(list(take_while_small()))
g = naturals()
print(next(g), next(g), list(itertools.islice(g, 3)), next(g))
print(list(itertools.islice("abcdef", 2, None)))
print(list(itertools.takewhile(lambda x: x < 10, fib())))
