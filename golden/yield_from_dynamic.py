# `yield from` a value known only at run time: a generator gets send, throw, close and its return value.
def g():
    try:
        got = yield 1
        print("g got", got)
        yield 2
    finally:
        print("g finally")
    return "R"


def f(sub):
    if sub is not None:
        r = yield from sub
        print("got", r)
    yield "end"


print(list(f(g())))
print(list(f(None)))
print(list(f([7, 8])))
h = f(g())
print(next(h), h.send("hello"))
h.close()
k = f(g())
next(k)
try:
    k.throw(KeyError("boom"))
except KeyError as e:
    print("raised", repr(e))
