import queue
import threading

q = queue.Queue()
results = []
lock = threading.Lock()


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with lock:
            results.append(item * item)
        q.task_done()


ws = [threading.Thread(target=worker) for _ in range(3)]
for w in ws:
    w.start()
for i in range(30):
    q.put(i)
q.join()
print(sorted(results) == [i * i for i in range(30)])
print(len(results))
for _ in ws:
    q.put(None)
for w in ws:
    w.join()
print(q.qsize(), q.empty(), q.full(), q.unfinished_tasks)
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)

# FIFO order with one producer and one consumer, bounded queue
bq = queue.Queue(maxsize=2)
got = []


def consume():
    for _ in range(10):
        got.append(bq.get())


c = threading.Thread(target=consume)
c.start()
for i in range(10):
    bq.put(i)
c.join()
print(got)
print(bq.maxsize)
