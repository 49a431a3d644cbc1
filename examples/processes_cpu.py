# The "ML inference service": a CPU-bound `infer(x)` (a tiny dense network, pure Python)
# served three ways — one request at a time, on a thread pool, on a process pool.
# Threads share one GIL, so CPU-bound requests take turns: no speedup. Processes each have
# their own interpreter and their own GIL: the speedup approaches the number of cores.
# Each row shows the wall time of the batch, how many cores were busy (CPU time of the
# parent and its workers over the phase's wall time, start-up included) and the peak memory
# (the parent's, plus each worker's). Runs under gil and under python3.
import os
import time
import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor

LAYERS = 3
WIDTH = 24


def weights(layer):
    # Deterministic pseudo-random weights, so every process builds the same model.
    w = []
    seed = 12345 + layer
    for i in range(WIDTH):
        row = []
        for j in range(WIDTH):
            seed = (seed * 1103515245 + 12345) % 2147483648
            row.append(seed / 2147483648.0 - 0.5)
        w.append(row)
    return w


MODEL = [weights(k) for k in range(LAYERS)]


def infer(x, rounds=60):
    """One request: `rounds` passes of a WIDTH-wide, LAYERS-deep ReLU network."""
    v = [((x * 31 + i * 7) % 17) / 17.0 for i in range(WIDTH)]
    for _ in range(rounds):
        for w in MODEL:
            out = []
            for row in w:
                s = 0.0
                for a, b in zip(row, v):
                    s += a * b
                out.append(s if s > 0.0 else 0.01 * s)
            total = sum(abs(o) for o in out) or 1.0
            v = [o / total for o in out]
    return max(range(WIDTH), key=lambda i: v[i])


def cpu_seconds():
    """CPU time of this process and of its reaped children (user + system)."""
    t = os.times()
    return t[0] + t[1] + t[2] + t[3]


def peak_rss_mb():
    """This process's peak resident memory (VmHWM), in MB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def worker_memory(_):
    time.sleep(0.01)     # so that every worker takes one of these
    return os.getpid(), peak_rss_mb()


def workers_mb(executor_map, workers):
    seen = dict(executor_map(worker_memory, range(4 * workers)))
    return sum(seen.values()), len(seen)


def main():
    workers = min(4, os.cpu_count() or 1)
    requests = list(range(4 * workers))
    # Calibrate so one request takes ~0.1 s on this machine.
    rounds = 10
    while True:
        t = time.perf_counter()
        infer(0, rounds)
        d = time.perf_counter() - t
        if d > 0.05:
            break
        rounds *= 2
    rounds = max(1, int(rounds * 0.1 / d))
    args = [rounds] * len(requests)
    rows = []

    c0, t0 = cpu_seconds(), time.perf_counter()
    expected = [infer(x, rounds) for x in requests]
    seq = time.perf_counter() - t0
    rows.append(("one at a time", seq, (cpu_seconds() - c0) / seq, peak_rss_mb(), ""))

    c0, t0 = cpu_seconds(), time.perf_counter()
    with ThreadPoolExecutor(workers) as ex:
        t = time.perf_counter()
        got = list(ex.map(infer, requests, args))
        threads = time.perf_counter() - t
    busy = (cpu_seconds() - c0) / (time.perf_counter() - t0)
    assert got == expected
    rows.append((f"ThreadPoolExecutor({workers})", threads, busy, peak_rss_mb(), "one process"))

    c0, t0 = cpu_seconds(), time.perf_counter()
    with ProcessPoolExecutor(workers) as ex:
        ex.submit(infer, 0, 1).result()
        startup = time.perf_counter() - t0
        t = time.perf_counter()
        got = list(ex.map(infer, requests, args))
        procs = time.perf_counter() - t
        kids, n = workers_mb(ex.map, workers)
    busy = (cpu_seconds() - c0) / (time.perf_counter() - t0)
    assert got == expected
    rows.append((f"ProcessPoolExecutor({workers})", procs, busy, peak_rss_mb() + kids,
                 f"parent + {n} workers"))

    c0, t0 = cpu_seconds(), time.perf_counter()
    with mp.Pool(workers) as pool:
        got = pool.starmap(infer, zip(requests, args))
        pool_total = time.perf_counter() - t0
        kids, n = workers_mb(pool.map, workers)
    busy = (cpu_seconds() - c0) / (time.perf_counter() - t0)
    assert got == expected
    rows.append((f"multiprocessing.Pool({workers}) incl. start-up", pool_total, busy,
                 peak_rss_mb() + kids, f"parent + {n} workers"))

    title = f"{len(requests)} inference requests of ~0.1 s each, {workers} workers, {os.cpu_count()} cores"
    print(title)
    print("-" * len(title))
    print(f"  {'served by':<40} {'wall':>8}   speedup   cores busy   peak memory")
    for label, secs, busy, mem, note in rows:
        print(f"  {label:<40} {secs:7.3f} s   {seq / secs:5.2f}x   {busy:8.2f}     "
              f"{mem:6.1f} MB {note}")
    print(f"  process pool start-up + first result: {startup:.3f} s")
    print()
    print("Threads share one GIL, so CPU-bound requests take turns: one core busy, no speedup.")
    print("Each process has its own interpreter and its own GIL: every core busy, and every")
    print("worker's memory on top of the parent's.")


if __name__ == "__main__":
    main()
