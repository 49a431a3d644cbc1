# Async generators: async for, comprehensions, asend/athrow/aclose, async with and errors.
import asyncio

async def agen(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    finally:
        print("agen finally", n)

async def echo():
    x = yield "start"
    while True:
        x = yield f"got {x}"

class CM:
    async def __aenter__(self):
        print("enter")
        return self
    async def __aexit__(self, *a):
        print("exit", a[0])

async def withcm():
    async with CM():
        yield 1
        yield 2

async def bad():
    yield 1
    raise ValueError("boom")

async def main():
    g = agen(3)
    print(type(g).__name__, repr(g).startswith("<async_generator object agen at 0x"))
    print(g.__aiter__() is g, g.ag_running)
    async for x in g:
        print("got", x)
    print([x async for x in agen(4) if x % 2 == 0])
    print([x * await asyncio.sleep(0, 10) async for x in agen(2)])
    print({x async for x in agen(2)}, {x: x async for x in agen(2)})
    e = echo()
    print(await e.__anext__())
    print(await e.asend("a"))
    print(await e.asend("b"))
    await e.aclose()
    try:
        await e.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration after aclose")
    async for v in withcm():
        print("w", v)
    g = agen(5)
    print(await g.__anext__())
    try:
        await g.athrow(KeyError("k"))
    except KeyError as ex:
        print("athrow raised", repr(ex))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("stopped")
    try:
        async for v in bad():
            print("bad", v)
    except ValueError as ex:
        print("ValueError", ex)
    try:
        for x in agen(1):
            pass
    except TypeError as ex:
        print(ex)
    g = agen(3)
    print(await anext(g), await anext(g, "d"))
    await g.aclose()
    gg = (x async for x in agen(2))
    print(type(gg).__name__, [y async for y in gg])

asyncio.run(main())
