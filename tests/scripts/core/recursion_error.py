# RecursionError from unbounded recursion, caught
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
def count_depth(n):
    try:
        return count_depth(n + 1)
    except RecursionError:
        return n
d = count_depth(0)
print(d > 100)
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RuntimeError as e:
    print(type(e).__name__, "is a RuntimeError:", isinstance(e, RuntimeError))
def fine(n):
    return 0 if n == 0 else 1 + fine(n - 1)
print(fine(500))
print("still running after recursion errors")
