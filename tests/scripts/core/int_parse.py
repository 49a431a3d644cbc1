# int() with bases and strings
print(int("42"), int(" 42 "), int("-17"), int("+5"), int("1_000"))
print(int("ff", 16), int("FF", 16), int("0x1f", 0), int("0o17", 0), int("0b101", 0))
print(int("777", 8), int("1010", 2), int("z", 36), int("Zz", 36))
print(int("0x1f", 16), int("10", 0), int("  -0b11  ", 0))
print(int(3.7), int(-3.7), int(True), int("007"))
print(int("123456789012345678901234567890"))
print(int("\t12\n"))
for s in ["12", "-0", "1_2_3", "0"]:
    print(repr(s), int(s))
for s, base in [("11", 2), ("11", 3), ("11", 16), ("11", 36)]:
    print(s, base, int(s, base))
print(int())
bad = ["abc", "", "1.5", "1__0", "0x10", " ", "12a"]
for s in bad:
    try:
        int(s)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print(e)
try:
    int("0x1f", 10)
except ValueError as e:
    print(e)
