# 1M-iteration while loop summing i*i (stays within i64).
def main():
    total = 0
    i = 0
    while i < 1000000:
        total += i * i
        i += 1
    print(total)
main()
