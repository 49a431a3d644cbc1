import asyncio

async def nested():
    return 1

async def main():
    c = nested()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print(e)
    try:
        asyncio.get_running_loop().run_until_complete(c)
    except RuntimeError as e:
        print(e)
    c.close()

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
try:
    asyncio.run(42)
except ValueError as e:
    print(e)
coro = nested()
asyncio.run(main())
print(asyncio.run(coro))
loop = asyncio.new_event_loop()
print(loop.run_until_complete(nested()), loop.is_closed())
loop.close()
print(loop.is_closed())
