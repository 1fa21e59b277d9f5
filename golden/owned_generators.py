# Generator objects held by one variable that only steps them (next, send, throw, close):
# the object is owned by the variable, and still closed where CPython drops it.


def accumulator():
    total = 0
    try:
        while True:
            value = yield total
            if value is None:
                continue
            total += value
    finally:
        print("accumulator closed at", total)


def echo(tag):
    try:
        while True:
            try:
                got = yield tag
                print(tag, "got", got)
            except ValueError as e:
                print(tag, "caught", e)
    finally:
        print(tag, "finally")


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "lift-off"


def drive(n):
    acc = accumulator()
    next(acc)
    last = 0
    for i in range(n):
        last = acc.send(i)
    print("last", last)
    # returning drops the only reference: CPython closes the generator here
    return last


print(drive(5))

e = echo("a")
print(next(e))
print(e.send(1))
print(e.throw(ValueError("bad")))
e.close()
print("after close")
e = echo("b")
print(next(e))
e = echo("c")  # the old generator is closed when the variable lets go of it
print(next(e))
print(next(e, "default"))


def steps():
    c = countdown(3)
    out = [next(c), next(c), next(c)]
    print(out, next(c, "done"))
    c = countdown(1)
    print(next(c))
    try:
        next(c)
    except StopIteration as stop:
        print("StopIteration", stop.value)


steps()


def fresh_each_time():
    for k in range(3):
        g = countdown(k + 2)
        print(k, next(g), next(g))


fresh_each_time()


def not_started():
    g = accumulator()
    try:
        g.send(5)
    except TypeError as err:
        print("TypeError:", err)
    g.close()
    print(next(g, "closed"))


not_started()
e = echo("z")
print(next(e))
