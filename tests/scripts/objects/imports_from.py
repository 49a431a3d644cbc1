# from x import a, b as c
from math import sqrt, pi as PI, floor
print(sqrt(16), round(PI, 3), floor(-1.5))
from _helper_counter import add, items as stuff
print(add(1), add(2), stuff)
from mylib.shapes import Square, circle_area as ca
print(Square(5).area(), ca(1))
from collections import namedtuple, deque
print(namedtuple.__name__)
try:
    from math import no_such_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
from mylib import text
print(text.shout("from package import module"))
