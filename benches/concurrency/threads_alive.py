# Memory per live thread: N threads all started and all waiting on one Event at the same
# moment (unlike threads_sleep, where slow starts let early threads finish first).
# Prints: vmhwm_kb (peak RSS), kb_per_thread ((VmRSS with all waiting - VmRSS before) / N),
# start_s (time to start them all).
import sys
import threading
import time


def status_kb(key):
    try:
        with open("/proc/self/status") as f:
            for line in f.read().splitlines():
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    go = threading.Event()
    threads = [threading.Thread(target=go.wait) for _ in range(n)]
    before = status_kb("VmRSS")
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    t1 = time.perf_counter()
    during = status_kb("VmRSS")
    go.set()
    for t in threads:
        t.join()
    print(f"threads={n}")
    print(f"start_s={t1 - t0:.4f}")
    print(f"kb_per_thread={(during - before) / n:.2f}")
    print(f"vmhwm_kb={status_kb('VmHWM')}")


main()
