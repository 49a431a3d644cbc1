# building strings: concatenation, join, repetition, iteration
s = ""
for i in range(5):
    s += str(i)
print(s)
parts = []
for word in ["alpha", "beta", "gamma"]:
    parts.append(word.capitalize())
print(" & ".join(parts))
print("=" * 20)
print("ab" * 0 == "", "-" * -1 == "")
for ch in "hey":
    print(ch, ch * 2, ord(ch))
print([c for c in "hello" if c not in "aeiou"])
print("".join(sorted("python")))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
cap = " ".join(w[:1].upper() + w[1:] for w in "the old man and the sea".split())
print(cap)
table = {"a": "4", "e": "3", "o": "0"}
print("".join(table.get(c, c) for c in "leet code power"))
vowels = sum(1 for c in "encyclopedia" if c in "aeiou")
print(vowels)
print("%s-%s" % ("a", "b") + "{}".format("!"))
print(str(1) * 3, "abc"[1] * 4)
caesar = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.isalpha() else c for c in "xyz abc")
print(caesar)
print(len("a" * 1000), ("ab" * 3)[1:4])
print("x".join("abc"), ", ".join(map(str, [1, 2, 3])))
