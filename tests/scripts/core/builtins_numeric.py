# round divmod pow ord chr hex bin oct
print(round(3.7), round(-3.7), round(3.14159, 2), round(2.5), round(15, -1), round(25, -1))
print(divmod(9, 4), divmod(-9, 4), divmod(9.0, 4))
print(pow(2, 8), pow(2, 8, 10), pow(2.0, -1), pow(9, 0.5))
print(ord("a"), ord("Z"), ord(" "), ord("\n"), ord("é"))
print(chr(97), chr(90), repr(chr(10)), chr(0x263A))
print(hex(255), hex(-1), hex(0), hex(2 ** 40))
print(bin(10), bin(-10), bin(1), oct(64), oct(-64), oct(7))
print(int(hex(255), 16), int(bin(10), 2), int(oct(64), 8))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    ord("")
except TypeError as e:
    print("TypeError:", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
print([chr(c) for c in range(ord("a"), ord("f"))])
print("".join(chr(ord(c) ^ 32) for c in "Hello"))
print(abs(divmod(-7, 2)[1]), divmod(7, -2))
print(pow(5, -2), 5 ** -2)
print(round(-0.5), round(1.0000001, 3), round(123.456, 1))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
