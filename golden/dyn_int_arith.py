# Int arithmetic on variables that hold several types (dynamic values): tried on machine
# words first, with Python's results where a word does not fit or Python raises.
MOD = 1_000_000_007


def mixed(items):
    out = []
    for v in items:
        if isinstance(v, str):
            continue
        # every int operator, on one dynamic operand and literals
        out.append((v + 1, v - 3, v * 7, v // 2, v % 5))
        if not isinstance(v, float):
            out.append((v << 3, v >> 1, v & 6, v | 9, v ^ 12, (v & 5) ^ (v | 2)))
    return out


def checksum(values):
    check = 0
    for v in values:
        check = (check * 31 + v) % MOD
    return check


def edges():
    big = 2**62
    for v in [big, -big, 2**63 - 1, -(2**63), 2**64, True, False, 2.5, -7]:
        print(v * 2 + 1, v - 1, v // 3, v % 7)
    for v in [1, -1, 2**62, 0]:
        print(v << 1, v << 62, v << 63, v << 64, v >> 70)


def raises():
    for v in [10, 0, 2**70, "s", [1, 2]]:
        for d in [0, 3, -3]:
            try:
                print(v // d, v % d)
            except ZeroDivisionError as e:
                print("ZeroDivisionError", e)
            except TypeError as e:
                print("TypeError", e)
        try:
            print(v << -1)
        except ValueError as e:
            print("ValueError", e)
        except TypeError as e:
            print("TypeError", e)


def operands(a, b, n):
    # a, b dynamic; n an int parameter
    return (a * n + b) % 1000, (a - b) * (a + b), a * b * n


print(mixed([1, -1, 0, 2**62, -(2**63), True, 2.0, "skip", 10**20]))
print(checksum([1, 2, 3, 2**40, -5, True]))
print(checksum(range(1000)))
edges()
raises()
print(operands(3, 4, 5), operands(2**40, 2**40, 2**30), operands(1.5, 2, 3), operands(True, -2**63, 2))
for a, b in [([1], [2]), ("ab", "cd")]:
    try:
        print(operands(a, b, 2))
    except TypeError as e:
        print("TypeError", e)
