import threading

items = []
cond = threading.Condition()
done = False
consumed = []


def producer():
    global done
    for i in range(20):
        with cond:
            items.append(i)
            cond.notify()
    with cond:
        done = True
        cond.notify_all()


def consumer(tag):
    while True:
        with cond:
            while not items and not done:
                cond.wait()
            if items:
                consumed.append(items.pop(0))
            elif done:
                return


cs = [threading.Thread(target=consumer, args=(k,)) for k in range(3)]
for c in cs:
    c.start()
p = threading.Thread(target=producer)
p.start()
p.join()
for c in cs:
    c.join()
print(sorted(consumed))
print(len(consumed))

c = threading.Condition()
try:
    c.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
with c:
    print(c.wait(0.01))
    print(c.wait_for(lambda: False, 0.01))
    print(c.wait_for(lambda: 42))
    c.notify_all()

# wait_for with a Lock-based condition
state = {"ready": False}
lc = threading.Condition(threading.Lock())


def setter():
    with lc:
        state["ready"] = True
        lc.notify_all()


with lc:
    t = threading.Thread(target=setter)
    t.start()
    print(lc.wait_for(lambda: state["ready"]))
t.join()

# Condition over an RLock held twice: wait releases it fully
rc = threading.Condition(threading.RLock())
flag = []


def poke():
    with rc:
        flag.append(1)
        rc.notify()


with rc:
    with rc:
        t = threading.Thread(target=poke)
        t.start()
        print(rc.wait_for(lambda: flag))
t.join()
print(flag)
