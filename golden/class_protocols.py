# Dunder protocols of user classes: hashing, equality, ordering, operators, callables.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __radd__(self, n):
        return Point(self.x + n, self.y + n)

    def __neg__(self):
        return Point(-self.x, -self.y)

    def __gt__(self, other):
        return (self.x, self.y) > (other.x, other.y)


class Point3(Point):
    pass


seen = {Point(1, 2), Point(1, 2), Point3(1, 2), Point(2, 1)}
print(len(seen), Point(2, 1) in seen, Point(5, 5) in seen)
index = {Point(0, 0): "origin"}
index[Point(1, 0)] = "east"
print(index[Point(0, 0)], index.get(Point(1, 0)), len(index))
print(hash(Point(1, 2)) == hash((1, 2)), 5 + Point(1, 1), -Point(1, 2))
print(sorted([Point(3, 1), Point(1, 2), Point(2, 0)]), min(Point(1, 1), Point(0, 5)))
total = Point(0, 0)
for p in [Point(1, 1), Point(2, 3)]:
    total += p
print(total, sum([Point(1, 0), Point(0, 1)], Point(10, 10)))


class Minus1:
    def __hash__(self):
        return -1


print(hash(Minus1()))


class OnlyEq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v


try:
    print({OnlyEq(1)})
except TypeError as e:
    print("TypeError:", e)
try:
    hash(OnlyEq(2))
except TypeError as e:
    print("TypeError:", e)
print(OnlyEq(1) == OnlyEq(1), OnlyEq(1) != OnlyEq(2), OnlyEq(3) in [OnlyEq(3)])


class Plain:
    pass


a = Plain()
print(len({a, a, Plain()}), {a: 1}[a], hash(a) == hash(a))


class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n


add3 = Adder(3)
print(add3(4), list(map(add3, [1, 2])), sorted([5, 1, 4], key=add3))


class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __iter__(self):
        yield self.a
        yield self.b

    def __getitem__(self, i):
        return self.a if i == 0 else self.b

    def __setitem__(self, i, v):
        if i == 0:
            self.a = v
        else:
            self.b = v


q = Pair(1, 2)
q[1] = 20
first, second = q
print(first, second, tuple(q), list(q), q[1])
try:
    x, y, z = q
except ValueError as e:
    print("ValueError:", e)
