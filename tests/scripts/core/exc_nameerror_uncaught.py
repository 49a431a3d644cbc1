# uncaught NameError
def greet(name):
    return "hello " + name
print(greet("world"))
print(greet(nmae))
