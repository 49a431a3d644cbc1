# Superinstructions and specialised paths must behave exactly like the plain ops.


def big_alias():
    a = 10**20
    b = a
    a += 5
    a = a * 3
    c = a
    a -= 1
    print(a, b, c)
    t = 2**62
    for i in range(4):
        t += t
    print(t)
    t = 2**64
    t -= 2**64 - 7
    print(t, type(t).__name__)
    s = 10**19
    for i in range(5):
        s = s + i * i
    print(s)


def mixed_types():
    x = 1.5
    x += 2
    x *= 2
    print(x)
    s = "ab"
    s += "c"
    s *= 2
    print(s)
    xs = [1]
    ys = xs
    xs += [2]
    print(xs, ys, xs is ys)
    n = 7
    print(n // 2, n % 3, n - 10, n << 2, n >> 1, n & 3, n | 8, n ^ 5)
    f = 7.0
    print(f - 0.5, f / 2)


def unbound(flag):
    if flag:
        k = 1
    try:
        k += 1
    except UnboundLocalError as e:
        print("unbound:", e)
    try:
        print(k < 5)
    except UnboundLocalError as e:
        print("unbound:", e)


def compare_consts():
    i = 0
    out = []
    while i < 5:
        if i == 2:
            out.append("two")
        elif i != 3:
            out.append(i)
        i += 1
    x = "b"
    if x > "a":
        out.append("str-cmp")
    print(out)


class Bag:
    def __init__(self):
        self.items = []

    def append(self, v):
        self.items.append(v * 10)


def appends():
    xs = []
    b = Bag()
    for i in range(3):
        xs.append(i)
        b.append(i)
    d = {"append": 1}
    try:
        d.append(1)
    except AttributeError as e:
        print(e)
    print(xs, b.items, str(-12), str(0), str(10**20), str(True))


def loops():
    total = 0
    for i in range(10, 0, -3):
        total += i
    for ch in "abc":
        total += ord(ch)
    print(total)
    try:
        1 + "x"
    except TypeError as e:
        print(e)


def add(a, b=2):
    return a + b


def calls():
    print(add(1), add(1, 5), add(b=1, a=3))
    try:
        add()
    except TypeError as e:
        print(e)


big_alias()
mixed_types()
unbound(False)
unbound(True)
compare_consts()
appends()
loops()
calls()
