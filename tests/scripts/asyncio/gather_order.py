import asyncio

async def work(name, delay, value):
    print("start", name)
    await asyncio.sleep(delay)
    print("end", name)
    return value

async def boom(delay):
    await asyncio.sleep(delay)
    raise ValueError("boom")

async def main():
    r = await asyncio.gather(work("a", 0.03, 1), work("b", 0.01, 2), work("c", 0.02, 3))
    print(r)
    r = await asyncio.gather(work("d", 0.01, 4), boom(0.005), return_exceptions=True)
    print(r[0], type(r[1]).__name__, r[1])
    try:
        await asyncio.gather(boom(0.001), work("e", 0.02, 5))
    except ValueError as e:
        print("caught", e)
    await asyncio.sleep(0.05)
    print(await asyncio.gather())

asyncio.run(main())
