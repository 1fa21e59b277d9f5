# Iterator objects made and consumed on the spot whose int attributes fit machine words:
# each is built in a machine-word version when its int arguments fit, the usual one otherwise.


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


class Up:
    """Counts from start (exclusive) to stop, yielding twice each value: may leave i64."""

    def __init__(self, start, stop):
        self.i = start
        self.stop = stop

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.stop:
            raise StopIteration
        self.i += 1
        return self.i * 2


class Stride:
    """Steps by 2 under a bound: i + 2 may pass the largest machine word."""

    def __init__(self, start, stop):
        self.i = start
        self.stop = stop

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.stop:
            raise StopIteration
        self.i += 2
        return self.i


class Down:
    """Negative steps, a local copy, and an else branch."""

    def __init__(self, n, low):
        self.n = n
        self.low = low
        self.steps = 0

    def __iter__(self):
        return self

    def __next__(self):
        x = self.n
        if x < self.low or self.steps > 100:
            raise StopIteration
        if x % 2 == 0:
            self.n = x - 3
        else:
            self.n = x - 1
        self.steps += 1
        return x


class Fib:
    """Unbounded growth: stays with ordinary ints."""

    def __init__(self, count):
        self.a, self.b = 0, 1
        self.left = count

    def __iter__(self):
        return self

    def __next__(self):
        if self.left == 0:
            raise StopIteration
        self.left -= 1
        self.a, self.b = self.b, self.a + self.b
        return self.a


class Lazy:
    """An attribute set only on some paths: reading it unset raises AttributeError."""

    def __init__(self, flag):
        if flag:
            self.v = 5
        self.k = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.k >= 2:
            raise StopIteration
        self.k += 1
        return self.v + self.k


print(sum(Countdown(10)), sum(Countdown(0)), sum(Countdown(-4)))
print(sum(Countdown(10**5)))
big = 10**20
print(list(Countdown(3)), sum(Countdown(big) for _ in range(1)) if False else "skip")
print(sum(Up(2**63 - 4, 2**63 - 1)), list(Up(-3, 1)))
print(list(Up(2**63 + 5, 2**63 + 8)))
print(list(Stride(2**63 - 4, 2**63 - 1)), list(Stride(0, 5)))
print(list(Down(20, -7)), list(Down(-(2**63) + 2, -(2**63))))
print(list(Fib(95))[-3:])
total = 0
for x in Countdown(7):
    if x == 5:
        continue
    if x == 2:
        break
    total += x
else:
    total = -1
print(total)
for x in Countdown(2):
    print("item", x)
else:
    print("loop ended")
print(max(Countdown(9)), min(Up(5, 9)), sorted(Down(10, 0)))
print([a + b for a, b in zip(Countdown(4), Up(0, 9))])
print(any(x > 3 for x in Countdown(5)), all(Countdown(3)))
try:
    print(list(Lazy(True)))
    print(list(Lazy(False)))
except AttributeError as e:
    print("AttributeError:", e)
n = 2**63 - 1
print(sum(Countdown(n - (n - 3))), sum(Up(n - 2, n)))


class Outer:
    """Another object kept in place, made in this one's `__next__`."""

    def __init__(self, n):
        self.k = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.k <= 0:
            raise StopIteration
        self.k -= 1
        return sum(Countdown(self.k))


print(list(Outer(5)), sum(Outer(10**19)) if False else sum(Outer(6)))
