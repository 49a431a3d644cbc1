# from x import *
from mylib.text import *
print(shout("star"), whisper("IMPORT"))
try:
    hidden()
except NameError as e:
    print("NameError:", e)
try:
    _private()
except NameError as e:
    print("NameError:", e)
from mylib.shapes import *
print(Square(2).area(), circle_area(3), PI)
from math import *
print(sqrt(4), floor(3.9))
