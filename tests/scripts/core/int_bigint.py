# arbitrary precision integers
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
print(fact(20))
print(fact(30))
print(fact(50))
print(2 ** 64, 2 ** 100)
print(2 ** 200)
print(-(2 ** 127))
big = 10 ** 30
print(big + 1, big - 1, big * big)
print(big // 7, big % 7)
print(-big // 7, -big % 7)
print(len(str(fact(100))))
print(str(fact(25))[:10])
print(2 ** 64 - 1 == 18446744073709551615)
print((2 ** 64) // (2 ** 32))
print(12345678901234567890 * 98765432109876543210)
print(abs(-10 ** 25))
print(big > 10 ** 29, big < 10 ** 31, big == 10 ** 30)
print(hex(2 ** 70), bin(2 ** 10), oct(2 ** 40))
print(int("123456789012345678901234567890") + 1)
print(divmod(10 ** 20 + 3, 10 ** 10))
print((1 << 100) >> 99)
print(pow(3, 100))
print(pow(2, 100, 1000007))
print(2 ** 63 * -1, -(2 ** 63) - 1)
x = 1
for _ in range(70):
    x *= 3
print(x, x % 1000)
print(10 ** 20 / 10 ** 10)
print(float(2 ** 80))
print(-7 ** 2, (-7) ** 2)
print(sum(range(10 ** 6)))
print(int(1e20), int(-1.5e19))
