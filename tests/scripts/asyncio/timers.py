import asyncio

async def main():
    loop = asyncio.get_running_loop()
    out = []
    loop.call_later(0.03, out.append, "later-30")
    loop.call_later(0.01, out.append, "later-10")
    h = loop.call_later(0.02, out.append, "cancelled")
    h.cancel()
    loop.call_at(loop.time() + 0.02, out.append, "at-20")
    loop.call_soon(out.append, "soon-1")
    loop.call_soon(out.append, "soon-2")
    print(out)
    await asyncio.sleep(0)
    print(out)
    await asyncio.sleep(0.05)
    print(out)
    print(h.cancelled(), await asyncio.sleep(0.001, result="res"))
    fut = loop.create_future()
    loop.call_later(0.01, fut.set_result, 99)
    print(await fut, fut.done())
    f2 = loop.create_future()
    f2.add_done_callback(lambda f: out.append(("cb", f.result())))
    f2.set_result(7)
    try:
        f2.set_result(8)
    except asyncio.InvalidStateError:
        print("InvalidStateError")
    await asyncio.sleep(0)
    print(out[-1])
    f3 = loop.create_future()
    try:
        f3.result()
    except asyncio.InvalidStateError as e:
        print(e)
    f3.set_exception(KeyError("k"))
    print(repr(f3.exception()))

asyncio.run(main())
