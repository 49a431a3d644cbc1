# 300k appends and sum().
def main():
    xs = []
    for i in range(300000):
        xs.append(i)
    print(len(xs), sum(xs))
main()
