import threading

b = threading.Barrier(3)
print(b.parties, b.n_waiting, b.broken)
indices = []
lock = threading.Lock()


def party():
    for _ in range(2):
        i = b.wait()
        with lock:
            indices.append(i)


ts = [threading.Thread(target=party) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(indices))

# action runs once per trip
actions = []
ab = threading.Barrier(2, action=lambda: actions.append("tripped"))


def two():
    ab.wait()


t = threading.Thread(target=two)
t.start()
ab.wait()
t.join()
print(actions)

# a timeout breaks the barrier
tb = threading.Barrier(2, timeout=0.01)
try:
    tb.wait()
except threading.BrokenBarrierError:
    print("broken after timeout:", tb.broken)
try:
    tb.wait()
except threading.BrokenBarrierError as e:
    print("still broken", type(e).__name__, isinstance(e, RuntimeError))
tb.reset()
print(tb.broken)

# abort wakes a waiter with BrokenBarrierError
xb = threading.Barrier(2)
out = []


def waiter():
    try:
        xb.wait()
    except threading.BrokenBarrierError:
        out.append("aborted")


t = threading.Thread(target=waiter)
t.start()
while xb.n_waiting == 0:
    t.join(0.001)
xb.abort()
t.join()
print(out, xb.broken)
