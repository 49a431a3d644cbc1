# os.times(): five non-negative figures; and a directory a program adds to sys.path is
# searched by import (as the lecture's scripts do to reach the examples one level up).
import os
import sys

t = os.times()
print(len(t), all(x >= 0 for x in t[:4]))
cpu = t[0] + t[1]
for _ in range(20000):
    pass
print(os.times()[0] + os.times()[1] >= cpu)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "syspath_lib"))
import from_sys_path
print(from_sys_path.WHERE)
try:
    import not_anywhere_at_all
except ImportError as e:
    print(type(e).__name__, e)
