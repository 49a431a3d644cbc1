# Cooperative scheduling: a coroutine that computes without awaiting starves every other task.
# A heartbeat task wants to run every 10 ms; we measure its largest gap beside a 0.5 s
# computation that never yields, then beside the same computation with `await asyncio.sleep(0)`
# every so often. (Under gil, `--loop-watchdog` reports the first case while it happens.)
import asyncio
import time

from _measure import table


async def heartbeat(gaps, stop):
    last = time.perf_counter()
    while not stop:
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def crunch(seconds, yield_every):
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
        if yield_every and n % yield_every == 0:
            await asyncio.sleep(0)
    return n


async def trial(yield_every):
    gaps, stop = [], []
    hb = asyncio.create_task(heartbeat(gaps, stop))
    await asyncio.sleep(0.05)
    t0 = time.perf_counter()
    await crunch(0.5, yield_every)
    wall = time.perf_counter() - t0
    await asyncio.sleep(0.03)
    stop.append(True)
    await hb
    return max(gaps), wall


async def main():
    worst1, wall1 = await trial(0)
    worst2, wall2 = await trial(1000)
    table("heartbeat (every 10 ms) beside 0.5 s of computation: largest gap", [
        ("computation never awaits", worst1, f"(computation took {wall1:.3f} s)"),
        ("await sleep(0) every 1000 steps", worst2, f"(computation took {wall2:.3f} s)"),
    ])


if __name__ == "__main__":
    asyncio.run(main())
