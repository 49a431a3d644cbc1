# comparisons: chains, is, in
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, 1 < 2 < 3 < 2)
print(x == 5 == 5.0, 3 != 4 != 3)
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(0) < f(2), calls)
calls.clear()
print(f(1) < f(2) < f(3), calls)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None) is type(None))
print(2 in [1, 2, 3], "b" in {"a": 1, "b": 2}, 3 in range(4), "ell" in "hello")
print(4 not in (1, 2), "z" not in "abc")
print(1 == 1.0, "1" == 1, [] == [], [] == (), {} == {})
print("abc" < "abd" < "b", "A" < "a", [1] < [1, 0], (1, 2) > (1,))
print(0 == False, 1 == True, 2 == True)
print(None == 0, None == False, None != None)
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print(None < 1)
except TypeError as e:
    print("TypeError:", e)
print(max(3, 7) == 7 != 8)
# gil floats are values, not objects: two NaNs from separate float() calls are
# identical in gil but not in CPython, so that case is left out here.
n = float("nan")
print(n in [n], n == n)
print(1 < 2 == 2 < 3, (1 < 2) == (2 < 3))
