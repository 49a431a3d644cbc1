import asyncio
class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        self.i = 0
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i
async def main():
    print([x async for x in Ticker(4)])
    print({x: x * x async for x in Ticker(3) if x != 2})
    print([x * y async for x in Ticker(2) for y in range(3)])
asyncio.run(main())
