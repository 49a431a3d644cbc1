import threading


class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.total = None

    def run(self):
        total = 0
        for i in range(self.n):
            total += i
        self.total = total
        self.me = threading.current_thread()


class Named(threading.Thread):
    def __init__(self, label):
        super().__init__(name="named-" + label)
        self.seen = None

    def run(self):
        self.seen = threading.current_thread().name


ts = [Counter(n) for n in (10, 100, 1000)]
print([t.name for t in ts])
for t in ts:
    t.start()
for t in ts:
    t.join()
print([t.total for t in ts])
print(all(t.me is t for t in ts))

n = Named("a")
n.start()
n.join()
print(n.seen)


class WithTarget(threading.Thread):
    def run(self):
        print("before super().run()")
        super().run()
        print("after super().run()")


w = WithTarget(target=print, args=("from target",))
print(w.name)
w.start()
w.join()
print(threading.current_thread().name)
print(threading.main_thread().name)
print(threading.current_thread() is threading.main_thread())
print(type(threading.main_thread()).__name__)
