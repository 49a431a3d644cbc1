# re-raise with bare raise; exception in except
def risky():
    try:
        1 / 0
    except ZeroDivisionError:
        print("logging and re-raising")
        raise
try:
    risky()
except ZeroDivisionError as e:
    print("outer got:", e)
def convert():
    try:
        {}["key"]
    except KeyError as e:
        raise ValueError("converted") from e
try:
    convert()
except ValueError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
def in_handler():
    try:
        raise TypeError("first")
    except TypeError:
        raise RuntimeError("second")
try:
    in_handler()
except RuntimeError as e:
    print(e, "| context:", type(e.__context__).__name__, e.__context__)
try:
    try:
        raise ValueError("a")
    except ValueError as e:
        raise e
except ValueError as e2:
    print("re-raised instance:", e2)
def retry(n):
    attempts = 0
    while True:
        try:
            attempts += 1
            if attempts < n:
                raise OSError("transient")
            return attempts
        except OSError as e:
            print("attempt", attempts, "failed:", e)
print(retry(3))
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
