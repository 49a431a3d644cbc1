print("mylib.shapes loaded as", __name__)
PI = 3.14159
class Square:
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
def circle_area(r):
    return round(PI * r * r, 2)
