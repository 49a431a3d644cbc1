# closures and nested functions
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
def make_multipliers():
    return [lambda x, n=n: x * n for n in range(1, 4)]
print([m(10) for m in make_multipliers()])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def adder(a):
    def add(b):
        return a + b
    return add
add5 = adder(5)
print(add5(1), adder(10)(-3))
def accumulate():
    items = []
    def push(v):
        items.append(v)
        return list(items)
    return push
p = accumulate()
p(1)
print(p(2))
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late_binding())
def shadow():
    x = 1
    def f():
        x = 2
        return x
    return f(), x
print(shadow())
def rec_closure(n):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)
print(rec_closure(10))
def gen_fib():
    a, b = 0, 1
    def nxt():
        nonlocal a, b
        r = a
        a, b = b, a + b
        return r
    return nxt
f = gen_fib()
print([f() for _ in range(10)])
