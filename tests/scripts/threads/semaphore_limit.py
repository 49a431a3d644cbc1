import threading
import time

LIMIT = 2
sem = threading.Semaphore(LIMIT)
stats_lock = threading.Lock()
current = 0
max_seen = 0
done = []


def worker(i):
    global current, max_seen
    with sem:
        with stats_lock:
            current += 1
            if current > max_seen:
                max_seen = current
        time.sleep(0.01)
        with stats_lock:
            current -= 1
            done.append(i)


ts = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(max_seen <= LIMIT)
print(max_seen >= 1)
print(sorted(done))

s = threading.Semaphore(0)
print(s.acquire(False))
print(s.acquire(timeout=0.01))
s.release(3)
print(s.acquire(), s.acquire(), s.acquire(), s.acquire(blocking=False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.release(0)
except ValueError as e:
    print("ValueError:", e)
try:
    s.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)

# release from another thread wakes a blocked acquire
gate = threading.Semaphore(0)
log = []


def opener():
    log.append("release")
    gate.release()


t = threading.Thread(target=opener)
t.start()
gate.acquire()
log.append("acquired")
t.join()
print(log)
