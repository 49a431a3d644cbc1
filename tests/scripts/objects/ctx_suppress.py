# __exit__ returning True suppresses, None does not
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("  suppressed", et.__name__, ev)
            return True
        return None
with Suppress(KeyError):
    {}["missing"]
    print("not printed")
print("after suppressed KeyError")
with Suppress(ValueError, TypeError):
    int("x")
print("after suppressed ValueError")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("propagated:", e)
class Observe:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("  exit saw", et.__name__ if et else None)
try:
    with Observe():
        raise IndexError("not suppressed")
except IndexError as e:
    print("caught outside:", e)
with Observe():
    pass
def in_func():
    with Suppress(RuntimeError):
        raise RuntimeError("inside function")
    return "function continued"
print(in_func())
count = 0
for i in range(3):
    with Suppress(ZeroDivisionError):
        count += 1
        1 / (i - 1)
        count += 10
print(count)
