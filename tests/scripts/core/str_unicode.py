# Unicode strings: len, indexing, slicing, ord/chr
s = "héllo wörld"
print(len(s), s[1], s[-4], s[1:5], s[::-1])
print(s.upper(), s.title())
j = "日本語テキスト"
print(len(j), j[0], j[-1], j[2:4])
e = "a😀b"
print(len(e), e[1], ord(e[1]), e[2])
print(ord("A"), ord("é"), ord("€"), ord("😀"))
print(chr(65), chr(233), chr(8364), chr(128512))
print([ord(c) for c in "abc"])
print("".join(chr(ord(c) + 1) for c in "HAL"))
print(len("café".encode("utf-8")), len("café"))
print("é".encode("utf-8"), "€".encode("utf-8"))
print(b"\xc3\xa9".decode("utf-8"))
print("ß".upper(), "ǅ".lower())
print("Straße".lower(), "STRASSE".lower())
print(sorted("bca€é"))
print("ü" in "Müller", "Müller".find("l"))
for i, c in enumerate("añb"):
    print(i, c, ord(c))
print(repr("日本"), str("日本"))
print("αβγ".upper(), "ΑΒΓ".lower())
print(chr(0x41) + chr(0x3b1))
print(max("abcé"), min("xyzA"))
print("é" * 3, len("é" * 3))
print(s.split(" "), s.replace("ö", "o"))
print(str(len("🎉🎉")))
print("日本語"[::-1])
