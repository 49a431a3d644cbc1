# generator functions with yield
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)))
g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(g, "default"))
def trace():
    print("  start")
    yield 1
    print("  middle")
    yield 2
    print("  end")
t = trace()
print("created")
print(next(t))
print(next(t))
print(next(t, "done"))
def squares(xs):
    for x in xs:
        yield x * x
print(sum(squares(range(5))), max(squares([-3, 2])))
def evens():
    n = 0
    while True:
        yield n
        n += 2
e = evens()
print([next(e) for _ in range(5)])
def with_return():
    yield "a"
    return
    yield "never"
print(list(with_return()))
def nested_loops():
    for i in range(3):
        for j in range(i):
            yield (i, j)
print(list(nested_loops()))
def gen_in_try():
    try:
        yield 1
        yield 2
    finally:
        print("  generator finally")
print(list(gen_in_try()))
def empty():
    return
    yield
print(list(empty()))
print(iter(e) is e)
