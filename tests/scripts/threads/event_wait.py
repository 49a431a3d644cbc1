import threading

ev = threading.Event()
print(ev.is_set())
print(ev.wait(0.01))
results = []
lock = threading.Lock()


def waiter(i):
    ok = ev.wait()
    with lock:
        results.append((i, ok))


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
ev.set()
for t in ts:
    t.join()
print(sorted(results))
print(ev.is_set())
print(ev.wait())
print(ev.wait(0))
ev.clear()
print(ev.is_set())
print(ev.wait(0.01))

# ping-pong between two events
ping = threading.Event()
pong = threading.Event()
log = []


def ponger():
    for i in range(3):
        ping.wait()
        ping.clear()
        log.append("pong %d" % i)
        pong.set()


t = threading.Thread(target=ponger)
t.start()
for i in range(3):
    log.append("ping %d" % i)
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print(log)
