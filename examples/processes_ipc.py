# What a process costs compared with a thread: start-up and inter-process communication.
# The same trivial task runs on a thread pool and on a process pool. A thread shares the
# parent's memory, so handing it a task is a queue operation; a process is a new
# interpreter that must start, and every argument and result is serialized and sent
# through a pipe. Worth it for CPU-bound work that takes much longer than these costs;
# not for tiny tasks. Runs under gil and under python3.
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def noop(x):
    return x


def size(b):
    return len(b)


def measure(make):
    """(start-up + first result s, round trip s, per-item map s, 1 MB argument round trip s)."""
    t = time.perf_counter()
    ex = make()
    ex.submit(noop, 0).result()
    startup = time.perf_counter() - t
    for i in range(20):
        ex.submit(noop, i).result()
    n = 500
    t = time.perf_counter()
    for i in range(n):
        ex.submit(noop, i).result()
    trip = (time.perf_counter() - t) / n
    items = 5000
    t = time.perf_counter()
    got = list(ex.map(noop, range(items)))
    per_item = (time.perf_counter() - t) / items
    assert got == list(range(items))
    blob = bytes(1 << 20)
    k = 20
    t = time.perf_counter()
    for _ in range(k):
        assert ex.submit(size, blob).result() == len(blob)
    big = (time.perf_counter() - t) / k
    ex.shutdown()
    return startup, trip, per_item, big


def main():
    threads = measure(lambda: ThreadPoolExecutor(2))
    procs = measure(lambda: ProcessPoolExecutor(2))
    rows = [
        ("pool created + first result", 1e3, "ms"),
        ("round trip of a trivial task", 1e6, "µs"),
        ("Executor.map, per trivial item", 1e6, "µs"),
        ("round trip with a 1 MB argument", 1e3, "ms"),
    ]
    title = "A trivial task on 2 threads vs 2 processes"
    print(title)
    print("-" * len(title))
    print(f"  {'':<34} {'threads':>12} {'processes':>12} {'ratio':>8}")
    for (label, scale, unit), th, pr in zip(rows, threads, procs):
        print(f"  {label:<34} {th * scale:9.1f} {unit:<2} {pr * scale:9.1f} {unit:<2} "
              f"{pr / th:7.1f}x")
    print()
    print("A process costs its start-up once, then a serialization and a pipe round trip per")
    print("task: give it tasks that take far longer than that (or batch them with chunksize).")


if __name__ == "__main__":
    main()
