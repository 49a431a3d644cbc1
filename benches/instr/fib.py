# fib(22): call/return overhead (callgrind-sized fib).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(22))
