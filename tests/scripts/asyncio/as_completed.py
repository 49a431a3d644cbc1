import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    return name

async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in [("slow", 0.06), ("fast", 0.01), ("mid", 0.03)]]
    for coro in asyncio.as_completed(tasks):
        print(await coro)
    tasks = [asyncio.create_task(job("late", 1))]
    try:
        for coro in asyncio.as_completed(tasks, timeout=0.02):
            print(await coro)
    except asyncio.TimeoutError:
        print("as_completed timed out")
    tasks[0].cancel()

asyncio.run(main())
