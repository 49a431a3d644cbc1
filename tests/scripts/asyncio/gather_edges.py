# gather edge cases: duplicates, done futures, awaitables, failures, cancellation.
import asyncio


async def val(x, delay=0):
    await asyncio.sleep(delay)
    return x


async def boom(msg, delay=0):
    await asyncio.sleep(delay)
    raise ValueError(msg)


class Awaitable:
    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return 'awaited'


async def main():
    loop = asyncio.get_running_loop()
    # the same coroutine twice is one child
    c = val(1)
    print(await asyncio.gather(c, c, val(2)))
    # a future that is already done, and a pending one
    done = loop.create_future()
    done.set_result('early')
    later = loop.create_future()
    loop.call_soon(later.set_result, 'late')
    print(await asyncio.gather(done, later, val(3)))
    # a plain awaitable object
    print(await asyncio.gather(Awaitable(), val(4)))
    # exceptions
    try:
        await asyncio.gather(val(5), boom('first'), boom('second', 0.01))
    except ValueError as e:
        print('raised', e)
    r = await asyncio.gather(val(6), boom('kept'), return_exceptions=True)
    print([type(x).__name__ if isinstance(x, Exception) else x for x in r])
    # a cancelled child
    t = asyncio.ensure_future(val(7, 1))
    g = asyncio.gather(t, val(8), return_exceptions=True)
    await asyncio.sleep(0)
    t.cancel('stop')
    r = await g
    print([type(x).__name__ if isinstance(x, BaseException) else x for x in r])
    t2 = asyncio.ensure_future(val(9, 1))
    g = asyncio.gather(t2, val(10))
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print('child cancelled -> gather cancelled')
    # cancelling the outer future cancels the children
    kids = [asyncio.ensure_future(val(i, 1)) for i in range(3)]
    g = asyncio.gather(*kids)
    await asyncio.sleep(0)
    print('cancel outer', g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print('outer cancelled', [k.cancelled() for k in kids])
    # a bad argument
    try:
        asyncio.gather(val(11), 42)
    except TypeError as e:
        print('TypeError', e)
    await asyncio.sleep(0)
    # the callback's name in a future's repr
    f = loop.create_future()
    g = asyncio.gather(f)
    print(repr(f).split(' cb=[')[1][:32])
    f.set_result(None)
    print(await g)
    print(await asyncio.gather())


asyncio.run(main())
