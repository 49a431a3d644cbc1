# A first gil program: runs unchanged under python3 too.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Greeter:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Greeter({self.name!r})"

    def greet(self):
        return f"Hello, {self.name}!"


words = "the quick brown fox jumps over the lazy dog the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1

print(Greeter("world").greet())
print("fib(20) =", fib(20))
print("most common:", max(counts.items(), key=lambda kv: kv[1]))
print("squares:", [n * n for n in range(8)])
