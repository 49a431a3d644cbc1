# Thread start+join cost: N threads started and joined one after another.
# Prints: us_per_thread=...
import sys
import threading
import time


def work():
    pass


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for _ in range(20):  # warm up
        t = threading.Thread(target=work)
        t.start()
        t.join()
    t0 = time.perf_counter()
    for _ in range(n):
        t = threading.Thread(target=work)
        t.start()
        t.join()
    dt = time.perf_counter() - t0
    print(f"threads={n}")
    print(f"us_per_thread={dt / n * 1e6:.2f}")


main()
