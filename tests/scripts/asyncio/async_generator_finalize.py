# Async generators abandoned, timed out, cancelled or left open: finalizer hook, aclose() and
# loop.shutdown_asyncgens() at the end of asyncio.run, in CPython's order.
import asyncio

async def agen(name, n=10):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(0)
    finally:
        print("finally", name)

async def slow():
    try:
        yield 1
        await asyncio.sleep(10)
        yield 2
    except asyncio.CancelledError:
        print("slow cancelled")
        raise
    finally:
        print("slow finally")

async def ignores():
    try:
        yield 1
    finally:
        yield 2

async def main():
    # abandoned mid-iteration: the finalizer hook schedules aclose()
    async for x in agen("broken"):
        if x == 1:
            break
    print("after break")
    await asyncio.sleep(0)
    print("after sleep")
    # left suspended until the end of asyncio.run: shutdown_asyncgens closes it
    keep = agen("kept")
    print(await keep.__anext__())
    # timeout while awaiting inside an async generator
    try:
        async with asyncio.timeout(0.05):
            async for x in slow():
                print("slow", x)
    except TimeoutError:
        print("timed out")
    # wait_for on __anext__
    s = slow()
    print(await s.__anext__())
    try:
        await asyncio.wait_for(s.__anext__(), 0.05)
    except TimeoutError:
        print("wait_for timed out")
    # task cancelled while iterating
    async def consumer():
        async for x in slow():
            print("consumer", x)
    t = asyncio.create_task(consumer())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled")
    g = ignores()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError", e)
    a = agen("reuse")
    aw = a.__anext__()
    print(await aw)
    try:
        await aw
    except RuntimeError as e:
        print("RuntimeError", e)
    async def stopper():
        yield 1
        raise StopAsyncIteration
    try:
        async for x in stopper():
            pass
    except RuntimeError as e:
        print("RuntimeError", e)
    print("main done", keep.ag_running)

asyncio.run(main())
print("after run")
