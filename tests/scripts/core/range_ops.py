# range
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)))
print(list(range(10, 0, -2)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)))
print(list(range(-5, -1)), list(range(-1, -6, -1)), list(range(0, -3)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[2], 9 in r, 10 in r)
print(range(0, 10)[2:5], list(range(0, 10)[::-1]))
print(len(range(0, 100, 7)), len(range(10, 0, -3)), len(range(5, 0)))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
print(range(5) == range(0, 5), range(0) == range(2, 2))
print(type(range(3)).__name__)
print(r.start, r.stop, r.step)
print(r.index(13), r.count(5))
try:
    range(1, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
for i in range(3, -4, -3):
    print(i, end=" ")
print()
print(list(reversed(range(4))))
print(list(enumerate(range(10, 13))))
# gil ranges are bounded by 64-bit ints (range(10 ** 20) is an OverflowError).
print(range(10 ** 18)[-1], len(range(10 ** 6)))
print(list(range(True, 3)))
