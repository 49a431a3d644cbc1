# exception not suppressed by __exit__ reaches top level
class Guard:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit saw", et.__name__)
        return False
with Guard():
    print("working")
    raise RuntimeError("access denied to resource")
