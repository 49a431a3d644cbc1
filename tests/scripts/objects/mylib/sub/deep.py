from mylib.shapes import circle_area
def deep_area():
    return circle_area(1)
