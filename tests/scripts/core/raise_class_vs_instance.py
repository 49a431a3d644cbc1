# raise a class vs an instance
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise ValueError()
except ValueError as e:
    print(repr(e), e.args)
try:
    raise ValueError("msg", 42)
except ValueError as e:
    print(repr(e), e.args, str(e))
try:
    raise KeyError("key")
except KeyError as e:
    print(repr(e), str(e))
try:
    raise IndexError
except LookupError as e:
    print(type(e).__name__, isinstance(e, IndexError))
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
try:
    raise "string"
except TypeError as e:
    print("TypeError:", e)
err = RuntimeError("stored")
try:
    raise err
except RuntimeError as e:
    print(e is err, e)
print(str(ValueError("x")), repr(ValueError("x")), repr(ValueError()))
print(str(KeyError("x")), repr(KeyError("x")), str(KeyError(1)))
print(str(Exception("a", "b")), repr(Exception("a", 1)))
print(type(ZeroDivisionError()).__name__, ZeroDivisionError.__name__)
e1 = Exception("hello")
print(e1.args, len(e1.args))
