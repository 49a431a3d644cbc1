# Memory: the peak RSS (VmHWM) of each worker of a `Pool(2)` after a trivial task, and of
# the parent. Keys: worker_kb (median of the workers), parent_kb.
import os
import multiprocessing as mp

from _common import median, start_method, vmhwm_kb


def report(_):
    import time
    time.sleep(0.05)   # so that both workers take a task
    return (os.getpid(), vmhwm_kb())


if __name__ == "__main__":
    start_method()
    with mp.Pool(2) as pool:
        got = dict(pool.map(report, range(4), chunksize=1))
    print("workers=%d" % len(got))
    print("worker_kb=%d" % median(got.values()))
    print("parent_kb=%d" % vmhwm_kb())
