# file I/O with open()
import os
path = "/tmp/gil_file_io_test_" + str(os.getpid()) + ".txt"
with open(path, "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
print("wrote", n)
with open(path, "a") as f:
    f.write("third line\n")
with open(path) as f:
    content = f.read()
print(repr(content))
with open(path, "r") as f:
    lines = f.readlines()
print(lines, len(lines))
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline()))
with open(path) as f:
    print([l.strip().upper() for l in f])
print(os.path.exists(path))
f = open(path, "w")
f.write("overwritten")
f.close()
f = open(path)
print(f.read())
f.close()
with open(path, "wb") as f:
    f.write(b"\x00\x01bytes")
with open(path, "rb") as f:
    data = f.read()
print(data, len(data), data[0])
with open(path, "w", encoding="utf-8") as f:
    f.write("héllo\n")
with open(path, encoding="utf-8") as f:
    print(f.read().strip(), len("héllo"))
os.remove(path)
print(os.path.exists(path))
try:
    open(path)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
