import queue
import threading

q = queue.Queue(maxsize=3)
out = []
out_lock = threading.Lock()
DONE = object()


def producer(base):
    for i in range(50):
        q.put(base + i)


def consumer():
    while True:
        item = q.get()
        try:
            if item is DONE:
                return
            with out_lock:
                out.append(item)
        finally:
            q.task_done()


producers = [threading.Thread(target=producer, args=(k * 1000,)) for k in range(3)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
print(len(out), sorted(out) == sorted(k * 1000 + i for k in range(3) for i in range(50)))
# each producer's items arrive in order
for k in range(3):
    mine = [x for x in out if x // 1000 == k]
    print(k, mine == sorted(mine))
for _ in consumers:
    q.put(DONE)
for t in consumers:
    t.join()
print(q.empty(), q.unfinished_tasks)

# a SimpleQueue handing results back to the main thread
sq = queue.SimpleQueue()


def square(n):
    sq.put((n, n * n))


ts = [threading.Thread(target=square, args=(n,)) for n in range(8)]
for t in ts:
    t.start()
print(sorted(sq.get() for _ in range(8)))
for t in ts:
    t.join()
