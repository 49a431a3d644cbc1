import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed
import time


def nap(i):
    time.sleep(0.3 * i)
    return i


if __name__ == "__main__":
    with ProcessPoolExecutor(4, mp_context=mp.get_context("spawn")) as ex:
        futures = {ex.submit(nap, i): i for i in (3, 1, 2, 0)}
        order = [f.result() for f in as_completed(futures, timeout=60)]
        print(order)
        print(sorted(futures.values()))
