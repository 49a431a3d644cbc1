# f-strings: expressions, nesting, braces
name = "Ada"
age = 36
print(f"{name} is {age} years old")
print(f"{name.upper()} {len(name)} {age * 2} {age > 30}")
print(f"{{literal braces}} {{{age}}}")
items = [1, 2, 3]
print(f"sum={sum(items)} first={items[0]} last={items[-1]}")
d = {"k": "v"}
print(f"{d['k']} {d}")
width = 10
prec = 3
val = 2 / 3
print(f"[{val:{width}.{prec}f}]")
print(f"[{name:>{width}}] [{name:^{width}}] [{name:{'*'}<{width}}]")
for i in range(1, 4):
    print(f"{i:>3}: {'#' * i:<5}|{i ** 3:>4}")
print(f"{'nested ' + f'{age}'}")
print(f"{age if age > 18 else 'minor'}")
print(f"{(lambda z: z * 2)(21)}")
print(f"{[x * x for x in range(4)]}")
x = 5
print(f"{x=}", f"{x * 2 = }")
print(f"{name!r:>8}")
print(f"{3.0}", f"{1 / 3:.4}")
msg = f"a" f"b" f"{x}"
print(msg)
print(f"""multi
{name}""")
print(F"upper F {x}")
print(f"{x:{'>'}{4}}")
