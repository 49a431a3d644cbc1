# 10,000 tasks each sleeping 1 s: they all wait at once, so the whole run takes about 1 s,
# and a task costs far less memory than a thread. Peak RSS from /proc/self/status (Linux).
import asyncio
import sys
import time

from _measure import table

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f.read().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


async def nap():
    await asyncio.sleep(1)


async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*[nap() for _ in range(N)])
    wall = time.perf_counter() - t0
    rss = peak_rss_mb()
    note = f"peak RSS {rss:.1f} MB" if rss is not None else "peak RSS: /proc/self/status not available"
    table(f"{N:,} tasks each sleeping 1 s", [
        ("wall time (ideal: 1 s)", wall, note),
        ("overhead beyond the 1 s sleep", wall - 1.0, f"{(wall - 1.0) / N * 1e6:.1f} µs per task"),
    ])


if __name__ == "__main__":
    asyncio.run(main())
