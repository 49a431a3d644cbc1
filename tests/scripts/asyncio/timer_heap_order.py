# The loop's timer heap: equal deadlines fire in CPython's heap order (not push order), cancelled
# timers never fire, sleeps and call_at/call_later interleave by deadline, and a timer
# scheduled from a callback for "now" runs on a later iteration. Deadlines that a sleep
# (timed from its task's first step) is ordered against are 50 ms or more apart, so a stall
# of the loaded machine before the first steps does not reorder them.
import asyncio

log = []


async def sleeper(name, d):
    await asyncio.sleep(d)
    log.append(f"sleep {name}")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    when = t0 + 0.26
    for i in range(5):
        loop.call_at(when, log.append, f"same {i}")
    cancelled = [loop.call_at(t0 + 0.12, log.append, f"cancelled {i}") for i in range(3)]
    for h in cancelled[::2]:
        h.cancel()
    loop.call_later(0.03, log.append, "first")
    loop.call_later(0.4, log.append, "last timer")
    loop.call_later(0.15, lambda: loop.call_at(loop.time(), log.append, "from callback"))
    tasks = [asyncio.create_task(sleeper(n, d)) for n, d in [("b", 0.2), ("a", 0.045), ("c", 0.32)]]
    await asyncio.gather(*tasks)
    await asyncio.sleep(0.12)
    for line in log:
        print(line)
    print([h.cancelled() for h in cancelled])
    # Many timers with scrambled deadlines come out sorted.
    out = []
    base = loop.time() + 0.01
    for k in range(200):
        d = (k * 37) % 200
        loop.call_at(base + d * 1e-4, out.append, d)
    await asyncio.sleep(0.05)
    print(out == sorted(out), len(out))


asyncio.run(main())
