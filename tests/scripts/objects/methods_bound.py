# bound and unbound methods
class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
    def greet(self, who):
        return f"{self.greeting}, {who}!"
g = Greeter("Hello")
print(g.greet("world"))
print(Greeter.greet(g, "explicit self"))
m = g.greet
print(m("bound"))
print(m.__self__ is g, m.__name__)
funcs = [Greeter("Hi").greet, Greeter("Yo").greet]
print([f("you") for f in funcs])
print(list(map(g.greet, ["a", "b"])))
f = Greeter.greet
print(f(Greeter("Hey"), "plain function"))
print(callable(m), callable(Greeter.greet))
try:
    Greeter.greet("only one")
except TypeError as e:
    print("TypeError:", e)
class Counter:
    def __init__(self):
        self.n = 0
    def tick(self):
        self.n += 1
        return self.n
c = Counter()
t = c.tick
t(); t()
print(c.n, t())
def external(self, x):
    return self.n + x
Counter.add = external
print(c.add(100))
c.func_attr = lambda x: x * 2
print(c.func_attr(21))
print(g.greet == g.greet, g.greet is not Greeter.greet)
words = ["b", "a", "c"]
sorter = words.sort
sorter()
print(words)
up = "abc".upper
print(up())
