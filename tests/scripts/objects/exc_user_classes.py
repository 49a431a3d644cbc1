# user exception classes: args, str, hierarchy
class AppError(Exception):
    pass
class DatabaseError(AppError):
    pass
class ConnectionLost(DatabaseError):
    pass
class ValidationError(AppError, ValueError):
    pass
for exc in [AppError("a"), DatabaseError("db", 42), ConnectionLost(), ValidationError("bad")]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, e.args, repr(str(e)), isinstance(e, DatabaseError))
try:
    raise ConnectionLost("timeout")
except DatabaseError as e:
    print("caught as DatabaseError:", e)
try:
    raise ValidationError("negative age")
except ValueError as e:
    print("caught as ValueError:", e)
print([c.__name__ for c in ConnectionLost.__mro__])
print([c.__name__ for c in ValidationError.__mro__])
def handler(exc):
    try:
        raise exc
    except ConnectionLost:
        return "retry"
    except DatabaseError:
        return "db-fail"
    except AppError:
        return "app-fail"
    except Exception:
        return "other"
print([handler(e) for e in [ConnectionLost(), DatabaseError(), AppError(), KeyError()]])
e = AppError("x", "y")
print(str(e), repr(e), e.args[1])
print(repr(AppError()), str(AppError()) == "")
print(issubclass(ValidationError, Exception), AppError.__name__)
