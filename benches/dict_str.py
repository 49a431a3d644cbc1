# 200,000 dict inserts and lookups on string keys built in the loop:
# string concatenation, str(int), string hashing and dict probing.
def main():
    d = {}
    for i in range(200_000):
        d["k" + str(i)] = i
    total = 0
    for i in range(200_000):
        total += d["k" + str(i)]
    print(len(d), total)


main()
