# float() of strings
print(float("1.5"), float("  -2.25 "), float("1e3"), float("1E-3"))
print(float("inf"), float("-inf"), float("Infinity"), float("nan"))
print(float(".5"), float("5."), float("+3"), float("1_000.5"))
print(float(7), float(True), float("0"), float("-0"))
print(float("123456789012345678901234567890"))
print(float("0.1") + float("0.2"))
print(float(" 3.14\n"))
for s in ["abc", "", "1.2.3", "1e", "--1"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError:", e)
print(str(1.5), str(1e-10), str(2e20))
print(float("1e500"), float("-1e500"))
print(float("1e-400"))
print(float("12"), type(float("12")).__name__)
x = float("2.5")
print(x * 2, x // 1, x % 1)
print(float("  NaN  ") != float("nan"))
print(float("-iNF"))
