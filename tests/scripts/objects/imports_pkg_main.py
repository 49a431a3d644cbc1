# importing a package folder next to the script
import mylib
print(mylib.version(), mylib.VERSION)
import mylib.shapes
print(mylib.shapes.Square(3).area(), mylib.shapes.circle_area(2))
from mylib import shapes as sh
print(sh is mylib.shapes, sh.PI)
from mylib.text import shout, whisper as w
print(shout("hi"), w("QUIET"))
import mylib.text as text_mod
print(text_mod.shout("alias"))
from mylib.sub.deep import deep_area
print(deep_area())
import mylib.sub
print(type(mylib.sub).__name__, mylib.sub.__name__)
print(mylib.__name__, mylib.shapes.__name__, text_mod.__name__)
