# implicit exception chaining via __context__
def cleanup_fails():
    try:
        raise ValueError("original")
    except ValueError:
        raise TypeError("during handling")
try:
    cleanup_fails()
except TypeError as e:
    print(e, "| context:", repr(e.__context__), "| cause:", e.__cause__)
def finally_raises():
    try:
        raise KeyError("first")
    finally:
        raise IndexError("second")
try:
    finally_raises()
except IndexError as e:
    print(e, "| context:", repr(e.__context__))
try:
    try:
        raise ValueError(1)
    except ValueError as e1:
        try:
            raise TypeError(2)
        except TypeError as e2:
            raise RuntimeError(3)
except RuntimeError as e3:
    print(repr(e3), repr(e3.__context__), repr(e3.__context__.__context__))
try:
    raise ValueError("no context")
except ValueError as e:
    print(e.__context__)
def reraise_keeps():
    try:
        raise KeyError("a")
    except KeyError as e:
        try:
            raise
        except KeyError as again:
            return again is e
print(reraise_keeps())
