# CPU-bound work: four computations, first in sequence, then on four threads.
# Threads give no speedup: only the thread holding the GIL runs bytecode, so they take
# turns (run with --gil=off to see them run in parallel instead).
import threading

from _measure import gil_note, table, timed

TASKS = 4
N = 1_000_000


def compute():
    total = 0
    for i in range(N):
        total += i % 7
    return total


def sequential():
    for _ in range(TASKS):
        compute()


def threaded():
    threads = [threading.Thread(target=compute) for _ in range(TASKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    seq = timed(sequential)
    thr = timed(threaded)
    table(f"{TASKS} CPU-bound tasks", [
        ("sequential", seq, ""),
        (f"{TASKS} threads", thr, f"speedup {seq / thr:.2f}x"),
    ])
    print(gil_note())
