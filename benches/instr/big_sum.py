# 300k additions to a big int (the tail of the 10M sums).
def main():
    total = 10**19
    for i in range(300000):
        total += i * i
    print(total)
main()
