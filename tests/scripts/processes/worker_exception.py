import time
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


class MyError(Exception):
    pass


def fail(x):
    if x == 3:
        raise ValueError("bad value: %d" % x)
    if x == 4:
        # Later than item 3's failure: CPython's map raises whichever failure arrives first.
        time.sleep(0.3)
        raise MyError("custom", x)
    return x


if __name__ == "__main__":
    mp.set_start_method("spawn")
    with mp.Pool(2) as pool:
        try:
            pool.map(fail, range(5))
        except ValueError as e:
            print("map raised", type(e).__name__, e)
            print("cause is", type(e.__cause__).__name__)
        r = pool.apply_async(fail, (4,))
        r.wait(30)
        print(r.ready(), r.successful())
        try:
            r.get()
        except MyError as e:
            print("apply raised", type(e).__name__, e.args)
        print(pool.apply(fail, (1,)))
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        f = ex.submit(fail, 3)
        e = f.exception(timeout=30)
        print("future exception:", type(e).__name__, e)
        try:
            f.result()
        except ValueError as e:
            print("result raised", e)
        print(ex.submit(fail, 2).result(timeout=30))
