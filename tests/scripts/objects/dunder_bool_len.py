# truthiness via __bool__ and __len__
class AlwaysFalse:
    def __bool__(self):
        return False
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Plain:
    pass
for obj in [AlwaysFalse(), Sized(0), Sized(3), Both(), Plain()]:
    print(type(obj).__name__, bool(obj), "truthy" if obj else "falsy", not obj)
print(len(Sized(7)))
x = Sized(0) or "fallback"
print(x)
y = Sized(2) and "second"
print(y)
if not AlwaysFalse():
    print("not AlwaysFalse() is True")
count = 0
s = Sized(3)
while s:
    s.n -= 1
    count += 1
print(count)
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
print([bool(v) for v in [Sized(0), Sized(1)]])
print(any([Sized(0), AlwaysFalse()]), all([Sized(1), Plain()]))
