# Protocol edges: re-entry, PEP 479, throw before start, ignored GeneratorExit, yield inside
# finally, infinite generators stopped by their consumer.


def reentrant():
    yield next(me)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)


def leaky():
    yield 1
    raise StopIteration("inner")


try:
    print(list(leaky()))
except RuntimeError as e:
    print("RuntimeError:", e)


def never_started():
    print("body ran")
    yield 1


n = never_started()
try:
    n.throw(KeyError("early"))
except KeyError as e:
    print("KeyError:", e)
print(next(n, "finished"))


def stubborn():
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            print("ignoring exit")


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def cleanup_yields():
    try:
        yield "body"
    finally:
        yield "from finally"
        print("finally done")


print(list(cleanup_yields()))
c = cleanup_yields()
print(next(c), next(c))


def naturals():
    k = 0
    while True:
        yield k
        k += 1


total = 0
for k in naturals():
    if k > 1000:
        break
    total += k
print(total)
print(any(k > 50 for k in naturals()))


def returns_early(flag):
    if flag:
        return "early"
    yield "late"


print(list(returns_early(True)), list(returns_early(False)))
try:
    next(returns_early(True))
except StopIteration as stop:
    print("value:", stop.value)


# throw() into a generator that has not started: raised where its body would begin (PEP 479
# turns a StopIteration into RuntimeError there too), and the generator is finished.
def not_yet_started():
    yield 1


unstarted = not_yet_started()
try:
    unstarted.throw(StopIteration)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
print(list(unstarted))


# A generator made only for one next() is closed as soon as the item is taken: its finally
# runs before the rest of the expression, as CPython's reference counting does it.
def closes_at_once():
    try:
        yield 1
        yield 2
    finally:
        print("closed")


print(next(closes_at_once()))
print("value", next(closes_at_once(), 0), "end")
print([next(closes_at_once()) for _ in range(2)])


# __context__: set for `raise ... from None` too (only hidden in tracebacks), and for an
# exception thrown into a generator paused inside an `except` block.
try:
    try:
        raise KeyError("k")
    except KeyError:
        raise ValueError("v") from None
except ValueError as e:
    print(repr(e.__context__), e.__cause__)


def handles():
    try:
        yield 1
    except KeyError:
        yield 2


h = handles()
next(h)
try:
    h.throw(KeyError("a"))
    h.throw(ValueError("b"))
except ValueError as e:
    print(repr(e.__context__))
