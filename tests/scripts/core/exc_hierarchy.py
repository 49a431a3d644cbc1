# every exception in the hierarchy raised and caught by a superclass
tests = [
    (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError),
    (ArithmeticError, Exception),
    (IndexError, LookupError),
    (KeyError, LookupError),
    (LookupError, Exception),
    (ValueError, Exception),
    (TypeError, Exception),
    (UnboundLocalError, NameError),
    (NameError, Exception),
    (AttributeError, Exception),
    (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError),
    (RuntimeError, Exception),
    (StopIteration, Exception),
    (AssertionError, Exception),
    (FileNotFoundError, OSError),
    (OSError, Exception),
    (ModuleNotFoundError, ImportError),
    (ImportError, Exception),
    (Exception, BaseException),
    (KeyboardInterrupt, BaseException),
]
for exc, parent in tests:
    try:
        raise exc("message for " + exc.__name__)
    except parent as e:
        print(f"{exc.__name__:20} caught by {parent.__name__:15} str={e}")
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, Exception))
print(issubclass(UnboundLocalError, Exception), issubclass(FileNotFoundError, Exception))
print(issubclass(bool, BaseException), issubclass(ModuleNotFoundError, LookupError))
try:
    raise KeyboardInterrupt
except Exception:
    print("wrong: Exception caught KeyboardInterrupt")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
for exc in [ZeroDivisionError, KeyError, FileNotFoundError, RecursionError]:
    chain = []
    for base in [ArithmeticError, LookupError, OSError, RuntimeError, Exception, BaseException]:
        if issubclass(exc, base):
            chain.append(base.__name__)
    print(exc.__name__, chain)
