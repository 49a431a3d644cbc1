# str.format
print("{} {}".format("a", "b"))
print("{1} {0} {1}".format("x", "y"))
print("{name} is {age}".format(name="Bob", age=7))
print("{0[1]} {0[0]}".format(["first", "second"]))
print("{d[key]} {d[n]}".format(d={"key": "val", "n": 3}))
class P:
    def __init__(self):
        self.x = 10
        self.y = 20
print("{0.x},{0.y}".format(P()))
print("{p.x}-{p.y}".format(p=P()))
print("{:.2f} {:>6} {:<6}| {:^7}|".format(3.14159, "r", "l", "c"))
print("{0:05d} {1:x} {1:#b}".format(42, 10))
print("{:,} {:_} {:.1%}".format(1234567, 1234567, 0.123))
print("{!r} {!s}".format("q", "q"))
print("{{}} {}".format("braces"))
print("{:{w}.{p}f}".format(2.71828, w=10, p=2))
print("{0}{1}{0}".format("ab", "-"))
print("{:e} {:g} {:+d}".format(12345.678, 0.0001, 5))
print("{:*^11}".format("mid"))
print("{0!r:>10}".format("x"))
fmt = "{:>4}|{:<4}|"
for a, b in [(1, 2), (10, 20), (100, 200)]:
    print(fmt.format(a, b))
try:
    "{} {}".format("only one")
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format(x=1)
except KeyError as e:
    print("KeyError:", e)
print(format(3.5, ".2f"), format(255, "x"), format("s", ">3"), format(7))
