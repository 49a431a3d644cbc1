# return v in a generator becomes StopIteration.value
def gen():
    yield 1
    return "the value"
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration.value =", e.value, "args =", e.args)
def no_return():
    yield 1
h = no_return()
next(h)
try:
    next(h)
except StopIteration as e:
    print("value is", e.value)
def compute(n):
    total = 0
    for i in range(n):
        total += i
        yield i
    return total
def driver():
    result = yield from compute(5)
    return result * 2
d = driver()
items = []
while True:
    try:
        items.append(next(d))
    except StopIteration as e:
        print(items, "final:", e.value)
        break
print(list(compute(3)))
def raises_stop():
    yield 1
    raise StopIteration("inside")
try:
    list(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e)
