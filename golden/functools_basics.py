from functools import reduce, partial, lru_cache, wraps
import functools

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, [1, 2, 3, 4], 10))
print(functools.reduce(lambda acc, s: acc + len(s), ["ab", "cde"], 0))
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError:", e)


def power(base, exp):
    return base ** exp


square = partial(power)
cube3 = partial(power, 3)
print(cube3(2), square(5, 2))


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80))
print(fib.cache_info())

calls = []


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


for v in [1, 2, 1, 3, 2, 1]:
    sq(v)
print(calls, sq.cache_info())


@functools.lru_cache
def slow(n):
    return n + 1


print(slow(1), slow(1), slow.cache_info())


@functools.cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)


print(fact(30))


def logged(func):
    @wraps(func)
    def wrapper(*args):
        print("calling", func.__name__)
        return func(*args)

    return wrapper


@logged
def add(a, b):
    return a + b


print(add(2, 3), add.__name__)
