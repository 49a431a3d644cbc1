# 2,000,000 calls of a small two-argument function: call/return overhead.
def add(a, b):
    return a + b


def main():
    total = 0
    for i in range(2_000_000):
        total = add(total, i)
    print(total)


main()
