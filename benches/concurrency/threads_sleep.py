# N threads each sleeping 1 s, all started, then all joined.
# Prints: wall_minus_1s (s), start_s (time to start them all), vmhwm_kb (peak RSS, /proc/self/status).
import sys
import threading
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


def nap():
    time.sleep(1.0)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    threads = [threading.Thread(target=nap) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    t1 = time.perf_counter()
    for t in threads:
        t.join()
    t2 = time.perf_counter()
    print(f"threads={n}")
    print(f"start_s={t1 - t0:.4f}")
    print(f"wall_minus_1s={t2 - t0 - 1.0:.4f}")
    print(f"vmhwm_kb={vmhwm_kb()}")


main()
