# freeing a million-deep list, tuple, dict or linked list of objects does not overflow the
# native stack (CPython's "trashcan"), also in a thread
import threading
class Node:
    def __init__(self, next): self.next = next
def build(kind, n):
    x = None
    for _ in range(n):
        if kind == "list": x = [x]
        elif kind == "tuple": x = (x,)
        elif kind == "dict": x = {"k": x}
        elif kind == "mixed": x = (x, [1], {2: 3})
        else: x = Node(x)
    return x
def work(where, n):
    for kind in ("list", "tuple", "dict", "mixed", "node"):
        x = build(kind, n)
        x = None
        print(where, kind, "freed")
work("main", 300000)
t = threading.Thread(target=work, args=("thread", 300000))
t.start()
t.join()
