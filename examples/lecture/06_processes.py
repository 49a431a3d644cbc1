# Claim 6: multiprocessing runs separate processes, each with its own interpreter and its own
# GIL: true parallelism for CPU-bound work, at a real cost in start-up time, inter-process
# communication and memory per process.
#   right pairing: processes for CPU — the speedup approaches the number of cores;
#   wrong pairing: processes for I/O — the waits overlap no better than on threads, and the
#                  pool's start-up and memory come on top (overhead without benefit);
#   the costs: a pool's start-up, and a trivial task's round trip, beside a thread pool.
# Runs under gil and python3 (gil's workers are fresh gil processes, like CPython's "spawn").
import threading
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from _lecture import CORES, Case, crunch, nap, run, sample_rss

TASKS, STEPS = 4, 3_000_000     # four computations of about 0.2 s
CALLS, DELAY = 5, 0.3
TRIVIAL = 200


def trivial(x):
    return x


def cpu_seq():
    for _ in range(TASKS):
        crunch(STEPS)


def cpu_processes():
    with multiprocessing.Pool(CORES) as pool:
        pending = pool.map_async(crunch, [STEPS] * TASKS)
        sample_rss()
        pending.get()
    return f"Pool({CORES}), start-up included"


def io_threads():
    ts = [threading.Thread(target=nap, args=(DELAY,)) for _ in range(CALLS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    sample_rss()


def io_processes():
    with multiprocessing.Pool(CALLS) as pool:
        pending = pool.map_async(nap, [DELAY] * CALLS)
        sample_rss()
        pending.get()
    return f"Pool({CALLS}), start-up included"


def startup():
    with ProcessPoolExecutor(2) as ex:
        ex.submit(trivial, 0).result()
        sample_rss()


def _round_trips(executor):
    with executor(2) as ex:
        ex.submit(trivial, 0).result()    # start the workers first: only round trips count
        t = __import__("time").perf_counter()
        for i in range(TRIVIAL):
            ex.submit(trivial, i).result()
        per = (__import__("time").perf_counter() - t) / TRIVIAL
    return {"per_task": per, "note": f"{per * 1e6:.0f} µs per task, one at a time"}


def ipc_processes():
    return _round_trips(ProcessPoolExecutor)


def ipc_threads():
    return _round_trips(ThreadPoolExecutor)


if __name__ == "__main__":
    run("Claim 6: multiprocessing", [
        Case("cpu_seq", f"CPU: {TASKS} computations, one after another", cpu_seq),
        Case("cpu_processes", f"CPU: the same on processes (right pairing)", cpu_processes,
             vs="cpu_seq"),
        Case("io_threads", f"I/O: {CALLS} calls of {DELAY} s on threads", io_threads),
        Case("io_processes", "I/O: the same on processes (wrong pairing)", io_processes,
             vs="io_threads"),
        Case("startup", "cost: ProcessPoolExecutor(2) + first result", startup),
        Case("ipc_processes", f"cost: {TRIVIAL} trivial tasks, process pool", ipc_processes),
        Case("ipc_threads", f"cost: {TRIVIAL} trivial tasks, thread pool", ipc_threads),
    ])
