# PEP 562 module `__getattr__`, which `concurrent.futures` uses to import its executors
# only when asked for (so a process worker compiles less).
import _lazy_mod
from _lazy_mod import LAZY

print(_lazy_mod.VALUE, _lazy_mod.LAZY, LAZY)
print(getattr(_lazy_mod, "missing", "default"))
print(hasattr(_lazy_mod, "missing"), hasattr(_lazy_mod, "LAZY"))
try:
    _lazy_mod.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    from _lazy_mod import missing
except ImportError as e:
    print("ImportError")

import concurrent.futures as cf
print(cf.ProcessPoolExecutor.__name__, cf.ThreadPoolExecutor.__name__)
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
print(ProcessPoolExecutor is cf.ProcessPoolExecutor)
