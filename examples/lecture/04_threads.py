# Claim 4: threads share memory and suit I/O-bound work. The GIL lets one thread run bytecode
# at a time; it is released during I/O calls and never during computation, so CPU-bound
# threads take turns and give no speedup, even on many cores.
#   right pairing: threads for I/O (examples/threads_io.py) — the waits overlap;
#   wrong pairing: threads for CPU (examples/threads_cpu.py) — no speedup; under gil the VM
#                  counts that never more than one thread ran bytecode ("max running").
#   and a cost of the GIL: an I/O thread beside a CPU-bound one waits for the lock after every
#                  call (the convoy effect, examples/convoy.py).
# Runs under gil and python3 (the "max running" and "GIL wait" columns are gil-only).
import threading

import _lecture
from _lecture import Case, run
import convoy
import threads_cpu
import threads_io

threads_io.CALLS, threads_io.DELAY = 5, 0.3
threads_cpu.TASKS, threads_cpu.N = 4, 3_000_000


def sleeps_beside_cpu():
    convoy.stop = False
    hog = threading.Thread(target=convoy.cpu_hog)
    hog.start()
    convoy.io_work()
    convoy.stop = True
    hog.join()


if __name__ == "__main__":
    run("Claim 4: threads", [
        Case("io_seq", "I/O: 5 calls of 0.3 s, one after another", threads_io.sequential),
        Case("io_threads", "I/O: the same on 5 threads (right pairing)", threads_io.threaded,
             vs="io_seq"),
        Case("cpu_seq", "CPU: 4 computations, one after another", threads_cpu.sequential),
        Case("cpu_threads", "CPU: the same on 4 threads (wrong pairing)", threads_cpu.threaded,
             vs="cpu_seq"),
        Case("sleeps_alone", "200 x sleep(1 ms), alone", convoy.io_work),
        Case("convoy", "the same beside a CPU-bound thread (convoy)", sleeps_beside_cpu,
             vs="sleeps_alone"),
    ])
