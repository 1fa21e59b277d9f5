# Exceptions: try/except/else/finally, raise (from), assert, break/continue/return through finally.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        print("bad:", e)
        return -1
    finally:
        print("parsed", s)


print(parse("12"), parse("x1"))
total = 0
for i in range(6):
    try:
        if i == 4:
            break
        if i % 2:
            continue
        total += 10 // (i - 2)
    except ZeroDivisionError:
        print("div by zero at", i)
    else:
        print("ok", i)
    finally:
        print("finally", i)
print("total", total)
try:
    try:
        raise KeyError("k")
    except (IndexError, KeyError) as err:
        print("caught", repr(err), err.args)
        raise RuntimeError("wrapped") from err
except RuntimeError as e2:
    print("outer", e2)
try:
    assert total > 100, "too small"
except AssertionError as a:
    print("assert:", a)
try:
    x = [1, 2][5]
except Exception as e3:
    print("IndexError?", e3)
def risky(n):
    if n > 2:
        raise ValueError(f"n too big: {n}")
    return n
print(risky(1))
print(risky(5))
