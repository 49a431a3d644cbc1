import multiprocessing as mp
import os


def child(n, tag="x"):
    print("child", n, tag, mp.current_process().name, mp.parent_process() is not None, flush=True)


def exits(code):
    raise SystemExit(code)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    print(mp.current_process().name, mp.parent_process())
    p = mp.Process(target=child, args=(1,), kwargs={"tag": "y"}, name="Worker-A")
    print(p.exitcode, p.is_alive())
    p.start()
    p.join()
    print("exitcode", p.exitcode, p.is_alive(), p.pid != os.getpid())
    q = mp.Process(target=exits, args=(7,))
    q.start()
    q.join(30)
    print("exitcode", q.exitcode)
    try:
        mp.Process(target=lambda: 1).start()
    except Exception as e:
        print(type(e).__name__)
    print(mp.cpu_count() >= 1)
