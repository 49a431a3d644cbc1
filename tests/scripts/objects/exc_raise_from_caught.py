# raise X from Y, caught: __cause__, __context__, __suppress_context__
class ParseError(Exception):
    pass
def parse_int(s):
    try:
        return int(s)
    except ValueError as e:
        raise ParseError(f"bad number: {s!r}") from e
try:
    parse_int("abc")
except ParseError as e:
    print(e)
    print(type(e.__cause__).__name__, e.__cause__)
    print(e.__context__ is e.__cause__, e.__suppress_context__)
def no_cause():
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("hidden context") from None
try:
    no_cause()
except RuntimeError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    raise ValueError("outer") from TypeError("inner")
except ValueError as e:
    print(e, "<-", repr(e.__cause__))
try:
    raise ValueError("plain")
except ValueError as e:
    print(e.__cause__, e.__context__, e.__suppress_context__)
def chain3():
    try:
        try:
            1 / 0
        except ZeroDivisionError as a:
            raise KeyError("level2") from a
    except KeyError as b:
        raise LookupError("level3") from b
try:
    chain3()
except LookupError as e:
    x = e
    names = []
    while x is not None:
        names.append(type(x).__name__)
        x = x.__cause__
    print(names)
