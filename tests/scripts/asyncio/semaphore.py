import asyncio

state = {"now": 0, "max": 0}

async def limited(sem, i):
    async with sem:
        state["now"] += 1
        state["max"] = max(state["max"], state["now"])
        await asyncio.sleep(0.01)
        state["now"] -= 1
    return i

async def main():
    sem = asyncio.Semaphore(3)
    r = await asyncio.gather(*(limited(sem, i) for i in range(10)))
    print(r, "max concurrency", state["max"], sem.locked())
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print(e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(e)

asyncio.run(main())
