# exception raised inside an except block (implicitly chained)
def parse(text):
    try:
        return int(text)
    except ValueError:
        print("could not parse", repr(text))
        raise RuntimeError("parse failed for " + repr(text))
print(parse("12"))
print(parse("twelve"))
