# functools.wraps preserves __name__ and __doc__
import functools
def plain_deco(fn):
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper
def good_deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        """wrapper doc"""
        return fn(*a, **k)
    return wrapper
@plain_deco
def one():
    """doc of one"""
    return 1
@good_deco
def two():
    """doc of two"""
    return 2
print(one.__name__, one.__doc__)
print(two.__name__, two.__doc__, two())
print(two.__wrapped__.__name__, two.__wrapped__())
def timed(label):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args):
            result = fn(*args)
            print(f"[{label}] {fn.__name__}{args} -> {result}")
            return result
        return wrapper
    return deco
@timed("calc")
def square(x):
    return x * x
square(7)
print(square.__name__)
from functools import wraps
def counted(fn):
    @wraps(fn)
    def inner(*a):
        inner.calls += 1
        return fn(*a)
    inner.calls = 0
    return inner
@counted
def hello(name):
    return "hello " + name
hello("a"); hello("b")
print(hello.__name__, hello.calls)
