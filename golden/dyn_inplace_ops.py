# In-place operators on variables that hold several types (dynamic values): a list is
# changed in place, so every alias sees it; other types compute a new value.


def lists(flag):
    x = [1] if flag else 0
    y = x
    x += [2]
    print(x, y, x is y)
    x *= 2
    print(x, y)
    x += (5, 6)
    x += "ab"
    x += (c for c in range(2))
    print(y, x is y)
    x += x
    print(len(y), x is y)
    x *= True
    print(len(y))
    x *= 0
    print(x, y, x is y)
    for bad in [5, None]:
        try:
            x += bad
        except TypeError as e:
            print("TypeError", e)
    try:
        x *= "s"
    except TypeError as e:
        print("TypeError", e)
    print(y)


def others(flag):
    s = "a" if flag else 1
    t = s
    s += "b"
    s *= 2
    print(s, t)
    tu = (1,) if flag else 0
    tv = tu
    tu += (2,)
    tu *= 2
    print(tu, tv)
    n = 4 if flag else "s"
    n += 1
    n *= 2
    print(n)


lists(True)
others(True)


def errors(flag):
    # CPython names the operator `op=` in the TypeError of an in-place operator.
    x = 1 if flag else "s"
    for op in ["+", "-", "|", "**", "//", "<<", "*", "%", "/", "&", "^", ">>"]:
        try:
            if op == "+":
                x += None
            elif op == "-":
                x -= "a"
            elif op == "|":
                x |= "a"
            elif op == "**":
                x **= "a"
            elif op == "//":
                x //= []
            elif op == "<<":
                x <<= 1.5
            elif op == "*":
                x *= {}
            elif op == "%":
                x %= None
            elif op == "/":
                x /= "q"
            elif op == "&":
                x &= 2.0
            elif op == "^":
                x ^= "z"
            else:
                x >>= None
        except TypeError as e:
            print(e)
    y = [1] if flag else 0
    try:
        y -= [1]
    except TypeError as e:
        print(e)
    try:
        y *= "s"
    except TypeError as e:
        print(e)
    s = "a" if flag else 0
    try:
        s += 1
    except TypeError as e:
        print(e)
    z = 0 if flag else "s"
    try:
        z /= 0
    except ZeroDivisionError as e:
        print(e)
errors(True)
