# `yield from`: delegation of values, send() and throw(), return values, recursion.


def inner(tag):
    got = yield f"{tag} ready"
    while got is not None:
        got = yield f"{tag} got {got}"
    return f"{tag} finished"


def outer():
    first = yield from inner("a")
    print("first:", first)
    second = yield from inner("b")
    print("second:", second)
    return [first, second]


def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def chained():
    yield from [1, 2]
    yield from "xy"
    yield 3


def depth(n):
    if n == 0:
        yield "bottom"
        return 0
    got = yield from depth(n - 1)
    yield f"level {n} saw {got}"
    return got + 1


o = outer()
print(next(o))
print(o.send(1))
print(o.send(None))
print(o.send(2))
try:
    o.send(None)
except StopIteration as stop:
    print("outer returned", stop.value)

print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
print(list(chained()))
print(list(depth(3)))


def worker():
    try:
        while True:
            try:
                x = yield
                print("work", x)
            except KeyError as e:
                print("worker handles", e)
    finally:
        print("worker stops")


def manager():
    yield from worker()


m = manager()
next(m)
m.send("one")
m.throw(KeyError("k"))
m.send("two")
m.close()
print("done")
