# Python's numbers, exactly: unbounded ints, floor semantics, float repr, rounding.
print(2**100, -7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(0.1 + 0.2, 1e16, 1e15, 2.5e-07, 1.0, -0.0, 1 / 3, 10 / 4)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
big = 2**64
print(big * big, big - 1, -big, big // 3, big % 1000)
print(9223372036854775807 + 1, -9223372036854775807 - 2)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2))
print(divmod(-17, 5), divmod(17.5, 5), pow(3, 4), pow(3, 4, 5), pow(2, -1))
print(abs(-5), abs(-2.5), max(3, 9, 2), min(3.5, 2), min(4, 1.5))
print(hex(255), bin(10), oct(8), hex(-42))
print(int("42") + 1, int("-0017"), float("1.5") * 2, int(7.9), int(-7.9))
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 70, (1 << 70) >> 68, -9 >> 1)
print(True + True, 3 * 1.5, 1e300 * 1e10, 5 == 5.0, 2 ** 0.5)
x = 10
x += 5
x //= 4
x **= 3
x -= 1
print(x, str(12) + "3", float(7), bool(0), bool(2.5))

# `%` and `//` by a positive constant cannot raise: negative, 64-bit edge and big operands.
for x in [0, 1, -1, 7, -7, 2**63 - 1, -2**63, 2**64 + 5, -2**64 - 5, 10**30 + 7]:
    print(x % 1, x % 2, x % 10, x // 1, x // 2, x // 10, x % 1000000007, x // 9223372036854775807)
    y = x
    y %= 3
    y //= 4
    print(y)
print(int("ff", 16), int("0x1F", 0), int(" 101 ", 2), int("z", 36), int("-0o17", 8), int("1_000", 10))
for s, b in [("12", 1), ("12", 37), ("12", -1), ("g", 16), ("0x10", 10), ("12", 2**70)]:
    try:
        print(int(s, b))
    except ValueError as e:
        print("ValueError:", e)
