# `t op= yield x` and `t op= yield from sub()`: the variable is read when the value arrives.
def sub(n):
    for i in range(n):
        yield i
    return n * 10


def outer():
    total = 1
    total += yield from sub(2)
    total *= yield from sub(1)
    x = yield from sub(0)
    total -= x
    return total


g = outer()
print(list(g))
try:
    g2 = outer()
    while True:
        next(g2)
except StopIteration as stop:
    print("returned", stop.value)


def running():
    total = 0
    while True:
        total += yield total


r = running()
next(r)
print([r.send(v) for v in [3, 4, 5]])


def words():
    text = ""
    while len(text) < 6:
        text += yield text
    return text


w = words()
next(w)
w.send("ab")
w.send("cd")
try:
    w.send("ef")
except StopIteration as stop:
    print("text", stop.value)
