# importing a module that does not exist
import math
print("math ok", math.sqrt(4))
import nosuchmod
print("unreachable")
