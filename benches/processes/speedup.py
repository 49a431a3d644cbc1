# Speedup: 4 CPU-bound tasks (calibrated to ~0.3 s each on this interpreter) run one after
# another, then on `Pool(w)` for w = 1, 2, 4 (pool started and warmed up before the clock).
# Keys: task_s, seq_s, w1_s, w2_s, w4_s, speedup_w1, speedup_w2, speedup_w4, cores.
import os
import time
import multiprocessing as mp

from _common import start_method


def burn(n):
    s = 0
    i = 0
    while i < n:
        s += i * i % 7
        i += 1
    return s


def noop(x):
    return x


if __name__ == "__main__":
    start_method()
    n = 20000
    while True:
        t = time.perf_counter()
        burn(n)
        d = time.perf_counter() - t
        if d > 0.05:
            break
        n *= 2
    n = int(n * 0.3 / d)
    t = time.perf_counter()
    expected = [burn(n) for _ in range(4)]
    seq = time.perf_counter() - t
    print("task_s=%.3f" % (seq / 4))
    print("seq_s=%.3f" % seq)
    for w in (1, 2, 4):
        with mp.Pool(w) as pool:
            pool.map(noop, range(w), chunksize=1)
            t = time.perf_counter()
            got = pool.map(burn, [n] * 4, chunksize=1)
            d = time.perf_counter() - t
        assert got == expected
        print("w%d_s=%.3f" % (w, d))
        print("speedup_w%d=%.2f" % (w, seq / d))
    print("cores=%d" % os.cpu_count())
