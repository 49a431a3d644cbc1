# Claim 3: the overlap that helps waiting does nothing for computing. Five computations take
# the same CPU time however they are interleaved: one after another, on five threads (taking
# turns at the GIL), or as five coroutines that yield to each other between chunks.
# Runs under gil and python3.
import asyncio
import threading

from _lecture import Case, crunch, run

TASKS = 5
STEPS = 3_000_000   # one computation: about 0.2 s
CHUNKS = 10


def sequential():
    for _ in range(TASKS):
        crunch(STEPS)


def threads():
    ts = [threading.Thread(target=crunch, args=(STEPS,)) for _ in range(TASKS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


async def _chunked():
    for _ in range(CHUNKS):
        crunch(STEPS // CHUNKS)
        await asyncio.sleep(0)   # let the other coroutines interleave


async def _gathered():
    await asyncio.gather(*(_chunked() for _ in range(TASKS)))


def coroutines():
    asyncio.run(_gathered())


if __name__ == "__main__":
    run(f"Claim 3: {TASKS} CPU-bound computations", [
        Case("sequential", "one after another", sequential),
        Case("threads", f"{TASKS} threads", threads, vs="sequential"),
        Case("asyncio", f"{TASKS} coroutines, interleaved", coroutines, vs="sequential"),
    ])
