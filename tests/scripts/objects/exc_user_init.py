# user exceptions with a custom __init__ and __str__
class HttpError(Exception):
    def __init__(self, status, reason):
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason
class NotFound(HttpError):
    def __init__(self, path):
        super().__init__(404, "Not Found")
        self.path = path
try:
    raise NotFound("/missing")
except HttpError as e:
    print(e, "|", e.status, e.reason, e.path, e.args)
class Custom(Exception):
    def __init__(self, code):
        self.code = code
    def __str__(self):
        return f"custom error code {self.code}"
try:
    raise Custom(7)
except Custom as e:
    print(str(e), e.code, e.args)
class WithRepr(Exception):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.total = a + b
try:
    raise WithRepr(1, 2)
except WithRepr as e:
    print(e, repr(e), e.total)
class Quiet(Exception):
    pass
q = Quiet()
q.extra = "attached later"
try:
    raise q
except Quiet as e:
    print(e.extra, e is q)
errors = []
for code in [404, 500]:
    try:
        if code == 404:
            raise NotFound("/x")
        raise HttpError(code, "Server Error")
    except HttpError as e:
        errors.append((type(e).__name__, e.status))
print(errors)
