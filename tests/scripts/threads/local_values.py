import threading

data = threading.local()
data.x = "main"
results = []
lock = threading.Lock()


def worker(i):
    print_has = hasattr(data, "x")
    data.x = i
    data.y = i * 2
    with lock:
        results.append((i, print_has, data.x, data.y))


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
print(data.x)
print(hasattr(data, "y"))
try:
    data.y
except AttributeError as e:
    print("AttributeError")
del data.x
print(hasattr(data, "x"))


class MyLocal(threading.local):
    def __init__(self, start):
        self.value = start
        self.count = 0

    def bump(self):
        self.count += 1
        return self.count


ml = MyLocal(10)
ml.value = 99
ml.bump()
seen = []


def other():
    seen.append((ml.value, ml.bump(), ml.bump()))


t = threading.Thread(target=other)
t.start()
t.join()
print(seen)
print(ml.value, ml.count)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
