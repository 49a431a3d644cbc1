# N asyncio tasks each awaiting asyncio.sleep(1), gathered.
# Prints: wall_s (whole gather, including creating the tasks), vmhwm_kb (peak RSS).
import asyncio
import sys
import time


def vmhwm_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f.read().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


async def nap():
    await asyncio.sleep(1)


async def main(n):
    t0 = time.perf_counter()
    await asyncio.gather(*[nap() for _ in range(n)])
    return time.perf_counter() - t0


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
t0 = time.perf_counter()
inner = asyncio.run(main(n))
total = time.perf_counter() - t0
print(f"tasks={n}")
print(f"wall_s={inner:.4f}")
print(f"run_s={total:.4f}")
print(f"vmhwm_kb={vmhwm_kb()}")
