# several items in one with statement
order = []
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        order.append("enter " + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        order.append("exit " + self.name)
with CM("a") as a, CM("b") as b, CM("c"):
    order.append(f"body {a} {b}")
print(order)
order.clear()
try:
    with CM("x") as x, CM("y") as y:
        order.append("body")
        raise ValueError("boom")
except ValueError as e:
    order.append("caught " + str(e))
print(order)
class FailsOnEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        order.append("never")
order.clear()
try:
    with CM("first"), FailsOnEnter():
        order.append("not run")
except RuntimeError as e:
    order.append("caught " + str(e))
print(order)
import os
base = "/tmp/gil_ctx_multi_" + str(os.getpid())
with open(base + "_a", "w") as fa, open(base + "_b", "w") as fb:
    fa.write("AAA")
    fb.write("BBB")
with open(base + "_a") as fa, open(base + "_b") as fb:
    print(fa.read() + fb.read())
os.remove(base + "_a")
os.remove(base + "_b")
print(os.path.exists(base + "_a"))
