# A task that fails and is never awaited: "Task exception was never retrieved" on
# stderr (once it is dropped, or when the loop closes). Retrieved ones stay quiet.
import asyncio


async def boom(n):
    await asyncio.sleep(0)
    raise ValueError(f"boom {n}")


async def main():
    asyncio.create_task(boom(1))          # dropped at once: reported when it fails
    kept = asyncio.create_task(boom(2))   # still referenced: reported at close
    seen = asyncio.create_task(boom(3))   # retrieved: not reported
    await asyncio.sleep(0.01)
    print("boom 3 retrieved:", seen.exception())
    print("kept done:", kept.done())


asyncio.run(main())
print("after run")
