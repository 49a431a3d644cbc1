# Claim 2: five API calls of DELAY seconds each take 5 x DELAY in sequence and about DELAY
# when their waits overlap — on threads, on asyncio, and on processes at the price of their
# start-up. (The lecture says 1 s per call; 0.3 s keeps the run short and shows the same.)
# Runs under gil and python3.
import asyncio
import threading
import multiprocessing

from _lecture import Case, nap, run

CALLS, DELAY = 5, 0.3


def sequential():
    for _ in range(CALLS):
        nap(DELAY)


def threads():
    ts = [threading.Thread(target=nap, args=(DELAY,)) for _ in range(CALLS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


async def _gathered():
    await asyncio.gather(*(asyncio.sleep(DELAY) for _ in range(CALLS)))


def coroutines():
    asyncio.run(_gathered())


def processes():
    with multiprocessing.Pool(CALLS) as pool:
        pool.map(nap, [DELAY] * CALLS)


if __name__ == "__main__":
    run(f"Claim 2: {CALLS} API calls of {DELAY} s", [
        Case("sequential", "one after another", sequential),
        Case("threads", f"{CALLS} threads", threads, vs="sequential"),
        Case("asyncio", f"asyncio.gather of {CALLS} tasks", coroutines, vs="sequential"),
        Case("processes", f"multiprocessing.Pool({CALLS}), start-up included", processes,
             vs="sequential"),
    ])
