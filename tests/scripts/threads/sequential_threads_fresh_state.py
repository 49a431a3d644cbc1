# Threads started one after another (gil may run them on the same OS thread): each one sees
# a fresh threading.local, its own name and Thread object, and is dead once joined.
import threading

data = threading.local()
seen = []


def work(i):
    fresh = not hasattr(data, "x")
    data.x = i
    me = threading.current_thread()
    seen.append((i, fresh, data.x, me.name, me is threads[i]))


threads = []
for i in range(6):
    t = threading.Thread(target=work, args=(i,), name="w%d" % i)
    threads.append(t)
    t.start()
    t.join()
    print(i, t.is_alive(), t.ident is not None)
for row in seen:
    print(row)
print(threading.active_count(), [t.name for t in threading.enumerate()])
print(hasattr(data, "x"))
