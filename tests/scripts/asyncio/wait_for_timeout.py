import asyncio

async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise
    return "never"

async def fast():
    await asyncio.sleep(0.01)
    return "fast"

async def main():
    print(await asyncio.wait_for(fast(), timeout=1))
    try:
        await asyncio.wait_for(slow(), timeout=0.05)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, asyncio.TimeoutError is TimeoutError)
    try:
        async with asyncio.timeout(0.05):
            await slow()
    except TimeoutError:
        print("timeout() context expired")
    async with asyncio.timeout(1) as cm:
        await fast()
    print(cm.expired())
    print(await asyncio.wait_for(fast(), None))

asyncio.run(main())
