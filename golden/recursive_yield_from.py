"""Recursive generators delegating to themselves (`yield from f(...)`): the protocol through
every level of the chain, as CPython runs it."""
import sys


def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def walk(depth, log):
    # Each level has a `finally`: closing the outermost closes the innermost first.
    try:
        if depth > 0:
            got = yield from walk(depth - 1, log)
            log.append(("back", depth, got))
        yield depth
        yield -depth
    finally:
        log.append(("finally", depth))


def echo(depth):
    # Values sent go to the innermost level; exceptions thrown in are raised there first.
    if depth > 0:
        try:
            yield from echo(depth - 1)
        except KeyError as e:
            print("level", depth, "caught", repr(e))
            yield "recovered at %d" % depth
    received = yield "ready %d" % depth
    while received is not None:
        received = yield "%d got %s" % (depth, received)


def failing(depth):
    if depth == 0:
        yield "bottom"
        raise ValueError("deep down")
    yield from failing(depth - 1)


def stops(depth):
    if depth == 0:
        yield 1
        raise StopIteration("inside")
    yield from stops(depth - 1)


def stubborn(depth):
    if depth == 0:
        try:
            yield "stubborn"
        except GeneratorExit:
            yield "still here"
        return
    try:
        yield from stubborn(depth - 1)
    except RuntimeError as e:
        print("level", depth, "saw", e)
        raise


tree = [1, [2, [3, [4, [5]]], 6], [[[[7]]]], [], 8]
print(list(flatten(tree)))
print(sum(flatten([list(range(i)) for i in range(30)])))

log = []
g = walk(3, log)
print(next(g), next(g), next(g))
g.close()
print(log)

log = []
print(list(walk(2, log)))
print(log)

log = []
for v in walk(4, log):
    if v == 0:
        break
del v
print("after break", log)

e = echo(3)
print(next(e))
print(e.send("a"), e.send("b"))
print(e.throw(KeyError("k")))
print(next(e))
print(e.send("c"))

f = failing(5)
print(next(f))
try:
    next(f)
except ValueError as err:
    print("ValueError", err)

try:
    print(list(stops(3)))
except RuntimeError as err:
    print("RuntimeError:", err, "| cause:", repr(err.__cause__))

s = stubborn(2)
print(next(s))
try:
    s.close()
except RuntimeError as err:
    print("close:", err)

deep = list(range(600))
nested = []
for x in reversed(deep):
    nested = [x, nested]
print(sum(flatten(nested)))
print(sys.getrecursionlimit() > 600)
