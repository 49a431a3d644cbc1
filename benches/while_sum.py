# A plain while loop: measures local-variable access, int arithmetic and branching.
def main():
    total = 0
    i = 0
    while i < 10000000:
        total += i * i
        i += 1
    print(total)


main()
