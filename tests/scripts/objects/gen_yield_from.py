# yield from, including the return value
def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    result = yield from inner()
    print("  inner returned", result)
    yield 3
print(list(outer()))
def flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from flatten(it)
        else:
            yield it
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain("ab", [1, 2], range(3), (x for x in "z"))))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return 1
    left = yield from tree(depth - 1)
    right = yield from tree(depth - 1)
    return left + right
def count_leaves(depth):
    total = yield from tree(depth)
    yield f"total={total}"
print(list(count_leaves(2)))
def delegate_send():
    got = yield "ready"
    while got is not None:
        got = yield f"echo {got}"
    return "closed"
def wrapper():
    r = yield from delegate_send()
    yield r
w = wrapper()
print(next(w), w.send("a"), w.send("b"), w.send(None))
def from_list():
    yield from [10, 20]
    yield from {}
    yield from "xy"
print(list(from_list()))
