import asyncio

order = []

async def spinner(name, n):
    for i in range(n):
        order.append(f"{name}{i}")
        await asyncio.sleep(0)

async def protected():
    await asyncio.sleep(0.02)
    return "shielded result"

async def main():
    await asyncio.gather(spinner("a", 3), spinner("b", 3))
    print(order)
    inner = asyncio.ensure_future(protected())
    outer = asyncio.shield(inner)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled")
    print(await inner, inner.cancelled())

asyncio.run(main())
