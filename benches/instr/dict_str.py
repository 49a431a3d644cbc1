# 50k dict inserts and lookups on "k" + str(i).
def main():
    d = {}
    for i in range(50000):
        d["k" + str(i)] = i
    total = 0
    for i in range(50000):
        total += d["k" + str(i)]
    print(len(d), total)
main()
