# Building a 1,000,000-int list by append, then sum(): list growth, method calls, builtins.
def main():
    xs = []
    for i in range(1_000_000):
        xs.append(i)
    print(len(xs), sum(xs))


main()
