calls = []


def logged(fn):
    def wrapper(*args):
        calls.append(fn.__name__)
        print("calling", fn.__name__, args)
        result = fn(*args)
        print("result", result)
        return result
    return wrapper


def twice(fn):
    def run(x):
        return fn(fn(x))
    return run


@logged
def add(a, b=10):
    return a + b


@twice
def inc(x):
    return x + 1


@logged
@twice
def half(x):
    return x // 2


print(add(1, 2), add(5))
print(inc(5), half(100))
print(calls)
counter = {"n": 0}


def count_calls(fn):
    def inner(x):
        counter["n"] = counter["n"] + 1
        return fn(x)
    return inner


@count_calls
def square(x):
    return x * x


print([square(i) for i in range(4)], counter)
