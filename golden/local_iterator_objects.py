# Iterator objects made and consumed on the spot keep their attributes in place.


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Base:
    def __iter__(self):
        return self


class Squares(Base):
    """Inherits `__iter__`; keyword and default arguments to `__init__`."""

    def __init__(self, n, start=0, *, step=1):
        self.i = start
        self.n = n
        self.step = step
        self.seen = []

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        v = self.i * self.i
        self.seen.append(v)
        self.i += self.step
        return v


class Halving:
    """`__next__` with try/except and an error of its own."""

    def __init__(self, x):
        self.x = x

    def __iter__(self):
        return self

    def __next__(self):
        try:
            if self.x == 0:
                raise StopIteration
            r = 100 // self.x
        except ZeroDivisionError:
            raise StopIteration
        self.x //= 2
        return r


class Broken:
    """Reads an attribute it never set."""

    def __init__(self):
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.count += 1
        if self.count > 2:
            return self.missing
        return self.count


class Helper:
    """Calls a method on `self`: kept as an ordinary instance."""

    limit = 3

    def __init__(self):
        self.k = 0

    def __iter__(self):
        return self

    def step(self):
        self.k += 1
        return self.k

    def __next__(self):
        if self.k >= self.limit:
            raise StopIteration
        return self.step()


class Big:
    """Ints past 64 bits in the attributes."""

    def __init__(self, n):
        self.v = 2**62
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        self.v *= 4
        return self.v


print(sum(Countdown(5)))
print(list(Countdown(3)), max(Countdown(4)), sorted(Countdown(3)))
for x in Countdown(10):
    if x == 7:
        break
    print("x", x)
print(list(Squares(5)), list(Squares(10, 2, step=3)), list(Squares(n=3)))
print(list(zip(Countdown(3), Squares(3))))
print(list(Halving(40)), list(Halving(0)))
print(sum(Big(3)))
print(list(Helper()))
print(any(v > 3 for v in Countdown(5)))
print([c * 2 for c in Countdown(4)])
try:
    for v in Broken():
        print("broken", v)
except AttributeError as e:
    print("AttributeError:", e)


def first_error():
    return sum(Halving("x"))


try:
    first_error()
except TypeError as e:
    print("TypeError:", e)
print(sum(Countdown(3.5)))
