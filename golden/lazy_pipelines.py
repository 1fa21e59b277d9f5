# Lazy pipelines: generator expressions over generators run one item at a time; range objects
# are values that can be stored, passed and iterated again.


def numbers(n):
    for i in range(n):
        print("make", i)
        yield i


def shout(x):
    print("use", x)
    return x * 10


stage = (shout(x) for x in numbers(4) if x != 2)
print("built")
print(next(stage))
for v in stage:
    print("got", v)

print(any(x > 1 for x in numbers(10)))
print(sum(x * x for x in numbers(3)))

r = range(1, 10, 2)
print(r, len(r), list(r), list(r))


def total(xs):
    t = 0
    for x in xs:
        t += x
    return t


print(total(range(5)), total(r))
evens = (n for n in range(20) if n % 2 == 0)
squares = (n * n for n in evens)
print(next(squares), list(squares))
print(min([], default="empty"), max((x for x in []), default=None), max([3, 1], default=0), min("hello", default="z"))
