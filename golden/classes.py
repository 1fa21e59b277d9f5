# Classes: attributes, methods, class attributes, inheritance with super(), overriding,
# dunder methods (__str__, __repr__, __eq__, __lt__, __add__, __len__, __getitem__), isinstance, @dataclass.
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int = 0

    def moved(self, dx):
        return Point(self.x + dx, self.y)


p = Point(1, 2)
q = Point(1)
print(p, q, p == Point(1, 2), p == q, p.moved(5))

class Animal:
    kingdom = "animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __str__(self):
        return f"Animal({self.name})"


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []

    def speak(self):
        return super().speak() + "!"

    def add_trick(self, t):
        self.tricks.append(t)
        return self


a = Animal("cat", "meow")
d = Dog("rex")
d.add_trick("sit").add_trick("roll")
for x in [a, d]:
    print(x.speak(), x.kingdom)
print(d, a, Animal.count, d.tricks)
print(isinstance(d, Animal), isinstance(a, Dog), type(d).__name__)
d.name = "max"
print(d.speak())


class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, by=1):
        self.n += by
        return self.n


c = Counter()
c.inc()
c.inc(5)
print(c.n, c.inc(by=10))



class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return self.length2() < other.length2()

    def length2(self):
        return self.x * self.x + self.y * self.y

    def __repr__(self):
        return f"Vec2({self.x}, {self.y})"

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return self.x if i == 0 else self.y


class Shape:
    sides = 0

    def area(self):
        return 0.0

    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides and area {self.area():.2f}"


class Square(Shape):
    sides = 4

    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s * 1.0


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r * self.r


v1 = Vec2(1, 2)
v2 = Vec2(3, 4)
print(v1 + v2, v1 == Vec2(1, 2), v1 != v2, v1 < v2, v2 < v1, len(v1), v1[0], v1[1], [v1, v2])
print(str(v1), repr(v2), v1 is v1, v1 is v2)
if v1:
    print("truthy")
shapes = [Square(2), Circle(1), Square(3)]
for shape in shapes:
    print(shape.describe())
total = 0.0
for shape in shapes:
    total += shape.area()
print(round(total, 3), Shape.sides, Square.sides)
