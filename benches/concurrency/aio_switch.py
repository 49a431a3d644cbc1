# Task switch cost: two tasks ping-pong with `await asyncio.sleep(0)`.
# Prints: us_per_switch (wall / total number of sleep(0) awaits).
import asyncio
import sys
import time


async def spinner(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def main(n):
    await asyncio.gather(spinner(1000), spinner(1000))  # warm up
    t0 = time.perf_counter()
    await asyncio.gather(spinner(n), spinner(n))
    return time.perf_counter() - t0


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
dt = asyncio.run(main(n))
print(f"switches={2 * n}")
print(f"us_per_switch={dt / (2 * n) * 1e6:.3f}")
