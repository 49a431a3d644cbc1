import threading

names = []
lock = threading.Lock()


def record():
    with lock:
        names.append(threading.current_thread().name)


ts = [threading.Thread(target=record) for _ in range(3)]
ts.append(threading.Thread(target=record, name="special"))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(names))

print(threading.current_thread().daemon)
d = threading.Thread(target=record, daemon=True)
print(d.daemon)
nd = threading.Thread(target=record)
print(nd.daemon)
nd.daemon = True
print(nd.daemon)

inherited = []


def spawn_child():
    child = threading.Thread(target=record)
    inherited.append(child.daemon)
    explicit = threading.Thread(target=record, daemon=False)
    inherited.append(explicit.daemon)


d2 = threading.Thread(target=spawn_child, daemon=True)
d2.start()
d2.join()
n2 = threading.Thread(target=spawn_child)
n2.start()
n2.join()
print(inherited)

started = threading.Thread(target=record)
started.start()
try:
    started.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
started.join()

print(threading.active_count())
print(len(threading.enumerate()))
print(threading.enumerate()[0] is threading.main_thread())

release = threading.Event()
ready = threading.Barrier(4)


def hold():
    ready.wait()
    release.wait()


hs = [threading.Thread(target=hold) for _ in range(3)]
for h in hs:
    h.start()
ready.wait()
print(threading.active_count())
print(sum(1 for t in threading.enumerate() if t in hs))
print(all(h.is_alive() for h in hs))
release.set()
for h in hs:
    h.join()
print(threading.active_count())
print([h.is_alive() for h in hs])
print(isinstance(threading.get_ident(), int), isinstance(threading.get_native_id(), int))
print(threading.current_thread().ident == threading.get_ident())
print(threading.TIMEOUT_MAX > 0)
print(threading.main_thread().is_alive())
print(repr(threading.main_thread())[:33] == "<_MainThread(MainThread, started ")
