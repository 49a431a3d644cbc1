# Claim 8, story A: an ML inference service parallelised with 10 threads sees no speedup;
# migrating it to multiprocessing fixes it. The "model" is examples/processes_cpu.py's
# `infer` (a small dense network in pure Python, CPU-bound). Each interpreter first calibrates
# the number of rounds so that one request takes about 0.1 s on it, then serves 10 requests:
# one at a time, on 10 threads, and on a process pool with one worker per core.
# "RSS MB" is the memory of the whole process tree while the requests are served.
# Runs under gil and python3.
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from _lecture import CORES, Case, run, sample_rss
from processes_cpu import infer

REQUESTS = 10
ROUNDS = [0]


def calibrate(target=0.1):
    """The number of rounds that makes one request take about `target` seconds here."""
    rounds = 5
    while True:
        t = time.perf_counter()
        infer(0, rounds)
        d = time.perf_counter() - t
        if d > target / 2:
            return max(1, int(rounds * target / d))
        rounds *= 2


def serve(executor, workers):
    requests = list(range(REQUESTS))
    with executor(workers) as ex:
        pending = [ex.submit(infer, x, ROUNDS[0]) for x in requests]
        sample_rss()
        return [f.result() for f in pending]


def one_by_one():
    answers = [infer(x, ROUNDS[0]) for x in range(REQUESTS)]
    sample_rss()
    return f"{REQUESTS} requests, {ROUNDS[0]} rounds each"


def threads():
    serve(ThreadPoolExecutor, 10)
    return "ThreadPoolExecutor(10)"


def processes():
    serve(ProcessPoolExecutor, CORES)
    return f"ProcessPoolExecutor({CORES}), start-up included"


if __name__ == "__main__":
    ROUNDS[0] = calibrate()
    run("Claim 8, story A: an inference service", [
        Case("one_by_one", "one request at a time", one_by_one),
        Case("threads", "10 threads (no speedup)", threads, vs="one_by_one"),
        Case("processes", "process pool (the fix)", processes, vs="one_by_one"),
    ])
