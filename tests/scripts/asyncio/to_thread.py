import asyncio
import time

def blocking(x):
    time.sleep(0.05)
    return x * 2

def fails():
    raise KeyError("nope")

async def main():
    r = await asyncio.gather(asyncio.to_thread(blocking, 1), asyncio.to_thread(blocking, 2), asyncio.to_thread(blocking, x=3))
    print(r)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 10))
    try:
        await asyncio.to_thread(fails)
    except KeyError as e:
        print("KeyError", e)
    done = []
    loop.call_soon_threadsafe(done.append, "threadsafe")
    await asyncio.sleep(0.01)
    print(done)

asyncio.run(main())
