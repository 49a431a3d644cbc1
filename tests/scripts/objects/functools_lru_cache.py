# functools.lru_cache and cache
import functools
calls = 0
@functools.lru_cache(maxsize=None)
def fib(n):
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), calls)
print(fib(50), calls)
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
fib.cache_clear()
print(fib.cache_info().currsize)
@functools.lru_cache(maxsize=2)
def slow_square(x):
    print("  computing", x)
    return x * x
for v in [1, 2, 1, 3, 1, 2]:
    print(slow_square(v))
print(slow_square.cache_info().hits, slow_square.cache_info().misses)
@functools.cache
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(80))
@functools.lru_cache
def keyed(a, b=0):
    print("  keyed call", a, b)
    return a + b
print(keyed(1), keyed(1), keyed(1, b=2), keyed(1, b=2))
print(fib.__name__)
