# __getattr__ fallback (only for missing attributes)
class Defaults:
    real = "real attribute"
    def __init__(self):
        self.inst = "instance attribute"
    def __getattr__(self, name):
        if name.startswith("opt_"):
            return name[4:].upper()
        raise AttributeError(f"{type(self).__name__} has no {name!r}")
d = Defaults()
print(d.real, d.inst, d.opt_color, getattr(d, "opt_size"))
print(hasattr(d, "opt_x"), hasattr(d, "missing"))
try:
    d.missing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(d, "missing", "default"))
class Proxy:
    def __init__(self, target):
        self._target = target
        self.log = []
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target, p.log, p.count(1))
class Record:
    def __init__(self, **fields):
        self._fields = fields
    def __getattr__(self, name):
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name)
    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            self._fields[name] = value
r = Record(a=1, b=2)
r.c = 3
print(r.a, r.b, r.c, sorted(r._fields))
try:
    r.zz
except AttributeError as e:
    print("AttributeError:", e)
