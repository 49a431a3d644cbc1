# KeyboardInterrupt is a BaseException, not an Exception
def work():
    raise KeyboardInterrupt
try:
    try:
        work()
    except Exception:
        print("not here")
except KeyboardInterrupt as e:
    print("caught KeyboardInterrupt", repr(e))
try:
    raise KeyboardInterrupt("ctrl-c")
except BaseException as e:
    print(type(e).__name__, e, e.args)
print(issubclass(KeyboardInterrupt, BaseException))
try:
    raise NotImplementedError
except RuntimeError as e:
    print("NotImplementedError is RuntimeError:", repr(e))
try:
    raise OverflowError("too big")
except ArithmeticError as e:
    print(e)
try:
    raise ModuleNotFoundError("No module named 'x'")
except ImportError as e:
    print(type(e).__name__, e)
try:
    import nosuchmodule_gil_test
except ImportError as e:
    print(type(e).__name__, e)
try:
    raise StopIteration(5)
except Exception as e:
    print(type(e).__name__, e.value, e.args)
try:
    raise BaseException("base")
except BaseException as e:
    print(type(e).__name__, e)
