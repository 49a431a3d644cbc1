# circular imports see a partially initialised module
import _helper_circ_a
print("main: a.A_LATE =", _helper_circ_a.A_LATE)
import _helper_circ_b
print("main:", _helper_circ_b.call_a())
print(_helper_circ_b.B_VALUE, _helper_circ_a.A_EARLY)
