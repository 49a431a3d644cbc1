# custom context manager class
class Tag:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"<{self.name}>")
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"</{self.name}>")
        return False
with Tag("html") as t:
    print("  inside", t.name)
    with Tag("body"):
        print("    content")
class Resource:
    def __init__(self):
        self.open = False
    def __enter__(self):
        self.open = True
        return "handle"
    def __exit__(self, *args):
        self.open = False
r = Resource()
with r as h:
    print(h, r.open)
print(r.open)
def use():
    with Tag("func"):
        return "returned from inside with"
print(use())
for i in range(3):
    with Tag(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  body", i)
class Timer:
    def __enter__(self):
        self.entered = True
        return self
    def __exit__(self, et, ev, tb):
        self.exited = True
with Timer() as tm:
    pass
print(tm.entered, tm.exited)
with Tag("no-as"):
    pass
