# try/except/else/finally basics
def attempt(v):
    try:
        r = 10 / v
    except ZeroDivisionError as e:
        print("except:", e)
        r = None
    else:
        print("else: no error")
    finally:
        print("finally")
    return r
print(attempt(2))
print(attempt(0))
for v in [1, "a", [], 0]:
    try:
        print(10 // v)
    except (TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, "-", e)
try:
    {}["k"]
except IndexError:
    print("wrong")
except LookupError as e:
    print("LookupError caught", type(e).__name__, e)
try:
    try:
        [][1]
    except KeyError:
        print("inner wrong")
    finally:
        print("inner finally")
except IndexError as e:
    print("outer caught:", e)
try:
    int("x")
except Exception as e:
    print("generic:", type(e).__name__)
e = "before"
try:
    raise ValueError("v")
except ValueError as e:
    print("bound:", e)
try:
    print(e)
except NameError as ne:
    print("NameError after except:", ne)
try:
    pass
except Exception:
    print("never")
else:
    print("else with no exception")
try:
    raise KeyError("k")
except (ValueError, KeyError) as err:
    print("tuple match", repr(err))
