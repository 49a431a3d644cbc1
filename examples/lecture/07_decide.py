# Claim 7: the decision framework. Moderate I/O concurrency (dozens to a few hundred waits):
# threads. Very high I/O concurrency (thousands): asyncio. CPU-bound across cores:
# multiprocessing. And the wrong pairings: threads for CPU (no speedup), processes for I/O
# (overhead with no benefit), asyncio for CPU (harmful: a coroutine that never yields blocks
# the loop and starves every task — here a heartbeat that wants to tick every 10 ms).
# Each workload runs on each model; "RSS MB" is the memory of the whole process tree at the
# moment of greatest concurrency. `gil --diagnose 07_decide.py CASE` gives the verdict that
# picks the model. Runs under gil and python3.
import asyncio
import threading
import multiprocessing

from _lecture import CORES, Case, crunch, nap, run, sample_rss
import asyncio_starvation

MODERATE, HIGH, DELAY, HIGH_DELAY = 50, 2000, 0.2, 1.0
TASKS, STEPS = 4, 3_000_000


def on_threads(n, fn, arg):
    ts = [threading.Thread(target=fn, args=(arg,)) for _ in range(n)]
    for t in ts:
        t.start()
    sample_rss()
    for t in ts:
        t.join()
    return f"{n:,} threads"


async def _sleepers(n, delay):
    async def sampler():
        await asyncio.sleep(delay / 2)
        sample_rss()
    await asyncio.gather(sampler(), *(asyncio.sleep(delay) for _ in range(n)))


def on_asyncio(n, delay):
    asyncio.run(_sleepers(n, delay))
    return f"{n:,} tasks on 1 thread"


def on_processes(n, fn, arg):
    with multiprocessing.Pool(n) as pool:
        pending = pool.map_async(fn, [arg] * max(n, TASKS))
        sample_rss()
        pending.get()
    return f"Pool({n}), start-up included"


async def _computing_coroutines():
    gaps, stop = [], []
    hb = asyncio.create_task(asyncio_starvation.heartbeat(gaps, stop))
    await asyncio.sleep(0.02)

    async def compute():
        crunch(STEPS)          # never awaits: the loop is blocked meanwhile
    await asyncio.gather(*(compute() for _ in range(TASKS)))
    stop.append(True)
    await hb
    return max(gaps)


def cpu_asyncio():
    worst = asyncio.run(_computing_coroutines())
    return {"worst_gap": worst, "note": f"wrong: heartbeat silent for {worst * 1000:.0f} ms"}


def cpu_seq():
    for _ in range(TASKS):
        crunch(STEPS)


if __name__ == "__main__":
    run("Claim 7: which model for which workload", [
        Case("moderate_threads", f"{MODERATE} waits of {DELAY} s: threads (right)",
             lambda: on_threads(MODERATE, nap, DELAY)),
        Case("moderate_asyncio", f"{MODERATE} waits of {DELAY} s: asyncio (right too)",
             lambda: on_asyncio(MODERATE, DELAY)),
        Case("moderate_processes", f"{MODERATE} waits of {DELAY} s: processes (wrong)",
             lambda: on_processes(MODERATE, nap, DELAY), vs="moderate_threads"),
        Case("high_threads", f"{HIGH:,} waits of {HIGH_DELAY} s: threads (costly)",
             lambda: on_threads(HIGH, nap, HIGH_DELAY)),
        Case("high_asyncio", f"{HIGH:,} waits of {HIGH_DELAY} s: asyncio (right)",
             lambda: on_asyncio(HIGH, HIGH_DELAY), vs="high_threads"),
        Case("cpu_seq", f"{TASKS} computations: one after another", cpu_seq),
        Case("cpu_threads", f"{TASKS} computations: threads (wrong)",
             lambda: on_threads(TASKS, crunch, STEPS), vs="cpu_seq"),
        Case("cpu_asyncio", f"{TASKS} computations: asyncio (wrong)", cpu_asyncio,
             vs="cpu_seq"),
        Case("cpu_processes", f"{TASKS} computations: processes (right)",
             lambda: on_processes(CORES, crunch, STEPS), vs="cpu_seq"),
    ])
