# A process-shared Lock: a zero timeout still takes a free lock, and fails on a held one.
import multiprocessing as mp

if __name__ == "__main__":
    lock = mp.Lock()
    print(lock.acquire(timeout=0))
    print(lock.acquire(timeout=0))
    print(lock.acquire(block=False))
    print(lock.acquire(True, 0.01))
    lock.release()
    print(lock.acquire(True, 0.0))
    lock.release()
    with lock:
        print("held in with")
    print(lock.acquire(False))
