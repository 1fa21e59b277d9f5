import functools


def logged(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, sorted(kwargs.items()))
        return fn(*args, **kwargs)
    return wrapper


@logged
def area(width, height=2, *, unit="cm"):
    return f"{width * height}{unit}"


print(area(3))
print(area(3, 4))
print(area(3, height=5))
print(area(width=1, unit="m"))


def describe(name, *rest, sep="-", **extra):
    return sep.join([name, *[str(r) for r in rest]]) + " " + str(sorted(extra.items()))


f = describe
print(f("a", 1, 2, sep="+", color="red", size=3))
opts = {"sep": "/", "mode": "x"}
print(f("b", **opts))
print(f(**{"name": "c"}))

for bad in [lambda: f(), lambda: f("a", name="b"), lambda: area(1, 2, 3), lambda: area(1, colour="red"),
            lambda: f(sep="x")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)


def kwonly(a, *, b, c=3):
    return a + b + c


g = kwonly
print(g(1, b=2))
try:
    g(1)
except TypeError as e:
    print("TypeError:", e)
try:
    g(1, 2)
except TypeError as e:
    print("TypeError:", e)
