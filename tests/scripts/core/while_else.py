# while loops with else, break, continue
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i =", i)
else:
    print("while finished normally")
n = 0
while True:
    n += 1
    if n > 3:
        break
print("n =", n)
j = 10
while j > 0:
    if j == 7:
        print("breaking at", j)
        break
    j -= 1
else:
    print("not printed")
k = 0
while k < 0:
    print("never")
else:
    print("else runs even with zero iterations")
def collatz(v):
    steps = 0
    while v != 1:
        v = v // 2 if v % 2 == 0 else 3 * v + 1
        steps += 1
    return steps
print([collatz(v) for v in range(1, 11)])
stack = [1, 2, 3]
while stack:
    print("pop", stack.pop())
outer = 0
while outer < 3:
    inner = 0
    while inner < 3:
        if inner == outer:
            break
        inner += 1
    print(outer, inner)
    outer += 1
