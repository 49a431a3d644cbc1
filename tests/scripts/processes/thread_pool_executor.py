from concurrent.futures import ThreadPoolExecutor, wait, FIRST_EXCEPTION, as_completed
import threading
import time


def work(x):
    time.sleep(0.01 * (5 - x))
    return x * 10


def boom(x):
    if x == 2:
        raise KeyError(x)
    time.sleep(0.2)
    return x


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=3) as ex:
        print(list(ex.map(work, range(5))))
        fs = [ex.submit(work, i) for i in range(5)]
        print(sorted(f.result() for f in as_completed(fs)))
        fs = [ex.submit(boom, i) for i in range(3)]
        done, not_done = wait(fs, return_when=FIRST_EXCEPTION)
        print([type(f.exception()).__name__ for f in done if f.exception()])
        seen = []
        f = ex.submit(work, 4)
        f.add_done_callback(lambda fut: seen.append(fut.result()))
        f.result()
        time.sleep(0.05)
        print(seen)
    ex = ThreadPoolExecutor(max_workers=1)
    gate = threading.Event()
    first = ex.submit(gate.wait)
    later = ex.submit(work, 1)
    print(later.cancel(), later.cancelled(), later.done())
    gate.set()
    ex.shutdown(wait=True)
    print(first.result(), first.done())
    try:
        ex.submit(work, 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
