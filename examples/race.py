# The GIL does not make code thread-safe. A read-modify-write with a call in between
# (a check point, where the GIL can change hands) loses updates; a Lock fixes it.
import sys
import threading

sys.setswitchinterval(1e-6)  # switch as often as possible, to make the race likely
counter = 0
lock = threading.Lock()
N = 50_000


def log():
    pass  # any call is a check point


def unsafe_increment():
    global counter
    for _ in range(N):
        value = counter
        log()
        counter = value + 1


def safe_increment():
    global counter
    for _ in range(N):
        with lock:
            value = counter
            log()
            counter = value + 1


def run(worker):
    global counter
    counter = 0
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


if __name__ == "__main__":
    expected = 2 * N
    print(f"two threads, {N} increments each (expected {expected})")
    got = run(unsafe_increment)
    print(f"  without a lock: {got:>7}  ({expected - got} updates lost)")
    got = run(safe_increment)
    print(f"  with a Lock:    {got:>7}  ({expected - got} updates lost)")
