# string literals: quotes, escapes, raw, triple-quoted
print('single', "double", 'it\'s', "say \"hi\"")
print("tab\tend", "new\nline")
print("back\\slash", r"raw\nstring", r'C:\path\to')
print(len("\n"), len(r"\n"), len("\\"))
print("\x41\x42", "\u00e9", "\u03b1")
print("\101\102\103")
s = """triple
quoted
string"""
print(s)
print(len(s), s.count("\n"))
t = '''single 'triple' with "quotes"'''
print(t)
print("adjacent " "literals " 'concatenate')
print(repr("a'b"), repr('a"b'), repr("a'b\"c"))
print(repr("tab\t"), repr("nl\n"), repr("\\"), repr("\x00"), repr("\x7f"))
print(repr("é"), repr("\u200b"))
u = """\
no leading newline"""
print(u)
print("a" * 3, "-" * 10)
print("abc" + "def")
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
abc = "abc"
print(abc == "abc", abc is not None)
print(str(123), str(-4.5), str([1, "a"]))
print("x" in "xyz", "yz" in "xyz", "q" not in "xyz")
print(repr(""), repr(" "))
print('''multi
line''' + "!")
long = ("part one, "
        "part two")
print(long)
