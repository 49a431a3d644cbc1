import asyncio

async def worker(log):
    try:
        log.append("started")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("cancelled inside")
        raise
    finally:
        log.append("cleanup")

async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "swallowed"

async def main():
    log = []
    t = asyncio.create_task(worker(log))
    await asyncio.sleep(0.01)
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting cancelled task raised CancelledError")
    print(log, t.cancelled(), t.done())
    print(t.cancel())
    t2 = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t2.cancel()
    print(await t2, t2.cancelled())
    t3 = asyncio.create_task(asyncio.sleep(1))
    t3.cancel("stop now")
    try:
        await t3
    except asyncio.CancelledError as e:
        print("msg:", e.args)
    print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))
    f = asyncio.get_running_loop().create_future()
    f.cancel()
    try:
        f.result()
    except asyncio.CancelledError:
        print("future cancelled")

asyncio.run(main())
