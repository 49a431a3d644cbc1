import threading

fired = []
t = threading.Timer(0.01, fired.append, args=("fired",))
print(t.name[:7] == "Thread-")
t.start()
t.join()
print(fired)

c = threading.Timer(5.0, fired.append, args=("should not fire",))
c.start()
c.cancel()
c.join()
print(fired)
print(c.is_alive())


def greet(who, punct="!"):
    fired.append("hello " + who + punct)


k = threading.Timer(0.001, greet, ["timer"], {"punct": "?"})
k.start()
k.join()
print(fired)
print(isinstance(k, threading.Thread))
