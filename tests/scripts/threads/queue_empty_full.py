import queue

q = queue.Queue(maxsize=2)
q.put(1)
q.put_nowait(2)
print(q.full(), q.qsize())
try:
    q.put_nowait(3)
except queue.Full:
    print("Full (nowait)")
try:
    q.put(3, timeout=0.01)
except queue.Full:
    print("Full (timeout)")
try:
    q.put(3, block=False)
except queue.Full as e:
    print("Full (block=False)", repr(e))
try:
    q.put(3, timeout=-1)
except ValueError as e:
    print("ValueError:", e)
print(q.get(), q.get_nowait())
try:
    q.get_nowait()
except queue.Empty:
    print("Empty (nowait)")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty (timeout)")
try:
    q.get(False)
except queue.Empty as e:
    print("Empty (block=False)", repr(e))
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
print(q.empty(), q.full())
