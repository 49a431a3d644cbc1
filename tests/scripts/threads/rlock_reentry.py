import threading

r = threading.RLock()
print(r.acquire())
print(r.acquire())
with r:
    print("nested with")
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)


def recurse(n, out):
    with r:
        out.append(n)
        if n > 0:
            recurse(n - 1, out)


out = []
recurse(5, out)
print(out)

# Another thread cannot take an RLock we own, nor release it.
r.acquire()
got = []


def try_take():
    got.append(r.acquire(False))
    got.append(r.acquire(timeout=0.01))
    try:
        r.release()
    except RuntimeError as e:
        got.append(str(e))


t = threading.Thread(target=try_take)
t.start()
t.join()
print(got)
r.release()

total = 0


def work():
    global total
    for _ in range(2000):
        with r:
            with r:
                total += 1


ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(total)
