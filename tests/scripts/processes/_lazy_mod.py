VALUE = 1


def __getattr__(name):
    if name == "LAZY":
        return "made on demand"
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
