import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, wait, FIRST_COMPLETED, ALL_COMPLETED
import time


def cube(x):
    return x ** 3


def slow(x, delay):
    time.sleep(delay)
    return x


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn")) as ex:
        print(list(ex.map(cube, range(8))))
        print(list(ex.map(pow, [2, 3], [5, 2])))
        futures = [ex.submit(cube, i) for i in range(4)]
        done, not_done = wait(futures, return_when=ALL_COMPLETED)
        print(len(done), len(not_done), sorted(f.result() for f in done))
        f1 = ex.submit(slow, "fast", 0.05)
        f2 = ex.submit(slow, "slow", 1.0)
        done, not_done = wait([f1, f2], return_when=FIRST_COMPLETED)
        print([f.result() for f in done], len(not_done))
        print(f2.result(timeout=30), f2.done(), f2.cancelled())
    print("shut down")
