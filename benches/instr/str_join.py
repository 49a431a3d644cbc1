# 50k str(i) appended, then join.
def main():
    parts = []
    for i in range(50000):
        parts.append(str(i))
    s = "".join(parts)
    print(len(s))
main()
