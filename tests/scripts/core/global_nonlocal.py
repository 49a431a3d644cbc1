# global and nonlocal
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def read_global():
    return counter * 10
print(read_global())
def make_global():
    global created
    created = "made inside"
make_global()
print(created)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
    inner()
    inner()
    return x
print(outer())
def two_levels():
    v = "a"
    def mid():
        def deep():
            nonlocal v
            v += "b"
        deep()
        deep()
    mid()
    return v
print(two_levels())
name = "module"
def local_shadow():
    name = "local"
    return name
print(local_shadow(), name)
items = []
def mutate():
    items.append(1)
mutate()
print(items)
def g():
    global counter
    counter = 100
g()
print(counter)
