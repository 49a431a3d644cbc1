# I/O-bound work: five "API calls" that each wait 0.5 s.
# In sequence they take 2.5 s; on threads their waits overlap and they take about 0.5 s,
# because time.sleep releases the GIL while it waits.
import threading
import time

from _measure import gil_note, table, timed

CALLS = 5
DELAY = 0.5


def api_call():
    time.sleep(DELAY)  # stands for a network round trip


def sequential():
    for _ in range(CALLS):
        api_call()


def threaded():
    threads = [threading.Thread(target=api_call) for _ in range(CALLS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    seq = timed(sequential)
    thr = timed(threaded)
    table(f"{CALLS} I/O-bound calls of {DELAY} s each", [
        ("sequential", seq, ""),
        ("5 threads", thr, f"speedup {seq / thr:.1f}x"),
    ])
    print(gil_note())
