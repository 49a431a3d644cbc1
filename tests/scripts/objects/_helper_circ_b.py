print("b: start")
import _helper_circ_a
print("b: a.A_EARLY =", _helper_circ_a.A_EARLY)
print("b: a has A_LATE yet?", hasattr(_helper_circ_a, "A_LATE"))
B_VALUE = "b-value"
def call_a():
    return _helper_circ_a.from_a()
