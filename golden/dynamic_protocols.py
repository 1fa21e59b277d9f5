# Instances held in dynamic values (a function called with a list and with an object) keep
# their special methods: __iter__ (a generator, an iterator object, or iter() of a list),
# __len__, __getitem__, __contains__.
class Bag:
    def __init__(self, xs):
        self.xs = xs

    def __iter__(self):
        return iter(self.xs)

    def __len__(self):
        return len(self.xs)

    def __getitem__(self, i):
        return self.xs[i]


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Evens:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(0, self.n, 2):
            yield i

    def __contains__(self, x):
        return x % 2 == 0 and 0 <= x < self.n


def total(x):
    return sum(v for v in x)


def describe(x):
    return [v for v in x], 4 in x


print(total([5, 6]), total(Bag([7, 8])), total(Countdown(3)), total(Evens(7)))
print(describe([1, 4]), describe(Bag([4, 5])), describe(Countdown(5)), describe(Evens(9)))
things = [Bag([1, 2, 3]), [9, 8], "ab"]
print([len(t) for t in things], [t[0] for t in things])
for t in [Bag([1]), Countdown(2), Evens(3)]:
    print(list(t), max(t) if not isinstance(t, Countdown) else "-")
