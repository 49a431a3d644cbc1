# int/float mixing
print(1 + 2.0, 3 * 1.5, 10 - 0.5, 7 / 7)
print(type(1 + 2.0).__name__, type(6 / 3).__name__, type(6 // 3).__name__)
print(7 // 2.0, 7 % 2.0, -7 // 2.0)
print(2 ** 0.5 * 2 ** 0.5)
print(1 == 1.0, 1 < 1.5, 2 > 1.99, 10 ** 20 == 1e20)
print(hash(1) == hash(1.0), hash(0) == hash(0.0))
d = {1: "int"}
d[1.0] = "float"
print(d)
print(int(3.99), float(3), float(-0))
print(3 * 0.1, 0.1 * 3)
print(sum([1, 2.5, 3]), sum([0.1] * 10))
print(max(1, 2.5, 2), min(3, 2.0, 2))
print(abs(-3), abs(-3.0), abs(2 - 5.5))
print(10 / 4, 10 // 4, 10 % 4, 10.0 // 4)
print(1 / 2 + 1 / 2 == 1)
print(True + 0.5, False * 2.0)
print(2 ** 10 / 2 ** 5)
print(int(1e3), float("3") + 1)
print((5).__class__.__name__, (5.0).__class__.__name__)
print(1e3 == 1000, 1000.0 == 1000)
x = 5
x += 0.5
print(x)
x *= 2
print(x)
x //= 3
print(x)
print(3 < 3.0001 < 4)
print(sorted([3, 1.5, 2, 0.5, -1]))
print(0.5 + 1 // 2)
print(divmod(7, 2.5))
print(float(2 ** 53) == 2 ** 53, float(2 ** 53 + 1) == 2 ** 53 + 1)
