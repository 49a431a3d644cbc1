# Start-up: `ProcessPoolExecutor(2)` created plus its first result, median of 5 (after one
# untimed executor). Its workers re-run this script, which imports `concurrent.futures`
# (and so `threading` and `queue`): more to compile than `startup.py`'s.
# Keys: executor_ms.
import time
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

from _common import median, start_method


def noop(x):
    return x


def executor_once():
    t = time.perf_counter()
    ex = ProcessPoolExecutor(2)
    ex.submit(noop, 1).result()
    d = time.perf_counter() - t
    ex.shutdown()
    return d


if __name__ == "__main__":
    start_method()
    executor_once()
    print("executor_ms=%.2f" % (median([executor_once() for _ in range(5)]) * 1e3))
