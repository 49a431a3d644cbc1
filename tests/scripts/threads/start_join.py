import threading

results = []
lock = threading.Lock()


def worker(n, scale=1, tag="x"):
    with lock:
        results.append((n, n * scale, tag))


threads = []
for i in range(5):
    t = threading.Thread(target=worker, args=(i,), kwargs={"scale": 10, "tag": "t%d" % i})
    threads.append(t)
print(threads[0].name)
print(threads[4].name)
print(threads[0].is_alive(), threads[0].ident is None, threads[0].native_id is None)
print(repr(threads[0])[:34] == "<Thread(Thread-1 (worker), initial")
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print([t.is_alive() for t in threads])
print(all(isinstance(t.ident, int) for t in threads))
print(len(set(t.ident for t in threads)) >= 1)
print(repr(threads[0])[:34] == "<Thread(Thread-1 (worker), stopped")

try:
    threads[0].start()
except RuntimeError as e:
    print("RuntimeError:", e)

t = threading.Thread(target=worker, args=(99,))
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)

named = threading.Thread(target=worker, args=(7,), name="custom")
print(named.name)
named.name = "renamed"
print(named.name)
named.start()
named.join()
print(named.name, results[-1])

# A target that is not a function keeps the plain name.
class Callable:
    def __call__(self):
        results.append("called")

c = threading.Thread(target=Callable())
print(c.name)
c.start()
c.join()
print(results[-1])
plain = threading.Thread()
print(plain.name)
plain.start()
plain.join()
print(plain.is_alive())
