# generator send()
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
print(next(a))
print(a.send(10), a.send(20), a.send(60))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield received
e = echo()
print(e.send(None))
print(e.send("a"), e.send("b"))
print(e.send(None))
def acc():
    total = 0
    while True:
        total += yield total
g = acc()
next(g)
print([g.send(i) for i in range(1, 6)])
fresh = averager()
try:
    fresh.send(5)
except TypeError as err:
    print("TypeError:", err)
def countdown(n):
    while n > 0:
        cmd = yield n
        if cmd == "reset":
            n = 5
        else:
            n -= 1
c = countdown(3)
print(next(c), next(c), c.send("reset"), next(c), next(c))
