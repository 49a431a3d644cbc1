import threading

cond = threading.Condition()
status = threading.Condition()
woken = []
waiting = 0


def waiter(i):
    global waiting
    with cond:
        with status:
            waiting += 1
            status.notify_all()
        cond.wait()
        with status:
            woken.append(i)
            status.notify_all()


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
with status:
    status.wait_for(lambda: waiting == 5)
# every waiter is inside cond.wait() once we can take cond
with cond:
    print(len(cond._waiters))
    cond.notify(2)
    cond.notify(0)
    print(len(cond._waiters))
with status:
    status.wait_for(lambda: len(woken) == 2)
    print(len(woken))
with cond:
    cond.notify_all()
for t in ts:
    t.join()
print(sorted(woken))

# wait with a timeout returns False when nobody notifies
with cond:
    print(cond.wait(0.001))
    print(cond.wait(0))
    print(cond.wait_for(lambda: "truthy value", 0.001))
