# math module
import math
print(math.sqrt(16), math.sqrt(2), math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2))
print(math.pi, math.e, math.inf, -math.inf, math.tau)
print(math.isnan(math.nan), math.isnan(1.0), math.isinf(math.inf), math.isinf(1e308))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.factorial(10), math.factorial(0))
print(math.log(math.e), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(1000))
print(math.exp(0), math.exp(1), math.sin(0), math.cos(0))
print(round(math.sin(math.pi / 2), 10), round(math.cos(math.pi), 10))
print(math.pow(2, 10), math.fabs(-3), math.trunc(-4.9), math.trunc(4.9))
print(math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1))
print(math.comb(5, 2), math.perm(5, 2))
print(type(math.floor(2.5)).__name__, type(math.sqrt(4)).__name__)
print(math.factorial(25))
print(math.floor(1e15 + 0.5))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
print(math.atan2(1, 1) == math.pi / 4, math.degrees(math.pi), math.radians(180) == math.pi)
print(math.copysign(3, -0.0), math.fmod(-7, 3), -7 % 3)
print(math.isfinite(1.0), math.isfinite(math.inf))
print(math.exp(2) == math.e ** 2 or abs(math.exp(2) - math.e ** 2) < 1e-12)
print(math.ceil(5), math.floor(-0.0))
