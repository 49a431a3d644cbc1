# splitlines and encode/decode
text = "line one\nline two\r\nline three\rlast"
print(text.splitlines())
print(text.splitlines(True))
print("".splitlines(), "\n".splitlines(), "a\n\nb\n".splitlines())
print("trailing\n".splitlines(), "trailing\n".split("\n"))
print("abc".encode(), "abc".encode("utf-8"), "é".encode())
print("naïve".encode("utf-8"))
b = "héllo".encode()
print(len(b), b[0], b[1], b[2], list(b))
print(b.decode(), b.decode("utf-8") == "héllo")
print("abc".encode("ascii"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", isinstance(e, ValueError))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", isinstance(e, ValueError))
for i, line in enumerate("a\nb\nc".splitlines(), 1):
    print(i, line)
print("x\ty".expandtabs(4), "\tz".expandtabs(8) == " " * 8 + "z")
print(type("a".encode()).__name__)
print(bytes("€", "utf-8"), str(b"\xe2\x82\xac", "utf-8"))
