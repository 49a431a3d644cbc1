# Claim 5: async is one thread, one event loop, cooperative tasks: minimal overhead, and
# thousands of concurrent waits on one thread.
#   right pairing: asyncio for I/O — gathered waits overlap, and 2,000 of them fit on one
#                  thread (examples/asyncio_io.py, examples/asyncio_scale.py);
#   wrong pairing: asyncio for CPU — a coroutine that computes without awaiting blocks the
#                  loop and starves every other task: a heartbeat that wants to tick every
#                  10 ms goes silent for the whole computation (examples/asyncio_starvation.py).
# Runs under gil and python3. (Under gil, `--loop-watchdog` reports the stall as it happens.)
import asyncio
import threading

from _lecture import Case, run, sample_rss
import asyncio_starvation

CALLS, DELAY, MANY = 5, 0.3, 2000


async def _one_by_one():
    for _ in range(CALLS):
        await asyncio.sleep(DELAY)


async def _gathered(n):
    async def sampler():
        await asyncio.sleep(DELAY / 2)   # every task is waiting by now
        sample_rss()
        return threading.active_count()
    waits = [asyncio.sleep(DELAY) for _ in range(n)]
    results = await asyncio.gather(sampler(), *waits)
    return results[0]


def sequential():
    asyncio.run(_one_by_one())


def gathered():
    asyncio.run(_gathered(CALLS))


def many():
    threads = asyncio.run(_gathered(MANY))
    return {"threads": threads, "note": f"{MANY:,} tasks on {threads} thread"}


def _heartbeat_beside_computation(yield_every):
    worst, wall = asyncio.run(asyncio_starvation.trial(yield_every))
    return {"worst_gap": worst,
            "note": f"heartbeat (every 10 ms): largest gap {worst * 1000:.0f} ms"}


def starved():
    return _heartbeat_beside_computation(0)


def cooperative():
    return _heartbeat_beside_computation(1000)


if __name__ == "__main__":
    run("Claim 5: asyncio", [
        Case("seq", f"I/O: {CALLS} awaits of {DELAY} s, one by one", sequential),
        Case("gather", f"I/O: the same, gathered (right pairing)", gathered, vs="seq"),
        Case("many", f"I/O: {MANY:,} tasks each awaiting sleep({DELAY})", many),
        Case("starve", "CPU: 0.5 s computing, never awaiting (wrong pairing)", starved),
        Case("cooperative", "CPU: the same, await sleep(0) every 1000 steps", cooperative),
    ])
