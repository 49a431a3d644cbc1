# decorators with arguments
def repeat(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def hello(n):
    return f"hi {n}"
print(hello("x"))
def prefix(p, sep=": "):
    def deco(fn):
        def wrapper(*a, **k):
            return p + sep + str(fn(*a, **k))
        return wrapper
    return deco
@prefix("LOG")
def compute(a, b=1):
    return a * b
print(compute(6, b=7))
@prefix("ERR", sep=" - ")
def fail():
    return "oops"
print(fail())
def validate(**types):
    def deco(fn):
        def wrapper(**kwargs):
            for k, t in types.items():
                if not isinstance(kwargs.get(k), t):
                    raise TypeError(f"{k} must be {t.__name__}")
            return fn(**kwargs)
        return wrapper
    return deco
@validate(name=str, age=int)
def person(name, age):
    return f"{name} ({age})"
print(person(name="Ann", age=3))
try:
    person(name="Bob", age="old")
except TypeError as e:
    print("TypeError:", e)
handlers = {}
def on(event):
    def deco(fn):
        handlers.setdefault(event, []).append(fn.__name__)
        return fn
    return deco
@on("start")
def a():
    pass
@on("start")
def b():
    pass
@on("stop")
def c():
    pass
print(handlers)
@repeat(2)
@prefix(">")
def stacked():
    return "s"
print(stacked())
