# case conversion and predicates
s = "hello World of PYTHON"
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase())
print("they're bill's".title(), "o'neil".capitalize(), "ABC def".capitalize())
print("123abc".title(), "a1b2".upper())
for t in ["123", "abc", "abc123", "   ", "", "ABC", "abc", "Abc", "12.5", "a b", "\t\n"]:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(), t.islower())
print("Hello World".istitle(), "Hello world".istitle())
print("abc".isidentifier(), "1abc".isidentifier(), "_x".isidentifier())
print("123".isdecimal(), "123".isnumeric())
print("A1".isupper(), "a1".islower(), "1".isupper())
print("éÉ".upper(), "ÉCOLE".lower())
print("hello".upper().lower() == "hello")
print("MiXeD".swapcase())
print("x".isprintable(), "\n".isprintable())
print("Ab Cd".casefold())
