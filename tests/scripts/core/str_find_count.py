# find/rfind/index/count/startswith/endswith
s = "hello world, hello there"
print(s.find("hello"), s.rfind("hello"), s.find("xyz"), s.rfind("xyz"))
print(s.find("o", 5), s.find("o", 5, 7), s.rfind("o", 0, 10))
print(s.index("world"), s.rindex("hello"))
try:
    s.index("nope")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("nope")
except ValueError as e:
    print("ValueError:", e)
print(s.count("hello"), s.count("l"), s.count("xyz"), s.count(""), "aaaa".count("aa"))
print(s.count("l", 0, 5))
print(s.startswith("hello"), s.startswith("world"), s.startswith("world", 6))
print(s.endswith("there"), s.endswith(("here", "xx")), s.startswith(("a", "h")))
print("test.py".endswith((".py", ".txt")), "test.rs".endswith((".py", ".txt")))
print("".find(""), "abc".find(""), "abc".rfind(""))
print("abc".startswith(""), "abc".endswith(""))
print("ababab".find("ab", 1), "ababab".rfind("ab", 0, 5))
words = ["apple", "banana", "avocado", "cherry"]
print([w for w in words if w.startswith("a")])
print([w for w in words if w.endswith(("y", "o"))])
print("x" in s, "hello" in s, s.find("h") == s.index("h"))
print("a,b,c".find(","), "a,b,c".rfind(","))
print("mississippi".count("ss"), "mississippi".count("i", 5))
