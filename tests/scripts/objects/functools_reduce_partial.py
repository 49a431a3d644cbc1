# functools.reduce and functools.partial
import functools
from functools import reduce, partial
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 11)))
print(reduce(lambda a, b: a + b, [], 0), reduce(max, [3, 9, 2]))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde"], 100))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError:", e)
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
two_to = partial(power, 2)
print(square(9), two_to(10), square(base=3))
print(square.func is power, square.keywords, two_to.args)
int2 = partial(int, base=2)
print(int2("1011"), int2("111"))
def greet(greeting, name, punct="."):
    return f"{greeting}, {name}{punct}"
hello = partial(greet, "Hello")
print(hello("Ann"), hello("Bob", punct="!"), hello(name="Cy"))
exclaim = partial(hello, punct="!!")
print(exclaim("Di"))
print(list(map(partial(power, exp=3), range(4))))
print(functools.reduce(lambda d, k: {**d, k: len(d)}, "abc", {}))
