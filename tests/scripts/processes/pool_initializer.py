# Pool(initializer, initargs, maxtasksperchild) and ProcessPoolExecutor(initializer,
# initargs, max_tasks_per_child): every worker runs the initializer before its first task,
# and a worker that has served its share is replaced by a fresh process.
import os
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

STATE = {"tag": None}


def init(tag, n):
    STATE["tag"] = "%s-%d" % (tag, n)


def work(x):
    return (STATE["tag"], x * x, os.getpid())


def bad_init():
    raise ValueError("initializer failed")


if __name__ == "__main__":
    with mp.Pool(2, initializer=init, initargs=("pool", 7)) as pool:
        out = pool.map(work, range(6), chunksize=1)
        print([(t, v) for t, v, _ in out])

    with mp.Pool(1, maxtasksperchild=2) as pool:
        out = [pool.apply(work, (i,)) for i in range(6)]
        pids = [p for _, _, p in out]
        print("tags without initializer:", {t for t, _, _ in out})
        print("values:", [v for _, v, _ in out])
        print("pids change every 2 tasks:", pids[0] == pids[1], pids[1] != pids[2],
              pids[2] == pids[3], pids[3] != pids[4], len(set(pids)))

    with mp.Pool(1, initializer=init, initargs=("fresh", 1), maxtasksperchild=1) as pool:
        out = [pool.apply(work, (i,)) for i in range(3)]
        print("replacements run the initializer:", [t for t, _, _ in out], len({p for _, _, p in out}))

    with ProcessPoolExecutor(2, initializer=init, initargs=("exec", 3)) as ex:
        print(sorted(t for t, _, _ in ex.map(work, range(4))))

    with ProcessPoolExecutor(1, max_tasks_per_child=1) as ex:
        pids = [ex.submit(work, i).result()[2] for i in range(3)]
        print("one task per child:", len(set(pids)))

    for bad in (lambda: mp.Pool(1, maxtasksperchild=0), lambda: mp.Pool(1, initializer=3),
                lambda: ProcessPoolExecutor(1, max_tasks_per_child=0)):
        try:
            bad()
        except (ValueError, TypeError) as e:
            print(type(e).__name__)
