# finally runs on return, break, continue
def ret():
    try:
        return "from try"
    finally:
        print("finally on return")
print(ret())
def override():
    try:
        return 1
    finally:
        return 2
print(override())
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
def nested():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
def exc_then_finally():
    try:
        raise ValueError("boom")
    finally:
        print("cleanup before propagation")
try:
    exc_then_finally()
except ValueError as e:
    print("caught", e)
def finally_swallows():
    try:
        raise KeyError("lost")
    finally:
        return "swallowed"
print(finally_swallows())
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("loop finally", count)
log = []
def order():
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")
print(order())
