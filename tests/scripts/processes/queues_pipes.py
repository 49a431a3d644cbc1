# multiprocessing.Queue and Pipe: values round-trip parent <-> child and child <-> child
# (queues and connections passed to a Process are inherited, as with spawn).
import multiprocessing as mp
import queue


def producer(q, n):
    for i in range(n):
        q.put({"i": i, "sq": i * i, "name": "item%d" % i})
    q.put(None)


def relay(q_in, q_out):
    # child -> child: values from the producer, transformed, to the parent
    while True:
        item = q_in.get()
        if item is None:
            q_out.put("done")
            return
        q_out.put((item["i"], item["sq"] + 1))


def echo(conn):
    while True:
        msg = conn.recv()
        if msg == "stop":
            conn.send(("bye", 3.5, b"\x00\x01", [1, {2: (3,)}]))
            conn.close()
            return
        conn.send(("echo", msg))


def writer_only(w):
    w.send(list(range(5)))
    w.send(10 ** 30)


if __name__ == "__main__":
    q = mp.Queue()
    print("empty at start:", q.empty())
    try:
        q.get(timeout=0.1)
    except queue.Empty:
        print("get(timeout) raised Empty")
    try:
        q.get_nowait()
    except queue.Empty:
        print("get_nowait raised Empty")
    q.put([1, 2, 3])
    print("own get:", q.get(timeout=5))

    a = mp.Queue()
    b = mp.Queue()
    p1 = mp.Process(target=producer, args=(a, 5))
    p2 = mp.Process(target=relay, args=(a, b))
    p1.start()
    p2.start()
    got = []
    while True:
        x = b.get(timeout=10)
        if x == "done":
            break
        got.append(x)
    p1.join()
    p2.join()
    print("child->child->parent:", got)
    print("exit codes:", p1.exitcode, p2.exitcode)

    parent, child = mp.Pipe()
    p = mp.Process(target=echo, args=(child,))
    p.start()
    print("poll before send:", parent.poll())
    parent.send("hello")
    print("poll(5) after send:", parent.poll(5))
    print(parent.recv())
    parent.send({"k": [1.5, None, True]})
    print(parent.recv())
    parent.send("stop")
    print(parent.recv())
    p.join()

    r, w = mp.Pipe(duplex=False)
    print("readable/writable:", r.readable, r.writable, w.readable, w.writable)
    p = mp.Process(target=writer_only, args=(w,))
    p.start()
    print(r.recv(), r.recv())
    p.join()
    w.close()
    print("closed:", w.closed)
    try:
        w.send(1)
    except OSError as e:
        print("send on closed:", e)

    try:
        with mp.Pool(1) as pool:
            pool.apply(producer, (q, 1))
    except RuntimeError as e:
        print("RuntimeError:", e)
    q.close()
    print("done")
