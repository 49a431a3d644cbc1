# if / elif / else
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for v in [-5, 0, 3, 42, 1000]:
    print(v, classify(v))
x = 15
if x % 3 == 0 and x % 5 == 0:
    print("fizzbuzz")
if x:
    print("truthy")
else:
    print("falsy")
if []:
    print("never")
elif {}:
    print("never either")
else:
    print("empty containers are falsy")
if not None:
    print("not None")
for val in [None, 0, "", "a", [1]]:
    if val:
        print(repr(val), "true")
    else:
        print(repr(val), "false")
grade = 85
if grade >= 90:
    letter = "A"
elif grade >= 80:
    letter = "B"
else:
    letter = "C"
print(letter)
if True:
    if False:
        print("no")
    else:
        print("nested else")
if x > 10: print("one-liner")
