# messages of arithmetic errors
def show(fn):
    try:
        fn()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: 1.0 // 0)
show(lambda: 1.0 % 0)
show(lambda: 5 / 0.0)
show(lambda: divmod(1, 0))
show(lambda: 10 ** 400 * 1.0)
show(lambda: float(10 ** 400))
show(lambda: 0 ** -1)
show(lambda: 1 << -1)
show(lambda: int(float("inf")))
show(lambda: int(float("nan")))
try:
    x = 1 / 0
except ArithmeticError as e:
    print("caught as ArithmeticError:", type(e).__name__)
print(isinstance(ZeroDivisionError(), ArithmeticError), isinstance(OverflowError(), ArithmeticError))
