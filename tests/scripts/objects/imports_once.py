# a module body runs once even when imported several times
print("main start")
import _helper_counter
import _helper_counter
import _helper_counter as again
from _helper_counter import add
print(_helper_counter.loads, again is _helper_counter)
add("x")
import _helper_counter
print(_helper_counter.items)
def late():
    import _helper_counter
    return _helper_counter.items
print(late())
import mylib
import mylib
print("main end")
