# package mylib
print("mylib/__init__ running, __name__ =", __name__)
VERSION = "1.2"
def version():
    return "mylib " + VERSION
