"""Generators resumed in place: `yield from` chains, `for` loops over dynamic values, typed
lists and ranges inside generators, islice consumed by a `for`, and the protocol's rules
through all of them (send, throw, close, re-entrance, PEP 479, close on drop)."""
from itertools import islice
from typing import Any, Iterator, List


def flatten(x: Any) -> Iterator[Any]:
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def squares(xs: List[int]) -> Iterator[int]:
    for x in xs:
        yield x * x


def counted(n: int) -> Iterator[int]:
    for i in range(n):
        yield i


def echo() -> Iterator[Any]:
    got: Any = None
    try:
        while True:
            got = yield got
    finally:
        print("echo closed")


def relay() -> Iterator[Any]:
    yield from echo()
    print("relay: not reached")


def guarded(tag: str) -> Iterator[int]:
    try:
        yield 1
        yield 2
    finally:
        print("finally of", tag)


def outer_guarded() -> Iterator[int]:
    yield from guarded("inner")
    yield 3


def raises_midway() -> Iterator[int]:
    yield 10
    raise ValueError("midway")


def delegates_raise() -> Iterator[int]:
    yield from raises_midway()


def leaks_stop() -> Iterator[int]:
    yield 1
    raise StopIteration


def delegates_leak() -> Iterator[int]:
    yield from leaks_stop()


def main() -> None:
    tree: Any = [1, [2, [3, [4, 5]], 6], [[7]], "s", (8, 9)]
    print(list(flatten(tree)))
    # A list that grows while a generator walks it: the items added are seen.
    grow: Any = [1, 2]
    for v in flatten(grow):
        if v < 4:
            grow.append(v + 2)
        print("grow", v)
    xs: List[int] = [1, 2, 3]
    for v in squares(xs):
        if v == 1:
            xs.append(4)
        print("square", v)
    print(list(counted(4)), list(counted(0)))
    # send and throw through a `yield from`.
    r = relay()
    print(next(r))
    print(r.send("hello"))
    print(r.send(42))
    try:
        r.throw(KeyError("boom"))
    except KeyError as e:
        print("thrown back:", e)
    # close of a delegating generator closes the one it delegates to first.
    g = outer_guarded()
    print(next(g))
    g.close()
    print("closed")
    # Dropped while paused in `yield from`: closed, its finally runs.
    h = outer_guarded()
    print(next(h))
    h = outer_guarded()
    print("replaced")
    print(list(h))
    # An exception from the sub-generator, through the delegating one.
    d = delegates_raise()
    print(next(d))
    try:
        next(d)
    except ValueError as e:
        print("caught", e)
    # PEP 479 inside the delegated generator.
    k = delegates_leak()
    print(next(k))
    try:
        next(k)
    except RuntimeError as e:
        print("RuntimeError:", e)
    # islice consumed by a `for`: the generator keeps what islice did not read.
    c = counted(10)
    for v in islice(c, 2, 8, 3):
        print("sliced", v)
    print("next after islice:", next(c))
    c2 = counted(10)
    for v in islice(c2, 5, 2):
        print("never", v)
    print("after an empty islice:", next(c2))
    for v in islice(flatten(tree), 3):
        print("first three", v)
    try:
        for v in islice(counted(3), -1):
            print(v)
    except ValueError as e:
        print("ValueError:", e)
    # Re-entrance: a generator stepping itself is refused.
    box: List[Any] = []

    def selfish() -> Iterator[int]:
        yield 1
        next(box[0])
        yield 2

    s = selfish()
    box.append(s)
    print(next(s))
    try:
        next(s)
    except ValueError as e:
        print("ValueError:", e)


main()
