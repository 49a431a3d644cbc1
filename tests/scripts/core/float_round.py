# round() and related conversions
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(0.125, 2), round(0.375, 2), round(2.675, 2))
print(round(3.14159, 3), round(-3.14159, 1), round(1234.5678, -2))
print(round(7), round(7, 1), round(1234, -2), round(1250, -2), round(1350, -2))
print(type(round(2.7)).__name__, type(round(2.7, 0)).__name__)
print(round(2.7, 0), round(-0.4), round(-0.6))
print(int(2.9), int(-2.9), int(0.9999))
import math
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))
print(math.floor(2.5), math.ceil(2.5), math.trunc(2.5))
for x in [0.5, 1.5, 2.5, 3.5, 4.5, -0.5, -1.5]:
    print(x, round(x))
print(round(1e20), round(1.23456789e10, 2))
print(round(0.1 + 0.2, 10))
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f}")
print(round(5.0), round(-5.0))
print(abs(-0.0), abs(-1.25))
print(float(round(10.55, 1)))
