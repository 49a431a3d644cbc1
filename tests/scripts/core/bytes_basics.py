# bytes literals, indexing, methods
b = b"hello"
print(b, type(b).__name__, len(b))
print(b[0], b[-1], b[1:3], b[::-1])
print(list(b), [x for x in b if x > 104])
print(b"a" + b"b", b"ab" * 3, b"ell" in b, 104 in b)
print(b == b"hello", b < b"help", b"" == bytes())
print(bytes([72, 105]), bytes(3), bytes(range(65, 70)))
print(b"\x00\x01\xff", b"\n\t", b"it's", b'say "x"')
print(repr(b"\x7f"), repr(b"\\"))
print(b.upper(), b.find(b"l"), b.count(b"l"), b.replace(b"l", b"L"))
print(b"a,b,c".split(b","), b"-".join([b"x", b"y"]))
print(b"  pad ".strip(), b.startswith(b"he"), b.endswith(b"lo"))
print(b.decode(), b.decode("ascii"), b"caf\xc3\xa9".decode())
print(b.hex())
print(rb"\n", len(rb"\n"))
print(hash(b"x") == hash(b"x"))
for x in b"AZ":
    print(x, chr(x))
try:
    b[10]
except IndexError as e:
    print("IndexError:", e)
print(sorted(b"dcba"))
print(b"abc".isalpha(), b"123".isdigit())
print(str(b"x"), bytes("ok", "ascii"))
