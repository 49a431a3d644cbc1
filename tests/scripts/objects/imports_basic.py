# import x, import x as y, module attributes
import math
import math as m
print(m is math, m.sqrt(81), math.floor(2.7))
import _helper_counter
import _helper_counter as hc
print(hc is _helper_counter, hc.loads)
print(hc.add("a"), _helper_counter.add("b"), hc.items)
hc.new_attr = "set from importer"
print(_helper_counter.new_attr)
import sys
print("_helper_counter" in sys.modules, "math" in sys.modules)
print(type(math).__name__, math.__name__, hc.__name__)
try:
    hc.not_there
except AttributeError as e:
    print("AttributeError:", e)
def use_inside():
    import os
    return os.path.exists("/tmp")
print(use_inside())
