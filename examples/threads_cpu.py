# CPU-bound threads take turns: four threads each count to a large number.
# With a GIL only one runs bytecode at a time, so this takes as long as
# doing the four counts one after the other (or longer).
#
#   gil --diagnose --timeline docs/img/threads_cpu.svg examples/threads_cpu.py
import _thread
import time

N = 3_000_000

def count(n):
    i = 0
    while i < n:
        i += 1

start = time.time()
handles = [_thread.start_joinable_thread(count, (N,)) for _ in range(4)]
for h in handles:
    h.join()
print(f"4 threads counted to {N} in {time.time() - start:.2f} s")
