# Generators consumed where they are made; some cannot raise (plain items), some can.
from itertools import islice

MOD = 1_000_000_007


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, (a + b) % MOD


def squares(n):
    for i in range(n):
        yield i * i


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"


def ratios(xs):
    for x in xs:
        yield 10 // x


def guarded(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("guarded finally")


def maybe_unbound(flag):
    if flag:
        v = 1
    yield v


print(sum(squares(10)), max(squares(5)), list(squares(4)), sorted(countdown(3)))
print(list(islice(fib(), 12)))
print([x * 2 for x in countdown(4)], any(x > 8 for x in squares(4)), all(x < 5 for x in countdown(4)))
print(sum(x for x in squares(100) if x % 3 == 0), tuple(countdown(2)), set(squares(3)))
for x in fib():
    if x > 50:
        print("first above 50:", x)
        break
for i, v in enumerate(countdown(3)):
    print(i, v)
print(list(zip(squares(3), countdown(3))))
print(dict((k, k * k) for k in squares(3)))
for x in guarded(5):
    if x == 2:
        break
print("after guarded")
try:
    print(sum(ratios([5, 2, 0])))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(list(maybe_unbound(False)))
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(list(maybe_unbound(True)))
g = squares(3)
print(next(g), list(g), list(g))
