# stack and queue classes used to evaluate expressions
class Stack:
    def __init__(self):
        self._items = []
    def push(self, v):
        self._items.append(v)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
def rpn(expr):
    st = Stack()
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b,
           "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    for tok in expr.split():
        if tok in ops:
            b, a = st.pop(), st.pop()
            st.push(ops[tok](a, b))
        else:
            st.push(int(tok))
    return st.pop()
print(rpn("3 4 +"), rpn("5 1 2 + 4 * + 3 -"), rpn("2 3 4 * +"), rpn("10 4 /"))
try:
    rpn("1 +")
except IndexError as e:
    print("IndexError:", e)
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in s:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st
for s in ["()", "([]{})", "(]", "((", "", "{[()()]}"]:
    print(repr(s), balanced(s))
from collections import deque
class Queue:
    def __init__(self):
        self.d = deque()
    def enqueue(self, v):
        self.d.append(v)
    def dequeue(self):
        return self.d.popleft()
    def __len__(self):
        return len(self.d)
q = Queue()
for name in ["a", "b", "c"]:
    q.enqueue(name)
order = []
while len(q):
    order.append(q.dequeue())
print(order)
