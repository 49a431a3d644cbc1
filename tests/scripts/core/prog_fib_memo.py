# recursive fibonacci with a memo dict
memo = {0: 0, 1: 1}
calls = 0
def fib(n):
    global calls
    calls += 1
    if n in memo:
        return memo[n]
    memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print([fib(i) for i in range(15)])
print(fib(90))
print(fib(200))
print("calls:", calls)
def fib_naive(n):
    return n if n < 2 else fib_naive(n - 1) + fib_naive(n - 2)
print(fib_naive(20))
def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(all(fib_iter(i) == fib(i) for i in range(100)))
def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper
@memoize
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    return ways(n - 1) + ways(n - 2) + ways(n - 3)
print([ways(i) for i in range(10)], ways(60))
print(len(str(fib_iter(1000))))
