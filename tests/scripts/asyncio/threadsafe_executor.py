# run_coroutine_threadsafe from another thread, run_in_executor with a
# ThreadPoolExecutor, and wrap_future.
import asyncio
import concurrent.futures
import threading
import time


async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


async def boom():
    await asyncio.sleep(0)
    raise ValueError("nope")


def worker(loop, out):
    f = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    out.append(type(f).__name__)
    out.append(isinstance(f, concurrent.futures.Future))
    out.append(f.result(timeout=5))
    f2 = asyncio.run_coroutine_threadsafe(boom(), loop)
    try:
        f2.result(timeout=5)
    except ValueError as e:
        out.append("raised " + repr(e))
    f3 = asyncio.run_coroutine_threadsafe(asyncio.sleep(10), loop)
    time.sleep(0.05)
    out.append(("cancel", f3.cancel(), f3.cancelled()))
    try:
        asyncio.run_coroutine_threadsafe(42, loop)
    except TypeError as e:
        out.append("TypeError " + str(e))


def square(x):
    time.sleep(0.01)
    return x * x


async def main():
    loop = asyncio.get_running_loop()
    out = []
    t = threading.Thread(target=worker, args=(loop, out))
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.01)
    t.join()
    for line in out:
        print(line)
    await asyncio.sleep(0.02)
    print("tasks left:", len([x for x in asyncio.all_tasks() if x is not asyncio.current_task()]))

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        fs = [loop.run_in_executor(ex, square, i) for i in range(6)]
        print(type(fs[0]).__name__, await asyncio.gather(*fs))
        try:
            await loop.run_in_executor(ex, int, "x")
        except ValueError as e:
            print("ValueError:", e)
        cf = ex.submit(sum, [1, 2, 3])
        print("wrapped:", await asyncio.wrap_future(cf))
    print(asyncio.wrap_future(fs[0]) is fs[0])


asyncio.run(main())
