# Five "API calls" of 0.5 s each: awaited one after another, then all at once with gather.
# Waiting is what asyncio overlaps: the gathered version takes about as long as one call.
import asyncio
import time

from _measure import table


async def api_call(i):
    await asyncio.sleep(0.5)  # stands for the network round trip
    return i * i


async def sequential():
    return [await api_call(i) for i in range(5)]


async def gathered():
    return await asyncio.gather(*(api_call(i) for i in range(5)))


async def main():
    t0 = time.perf_counter()
    a = await sequential()
    t1 = time.perf_counter()
    b = await gathered()
    t2 = time.perf_counter()
    assert a == b == [0, 1, 4, 9, 16]
    seq, gat = t1 - t0, t2 - t1
    table("5 API calls of 0.5 s each", [
        ("sequential (await one by one)", seq, ""),
        ("asyncio.gather", gat, f"{seq / gat:.1f}x faster"),
    ])


if __name__ == "__main__":
    asyncio.run(main())
