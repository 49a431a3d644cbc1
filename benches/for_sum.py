# A for loop over range(): measures the range iterator and the for-loop dispatch.
def main():
    total = 0
    for i in range(10_000_000):
        total += i * i
    print(total)


main()
