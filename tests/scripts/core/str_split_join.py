# split / rsplit / join
s = "a,b,,c"
print(s.split(","), s.split(",", 1), s.rsplit(",", 1), s.rsplit(",", 2))
w = "  the quick  brown\tfox\n jumps "
print(w.split())
print(w.split(None, 2))
print(w.rsplit(None, 1))
print("".split(), "".split(","), "   ".split())
print("a b c".split(" "), "a  b".split(" "))
print("one::two::three".split("::"))
print("x".split(","), ",".split(","))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"))
print(" ".join(str(i) for i in range(5)))
print("\n".join(["line1", "line2"]))
try:
    "-".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
parts = "key=value=more".split("=", 1)
print(parts)
k, v = "name: Ada".split(": ")
print(k, v)
print("a,b,c".split(",", 0), "a,b,c".split(",", -1))
print("1 2 3".split(maxsplit=1))
print("a.b.c".rsplit(".", maxsplit=1))
path = "/usr/local/bin"
print(path.split("/"), "/".join(path.split("/")[:-1]))
print(list(map(int, "10 20 30".split())))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
