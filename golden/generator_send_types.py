"""Values a `yield` receives, typed by what `send` passes: `None` (from `next`) or that type."""


def accumulator():
    total = 0
    while True:
        value = yield total
        total += value


def inspector():
    """Reads what it is sent in several ways; `next` gives None."""
    seen = 0
    while True:
        value = yield seen
        seen += 1
        print("got", value, value is None, value is not None, value == 3, value != 3)
        if value is not None:
            print("  double", value * 2, "less than 10:", value < 10, "in range:", 0 <= value < 10)


def side(label):
    print("  evaluated", label)
    return 1


def strict():
    """Operations that raise for None, with CPython's messages."""
    while True:
        value = yield "ready"
        try:
            print("  product", value * 2)
        except TypeError as e:
            print("  TypeError:", e)
        try:
            print("  difference", 10 - value)
        except TypeError as e:
            print("  TypeError:", e)
        try:
            print("  sum", value + side("right operand"))
        except TypeError as e:
            print("  TypeError:", e)
        try:
            print("  compare", value > 2)
        except TypeError as e:
            print("  TypeError:", e)
        try:
            print("  compare", 2.5 >= value)
        except TypeError as e:
            print("  TypeError:", e)
        try:
            value += 1
            print("  incremented", value)
        except TypeError as e:
            print("  TypeError:", e)
        try:
            print("  power", value ** 2)
        except TypeError as e:
            print("  TypeError:", e)


def averager():
    total = 0.0
    count = 0
    average = 0.0
    while True:
        x = yield average
        total += x
        count += 1
        average = total / count


def echo():
    """Strings: the value is printed and concatenated (through dynamic values)."""
    reply = ""
    while True:
        word = yield reply
        if word is None:
            reply = "(nothing)"
        else:
            reply = word + "!"


def relay(inner):
    """Passes what it receives on to another generator by hand."""
    out = next(inner)
    while True:
        v = yield out
        out = inner.send(v)


def delegator():
    result = yield from accumulator()
    return result


class Counter:
    def __init__(self):
        self.total = 0

    def run(self):
        while True:
            step = yield self.total
            self.total += step


def main():
    acc = accumulator()
    print(next(acc), acc.send(5), acc.send(7), acc.send(-2))
    try:
        next(acc)
    except TypeError as e:
        print("TypeError:", e)
    try:
        acc.send(1)
    except StopIteration:
        print("finished after the error")

    fresh = accumulator()
    try:
        fresh.send(1)
    except TypeError as e:
        print("TypeError:", e)
    print(fresh.send(None), fresh.send(10))

    ins = inspector()
    next(ins)
    ins.send(3)
    ins.send(12)
    next(ins)
    ins.send(None)

    s = strict()
    next(s)
    print("sent 4:")
    s.send(4)
    print("next:")
    next(s)

    avg = averager()
    next(avg)
    for x in [1.0, 2.5, 4.0]:
        print("average", avg.send(x))
    try:
        next(avg)
    except TypeError as e:
        print("TypeError:", e)

    ec = echo()
    next(ec)
    print(ec.send("hi"), ec.send("there"), next(ec))

    r = relay(accumulator())
    next(r)
    print("relayed", r.send(3), r.send(4))
    try:
        next(r)
    except TypeError as err:
        print("TypeError:", err)

    d = delegator()
    next(d)
    print("delegated", d.send(2), d.send(40))
    try:
        d.send(None)
    except TypeError as err:
        print("TypeError:", err)

    c = Counter()
    g = c.run()
    next(g)
    print("counter", g.send(2), g.send(3), c.total)
    try:
        next(g)
    except TypeError as err:
        print("TypeError:", err)


main()
