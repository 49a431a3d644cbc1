# slicing with steps and negative indices
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3])
print(a[::2], a[1::2], a[::-1], a[::-2], a[8:2:-2])
print(a[-1], a[-10], a[-4:-1], a[5:2], a[100:], a[-100:2])
print(a[3:3], a[::3], a[1:9:4])
print(a[-1:-5:-1], a[5::-1], a[:5:-1])
s = "abcdefgh"
print(s[1:4], s[::-1], s[::3], s[-2:], s[:-2], s[5:1:-1])
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-1], t[-2:], type(t[1:]).__name__)
print(a[1:8][::2][1:])
try:
    a[10]
except IndexError as e:
    print("IndexError:", e)
try:
    a[::0]
except ValueError as e:
    print("ValueError:", e)
b = a[:]
b[0] = 99
print(a[0], b[0])
print("hello"[1:100], "hello"[-100:2])
print(a[len(a) // 2:])
print(list(range(20))[::5])
i, j = 2, 6
print(a[i:j], a[i:j:2])
print(a[None:3], a[3:None], a[::None])
