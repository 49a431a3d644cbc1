# 200k calls of a two-argument function.
def add(a, b):
    return a + b
def main():
    total = 0
    for i in range(200000):
        total = add(total, i)
    print(total)
main()
