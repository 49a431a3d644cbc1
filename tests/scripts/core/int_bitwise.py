# bitwise operations and shifts, including negatives
a, b = 12, 10
print(a & b, a | b, a ^ b, ~a)
print(-12 & 10, -12 | 10, -12 ^ 10, ~-12)
print(-1 & 255, -256 & 255, -1 | 0, -1 ^ -1)
print(1 << 0, 1 << 10, 1 << 64, 5 << 3)
print(1024 >> 3, 1 >> 1, -1 >> 1, -1 >> 100, -16 >> 2, -17 >> 2)
print(~0, ~1, ~-1, ~(2 ** 70))
print((2 ** 70) & (2 ** 70 - 1), (2 ** 70) | 1)
print(-(2 ** 70) >> 60, -(2 ** 70) & 0xFFFF)
print(0xFF, 0o17, 0b1011, 0xdead_beef)
print(bin(-5), hex(-255), oct(-8))
print(bin(0), hex(0), oct(0))
x = 0
for i in range(0, 16, 3):
    x |= 1 << i
print(x, bin(x))
print(bin(x).count("1"))
print(6 & 3 == 2, 6 | 3 == 7)
print(True & 1, True << 3)
mask = (1 << 8) - 1
print(mask, 0x1234 & mask, (0x1234 >> 8) & mask)
print([i ^ (i >> 1) for i in range(8)])
print(5 & -5, 12 & -12)
print(int.bit_length(255), (1023).bit_length(), (-8).bit_length())
