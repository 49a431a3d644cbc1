# I/O-bound threads overlap: eight threads each "download" five times
# (time.sleep stands in for the network). The GIL is released while a
# thread sleeps, so the waits overlap and the run takes about as long as
# one thread's downloads, not eight threads'.
#
#   gil --diagnose --timeline docs/img/threads_io.svg examples/threads_io.py
import _thread
import time

def download(k):
    total = 0
    for j in range(5):
        time.sleep(0.1)          # waiting for the network: GIL released
        for i in range(20_000):  # parsing the reply: needs the GIL
            total += i
    return total

start = time.time()
handles = [_thread.start_joinable_thread(download, (k,)) for k in range(8)]
for h in handles:
    h.join()
print(f"8 threads x 5 downloads in {time.time() - start:.2f} s")
