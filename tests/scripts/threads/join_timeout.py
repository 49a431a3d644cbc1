import threading

release = threading.Event()


def slow():
    release.wait()


t = threading.Thread(target=slow)
t.start()
print(t.join(0.01))
print(t.is_alive())
t.join(timeout=0)
print(t.is_alive())
t.join(-1)
print(t.is_alive())
release.set()
t.join()
print(t.is_alive())

# threads starting threads, results collected through a list
out = []
lock = threading.Lock()


def child(depth):
    with lock:
        out.append(depth)
    if depth < 3:
        kids = [threading.Thread(target=child, args=(depth + 1,)) for _ in range(2)]
        for k in kids:
            k.start()
        for k in kids:
            k.join()


root = threading.Thread(target=child, args=(0,))
root.start()
root.join()
print(sorted(out))
print(threading.active_count())
