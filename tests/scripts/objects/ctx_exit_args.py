# __exit__ receives type, value, traceback
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc_value, tb):
        self.seen = (exc_type, exc_value)
        print("exc_type:", exc_type.__name__ if exc_type else None)
        print("exc_value:", repr(exc_value))
        print("isinstance:", isinstance(exc_value, exc_type) if exc_type else None)
        print("tb is None:", tb is None)
        return True
with Inspect() as i:
    pass
print(i.seen)
with Inspect() as i:
    raise ValueError("payload", 7)
print(i.seen[1].args)
with Inspect():
    [][0]
class MyErr(Exception):
    pass
with Inspect() as i:
    raise MyErr
print(type(i.seen[1]).__name__, i.seen[0] is MyErr)
