print("a: start")
A_EARLY = "a-early"
import _helper_circ_b
print("a: sees b.B_VALUE =", _helper_circ_b.B_VALUE)
A_LATE = "a-late"
def from_a():
    return "from_a called"
