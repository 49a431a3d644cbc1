# %-formatting
print("%s %r %d" % ("str", "str", 42))
print("%5.2f|" % 3.14159)
print("%-5s|%5s|" % ("ab", "cd"))
print("%x %X %o %e %%" % (255, 255, 8, 12345.678))
print("%d%%" % 50)
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%s" % "single")
print("%s" % (1,))
print("%s %s" % ([1, 2], (3,)))
print("%05d|%+d|% d" % (42, 5, 7))
print("%.3s|" % "abcdef")
print("%10.3e|" % 0.000123456)
print("%c%c" % (72, "i"))
print("%i %u" % (3, 4))
print("%g %g %g" % (0.00001, 123456789.0, 1.5))
print("%r" % None, "%s" % None, "%s" % True, "%d" % True)
print("%.0f %.1f" % (2.5, 0.25))
print("%-8s|%8.2f|" % ("item", 9.5))
print("%#x %#o" % (255, 8))
print("%d" % 3.99, "%s" % 3.99)
print("%3d|%-3d|" % (5, 5))
print("%*d|" % (6, 42))
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("one",))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
