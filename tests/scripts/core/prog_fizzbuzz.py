# fizzbuzz in a few styles
for i in range(1, 16):
    if i % 15 == 0:
        print("FizzBuzz")
    elif i % 3 == 0:
        print("Fizz")
    elif i % 5 == 0:
        print("Buzz")
    else:
        print(i)
def fb(n):
    return "Fizz" * (n % 3 == 0) + "Buzz" * (n % 5 == 0) or str(n)
print(" ".join(fb(n) for n in range(1, 31)))
out = []
n = 1
while n <= 20:
    s = ""
    if n % 3 == 0:
        s += "Fizz"
    if n % 5 == 0:
        s += "Buzz"
    out.append(s if s else n)
    n += 1
print(out)
counts = {"Fizz": 0, "Buzz": 0, "FizzBuzz": 0}
for k in range(1, 101):
    r = fb(k)
    if r in counts:
        counts[r] += 1
print(counts)
