import threading

counter = 0
lock = threading.Lock()


def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


threads = [threading.Thread(target=bump, args=(10000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)

# acquire/release by hand, non-blocking and timeouts
l = threading.Lock()
print(l.acquire())
print(l.locked())
print(l.acquire(False))
print(l.acquire(True, 0.01))
print(l.acquire(blocking=False))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    l.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)

# A lock released by another thread than the one that took it.
gate = threading.Lock()
gate.acquire()
order = []


def opener():
    order.append("opening")
    gate.release()


t = threading.Thread(target=opener)
t.start()
gate.acquire()
order.append("through")
t.join()
print(order)
