# a failing assert that is not caught
def validate(balance):
    assert balance >= 0, f"balance must be non-negative, got {balance}"
    return balance
print(validate(10))
print("about to fail")
validate(-5)
print("unreachable")
