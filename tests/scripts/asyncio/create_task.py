import asyncio

async def child(n):
    await asyncio.sleep(0.01 * n)
    return n * n

async def main():
    t1 = asyncio.create_task(child(2))
    t2 = asyncio.create_task(child(1), name="second")
    print(t1.get_name(), t2.get_name())
    t2.set_name("renamed")
    print(t2.get_name(), t1.done())
    print(await t1, await t2)
    print(t1.done(), t1.result(), t1.cancelled())
    print(asyncio.current_task().get_name())
    print(len(asyncio.all_tasks()))
    t3 = asyncio.ensure_future(child(0))
    print(await t3)
    print(asyncio.iscoroutinefunction(child), asyncio.iscoroutinefunction(print))
    c = child(0)
    print(asyncio.iscoroutine(c), asyncio.iscoroutine(1))
    await c

print(asyncio.run(main()))
