# Queue(maxsize) bounds put between processes; JoinableQueue counts task_done in a child.
import multiprocessing as mp
import queue
import time


def consume(q, n, out):
    time.sleep(0.3)
    for _ in range(n):
        out.put(q.get() * 10)


def worker(jq):
    while True:
        item = jq.get()
        jq.task_done()
        if item is None:
            break


if __name__ == "__main__":
    q = mp.Queue(2)
    q.put(1)
    q.put(2)
    print("full", q.full())
    try:
        q.put_nowait(3)
    except queue.Full:
        print("put_nowait Full")
    try:
        q.put(3, timeout=0.05)
    except queue.Full:
        print("put timeout Full")
    out = mp.Queue()
    p = mp.Process(target=consume, args=(q, 4, out))
    p.start()
    t0 = time.monotonic()
    q.put(3)  # blocks until the child takes one
    q.put(4)
    print("blocked", time.monotonic() - t0 > 0.2)
    print(sorted(out.get() for _ in range(4)))
    p.join()
    print("empty", q.empty(), "full", q.full())

    jq = mp.JoinableQueue()
    w = mp.Process(target=worker, args=(jq,))
    w.start()
    for i in range(5):
        jq.put(i)
    jq.join()
    print("joined")
    jq.put(None)
    jq.join()
    w.join()
    try:
        jq.task_done()
    except ValueError as e:
        print("ValueError", e)
    print("exit", p.exitcode, w.exitcode)
