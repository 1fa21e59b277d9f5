def make_adder(n):
    def add(x):
        return x + n
    return add


def make_acc():
    total = 0
    items = []

    def acc(x):
        nonlocal total
        total += x
        items.append(x)
        return total

    def report():
        return f"{total} from {items}"

    return acc, report


add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(2)(3))
acc, report = make_acc()
acc(3)
acc(4)
print(report())
ops = {"double": lambda x: x * 2, "square": lambda x: x * x, "neg": lambda x: -x}
for name in ["double", "square", "neg"]:
    print(name, ops[name](7))
funcs = [make_adder(i) for i in range(3)]
print([f(100) for f in funcs])


def outer():
    x = 1

    def show():
        return x

    x = 2
    r1 = show()
    x = 3
    return r1, show()


print(outer())


def countdown(n):
    def step(k):
        if k == 0:
            return ["liftoff"]
        return [k] + step(k - 1)
    return step(n)


print(countdown(3))


def nest():
    a = 1

    def mid():
        def inner():
            nonlocal a
            a += 10
            return a
        return inner

    f = mid()
    f()
    f()
    return a


print(nest())
print(add5.__name__, (lambda: 0).__name__)
try:
    add5(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    add5()
except TypeError as e:
    print("TypeError:", e)


def late():
    def g():
        return y
    try:
        g()
    except NameError as e:
        print("NameError:", e)
    y = 5
    return g()


print(late())
print(list(map(lambda a, b: a + b, "abc", "xyz")))
rows = [(1, "a"), (2, "b"), (3, "c")]
nums, letters = list(zip(*rows))
print(nums, letters)


def apply_all(fs, v):
    return [f(v) for f in fs]


print(apply_all([abs, str, make_adder(1)], -3))
