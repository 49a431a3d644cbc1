# The "ML inference service": a CPU-bound `infer(x)` (a tiny dense network, pure Python)
# served three ways — one request at a time, on a thread pool, on a process pool.
# Threads share one GIL, so CPU-bound requests take turns: no speedup. Processes each have
# their own interpreter and their own GIL: the speedup approaches the number of cores.
# Runs under gil and under python3.
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

    t = time.perf_counter()
    expected = [infer(x, rounds) for x in requests]
    seq = time.perf_counter() - t

    with ThreadPoolExecutor(workers) as ex:
        t = time.perf_counter()
        got = list(ex.map(infer, requests, args))
        threads = time.perf_counter() - t
    assert got == expected

    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as ex:
        first = ex.submit(infer, 0, 1).result()
        startup = time.perf_counter() - t0
        t = time.perf_counter()
        got = list(ex.map(infer, requests, args))
        procs = time.perf_counter() - t
    assert got == expected

    t = time.perf_counter()
    with mp.Pool(workers) as pool:
        got = pool.starmap(infer, zip(requests, args))
    pool_total = time.perf_counter() - t
    assert got == expected

    title = f"{len(requests)} inference requests of ~0.1 s each, {workers} workers, {os.cpu_count()} cores"
    print(title)
    print("-" * len(title))
    print(f"  {'served by':<36} {'wall':>8}   speedup")
    rows = [
        ("one at a time", seq),
        (f"ThreadPoolExecutor({workers})", threads),
        (f"ProcessPoolExecutor({workers})", procs),
        (f"multiprocessing.Pool({workers}) incl. start-up", pool_total),
    ]
    for label, secs in rows:
        print(f"  {label:<36} {secs:7.3f} s   {seq / secs:5.2f}x")
    print(f"  process pool start-up + first result: {startup:.3f} s")
    print()
    print("Threads share one GIL, so CPU-bound requests take turns; each process has its own.")


if __name__ == "__main__":
    main()
