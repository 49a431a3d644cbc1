# The convoy effect: one thread does many short I/O waits, another spins.
# After each wait the I/O thread has to queue for the GIL behind the
# CPU-bound thread (up to a switch interval, 5 ms, each time).
#
#   gil --diagnose --timeline convoy.svg examples/convoy.py
#   gil --gil-policy=priority --diagnose examples/convoy.py
import _thread
import time

def spin():
    i = 0
    while i < 3_000_000:
        i += 1

def io():
    for k in range(200):
        time.sleep(0.0005)   # a quick recv()

t_cpu = _thread.start_joinable_thread(spin, ())
t_io = _thread.start_joinable_thread(io, ())
t_io.join()
t_cpu.join()
print("done")
