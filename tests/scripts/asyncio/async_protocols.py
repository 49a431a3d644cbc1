import asyncio

class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("enter", self.name)
        return self
    async def __aexit__(self, et, ev, tb):
        await asyncio.sleep(0)
        print("exit", self.name, et.__name__ if et else None)
        return et is KeyError

class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0.001)
        self.i += 1
        return self.i

class Awaitable:
    def __await__(self):
        yield
        return "custom awaitable"

async def main():
    async with Resource("r1") as r:
        print("inside", r.name)
    async with Resource("r2"):
        raise KeyError("suppressed")
    print("after suppress")
    async for i in Ticker(3):
        print("tick", i)
    got = []
    async for x in Ticker(4):
        got.append(x)
    print(got)
    print(await Awaitable())

asyncio.run(main())
