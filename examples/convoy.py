# The convoy effect: an I/O thread that gives the GIL up at every blocking call must win it
# back from a CPU-bound thread, and under the default policy it waits up to one switch
# interval (5 ms) each time. Compare: gil --gil-policy=interval examples/convoy.py
#                                and: gil --gil-policy=priority examples/convoy.py
import threading
import time

from _measure import gil_note, table, timed

stop = False


def cpu_hog():
    while not stop:
        pass


def io_work():
    for _ in range(200):
        time.sleep(0.001)


if __name__ == "__main__":
    alone = timed(io_work)
    hog = threading.Thread(target=cpu_hog)
    hog.start()
    beside = timed(io_work)
    stop = True
    hog.join()
    try:
        import gil
        policy = gil.policy()
    except ImportError:
        policy = "CPython's"
    table(f"200 x time.sleep(0.001), policy: {policy}", [
        ("alone", alone, ""),
        ("beside a CPU-bound thread", beside, f"{beside / alone:.1f}x slower"),
    ])
    print(gil_note())
