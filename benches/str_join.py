# Building 200,000 small strings with str(i), then "".join(): str allocation and join.
def main():
    parts = []
    for i in range(200_000):
        parts.append(str(i))
    s = "".join(parts)
    print(len(s))


main()
