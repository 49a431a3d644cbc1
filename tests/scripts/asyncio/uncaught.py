import asyncio

async def inner():
    await asyncio.sleep(0.001)
    raise ValueError("bad thing happened")

async def main():
    print("before")
    await inner()
    print("not reached")

asyncio.run(main())
