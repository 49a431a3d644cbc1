# 1M-iteration for-range loop summing i*i (stays within i64).
def main():
    total = 0
    for i in range(1000000):
        total += i * i
    print(total)
main()
