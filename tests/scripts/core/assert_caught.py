# assert statement, caught
assert True
assert 1 == 1, "never shown"
try:
    assert False
except AssertionError as e:
    print("caught bare assert:", repr(e), e.args)
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("caught:", e)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("caught:", e.args[0])
def check(v):
    assert isinstance(v, int), f"expected int, got {type(v).__name__}"
    return v * 2
print(check(4))
try:
    check("x")
except AssertionError as e:
    print(e)
print(isinstance(AssertionError(), Exception))
x = 0
try:
    assert x, x
except AssertionError as e:
    print("message is", e.args)
