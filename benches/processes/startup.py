# Start-up: `Pool(2)` created plus its first result (`apply` of a trivial function), timed
# inside the script after `import multiprocessing`. The first pool of the run also imports
# `multiprocessing.pool` in the parent; the next five are timed too (median).
# Keys: pool_first_ms, pool_ms.
import time
import multiprocessing as mp

from _common import median, start_method


def noop(x):
    return x


def pool_once():
    t = time.perf_counter()
    pool = mp.Pool(2)
    pool.apply(noop, (1,))
    d = time.perf_counter() - t
    pool.terminate()
    pool.join()
    return d


if __name__ == "__main__":
    start_method()
    first = pool_once()
    pools = [pool_once() for _ in range(5)]
    print("pool_first_ms=%.2f" % (first * 1e3))
    print("pool_ms=%.2f" % (median(pools) * 1e3))
