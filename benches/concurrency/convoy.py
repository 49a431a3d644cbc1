# Convoy latency: an I/O thread doing time.sleep(0.001) beside a CPU-bound thread.
# Prints the median and p90 extra delay per sleep (ms), alone and beside the CPU thread.
import sys
import threading
import time

stop = False


def cpu_hog():
    x = 0
    while not stop:
        x += 1


def io_delays(n):
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        time.sleep(0.001)
        out.append(time.perf_counter() - t0 - 0.001)
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def main():
    global stop
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    alone = io_delays(n)
    hog = threading.Thread(target=cpu_hog)
    hog.start()
    time.sleep(0.02)
    beside = io_delays(n)
    stop = True
    hog.join()
    print(f"alone_median_ms={pct(alone, 0.5) * 1e3:.3f}")
    print(f"beside_median_ms={pct(beside, 0.5) * 1e3:.3f}")
    print(f"beside_p90_ms={pct(beside, 0.9) * 1e3:.3f}")


main()
