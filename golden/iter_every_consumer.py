# Every iterable feeds every consumer: iterator classes, generators, stored iterators.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return CountdownIter(self.n)


class CountdownIter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


def letters():
    for c in "abc":
        print("yield", c)
        yield c


c = Countdown(3)
for i, v in enumerate(c, start=10):
    print(i, v)
print(list(zip(c, letters())))
print(list(zip(letters(), c, [7, 8])))
first, *others = c
x, y, z = c
print(first, others, x, y, z, 2 in c, 5 in c)
try:
    p, q = c
except ValueError as err:
    print("ValueError:", err)
print([*c, *range(2), *"hi"])
it = iter([1, 2, 3, 4, 5])
print(list(zip(it, "xy")), next(it))
calls = [0]


def tick():
    calls[0] += 1
    return calls[0]


print(list(iter(tick, 4)), calls)
for bad in (lambda: iter(3), lambda: next("s"), lambda: list(None), lambda: [n for n in 2.5]):
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
words = ["ab", "cde"]
print(words[:1] + words[1:], (1, 2, 3)[1:])
