# Round trip: the latency of one trivial task, one at a time (`Pool.apply`,
# `ProcessPoolExecutor.submit(...).result()`), and the cost per item of `Pool.map` over
# 20,000 items (chunked). Keys: apply_us, submit_us, map_item_us.
import sys
import time
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

from _common import start_method


def noop(x):
    return x


if __name__ == "__main__":
    start_method()
    n = 2000
    with mp.Pool(1) as pool:
        for i in range(50):
            pool.apply(noop, (i,))
        t = time.perf_counter()
        for i in range(n):
            pool.apply(noop, (i,))
        apply_us = (time.perf_counter() - t) / n * 1e6
    with mp.Pool(2) as pool:
        pool.map(noop, range(100))
        t = time.perf_counter()
        r = pool.map(noop, range(20000))
        map_us = (time.perf_counter() - t) / 20000 * 1e6
        assert r == list(range(20000))
    with ProcessPoolExecutor(1) as ex:
        for i in range(50):
            ex.submit(noop, i).result()
        t = time.perf_counter()
        for i in range(n):
            ex.submit(noop, i).result()
        submit_us = (time.perf_counter() - t) / n * 1e6
    print("apply_us=%.1f" % apply_us)
    print("submit_us=%.1f" % submit_us)
    print("map_item_us=%.2f" % map_us)
