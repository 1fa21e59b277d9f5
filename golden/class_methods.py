# classmethods constructing through cls (a subclass when called on one), staticmethods, sequence unpacking.
class Shape:
    count = 0

    def __init__(self, size):
        self.size = size

    @classmethod
    def unit(cls):
        return cls(1)

    @staticmethod
    def describe():
        return "shapes"

    def area(self):
        return self.size


class Square(Shape):
    def area(self):
        return self.size * self.size


s = Square.unit()
print(type(s).__name__, s.area(), Shape.unit().area(), Shape.describe(), s.describe())
a, b = "x=1".split("=")
print(a, b)
c, d = "hi"
print(c, d)
try:
    e, f = [1, 2, 3]
except ValueError as err:
    print(err)
