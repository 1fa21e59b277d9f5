# Consumers take a generator's items one at a time: what each item's processing prints comes
# before the next item is made, as in CPython.
import itertools


def gen(n=3):
    for i in range(n):
        print("gen", i)
        yield i


def loud(tag, x):
    print(tag, x)
    return x


r = [loud("list", x) for x in gen()]
print({x: loud("dict", x) for x in gen()})
print({loud("set", x) for x in gen()})
print([(i, loud("enum", x)) for i, x in enumerate(gen())])
print([a + b for a, b in zip(gen(), gen())])
print([x * y for x in gen(2) for y in gen(2)])
print(max(gen(), key=lambda x: loud("maxkey", x)))
print(min(gen(), key=lambda x: loud("minkey", -x)))
print(max((loud("elt", x) for x in gen()), default=-1))
print(min(gen(0), default="empty"))
print(sum(loud("sum", x) for x in gen()))
print(any(loud("any", x) > 0 for x in gen()))
print(all(loud("all", x) < 1 for x in gen()))
print(2 in gen())
print("-".join(str(loud("join", x)) for x in gen()))
print(sorted(gen(), key=lambda x: loud("sortkey", -x)))
print([(k, len(list(g))) for k, g in itertools.groupby("aaabcc")])
print({k: list(g) for k, g in itertools.groupby([1, 1, 2, 3, 3])})


def failing():
    yield 1
    print("about to fail")
    raise ValueError("boom")


try:
    print([loud("before", x) for x in failing()])
except ValueError as e:
    print("ValueError:", e)
try:
    print(max(failing(), key=lambda x: loud("key", x)))
except ValueError as e:
    print("ValueError:", e)
try:
    print(min(x for x in []))
except ValueError as e:
    print("ValueError:", e)
