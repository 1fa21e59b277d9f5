# Generator functions: lazy bodies, next/send/throw/close, return values, finally blocks.


def countdown(n):
    print("countdown starts")
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def evens(xs):
    for x in xs:
        if x % 2 == 0:
            yield x * x
    print("evens done")


def running_total():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total


def guarded(name):
    try:
        for i in range(3):
            yield f"{name}{i}"
    except ValueError as e:
        print("caught", e)
        yield "recovered"
    finally:
        print(name, "cleanup")


g = countdown(3)
print("created")
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as stop:
    print("returned", stop.value)
print(next(g, "exhausted"))

f = fib()
print([next(f) for _ in range(12)])
big = fib()
for _ in range(100):
    last = next(big)
print(last)

print(list(evens([1, 2, 3, 4, 5, 6])))
print(sum(evens([10, 11, 12])))

acc = running_total()
print(next(acc), acc.send(5), acc.send(7))
try:
    acc.send(None)
except StopIteration as stop:
    print("total", stop.value)

fresh = running_total()
try:
    fresh.send(1)
except TypeError as e:
    print("TypeError:", e)

w = guarded("w")
print(next(w))
print(w.throw(ValueError("boom")))
print(next(w, "end"))

c = guarded("c")
print(next(c), next(c))
c.close()
print("closed", next(c, "nothing"))

for item in guarded("loop"):
    if item == "loop1":
        break
print("after loop")

same = countdown(1)
print(iter(same) is same)


def tracked(name):
    try:
        yield 1
    finally:
        print("finalized", name)


t = tracked("t1")
next(t)
del t
print("after del")
t = tracked("t2")
next(t)
t = None
print("after rebinding")

e = 5
e = countdown(2)
print(next(e), next(e, "x"), next(e, "x"))
