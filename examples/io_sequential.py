# I/O-bound and sequential: five waits one after the other.
#
#   gil --diagnose examples/io_sequential.py
import time

for i in range(5):
    time.sleep(0.2)   # e.g. one HTTP request after another
print("done")
