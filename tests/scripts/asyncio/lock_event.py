import asyncio

async def locked_worker(lock, name, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0.005)
        log.append(name + " out")

async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "released")

async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*(locked_worker(lock, n, log) for n in "abc"))
    print(log)
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(e)
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in ("w1", "w2")]
    await asyncio.sleep(0.01)
    print("setting", ev.is_set())
    ev.set()
    await asyncio.gather(*ts)
    print(ev.is_set())
    ev.clear()
    print(ev.is_set())
    cond = asyncio.Condition()
    items = []

    async def consume():
        async with cond:
            await cond.wait_for(lambda: items)
            print("consumed", items.pop())

    c = asyncio.create_task(consume())
    await asyncio.sleep(0.001)
    async with cond:
        items.append(42)
        cond.notify()
    await c
    try:
        cond.notify()
    except RuntimeError as e:
        print(e)

asyncio.run(main())
