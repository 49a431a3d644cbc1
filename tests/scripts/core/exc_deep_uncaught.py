# an error raised three calls deep
def level3(x):
    print("level3", x)
    return x["key"].upper()
def level2(x):
    print("level2")
    return level3(x)
def level1(x):
    print("level1")
    return level2(x)
print(level1({"key": "ok"}))
level1({"key": None})
