# getattr/setattr/hasattr/delattr and isinstance on user classes
class Config:
    defaults = {"debug": False}
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)
c = Config(host="localhost", port=8080)
print(c.host, c.port, getattr(c, "host"), getattr(c, "user", "anon"))
print(hasattr(c, "port"), hasattr(c, "user"), hasattr(c, "defaults"))
delattr(c, "port")
print(hasattr(c, "port"))
for name in ["host", "defaults", "missing"]:
    print(name, getattr(c, name, None))
setattr(Config, "version", 2)
print(c.version, Config.version)
class A: pass
class B(A): pass
class C: pass
objs = [A(), B(), C(), 1, "s"]
print([isinstance(o, A) for o in objs])
print([isinstance(o, (A, C)) for o in objs])
print(issubclass(B, (C, A)), issubclass(C, A))
print([type(o).__name__ for o in objs])
method = getattr(c, "__init__")
print(callable(method))
print(getattr(getattr(c, "host"), "upper")())
try:
    delattr(c, "nope")
except AttributeError:
    print("AttributeError on delattr")
