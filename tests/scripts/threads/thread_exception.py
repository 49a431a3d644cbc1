import threading


def boom():
    raise ValueError("boom in thread")


print("before")
t = threading.Thread(target=boom)
t.start()
t.join()
print("after", t.is_alive())

# SystemExit in a thread is silent
def leave():
    raise SystemExit(3)

t = threading.Thread(target=leave)
t.start()
t.join()
print("after SystemExit")

# A custom excepthook receives the details
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


old = threading.excepthook
threading.excepthook = hook
t = threading.Thread(target=boom, name="hooked")
t.start()
t.join()
print(seen)
threading.excepthook = old
print(threading.excepthook is threading.__excepthook__)

t = threading.Thread(target=boom)
t.start()
t.join()
print("end")
