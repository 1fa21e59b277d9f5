"""Ints the transpiler proves fit a machine word: the same results as unbounded ints."""
from itertools import islice

MOD = 1_000_000_007


def counters():
    # Python's % and // by a positive divisor, with negative dividends.
    x = 0
    y = 0
    out = []
    for i in range(12):
        x = (x - 7) % 5
        y = (x - 10) // 3
        out.append((x, y, -x, ~y, x ^ y, x | 3, y & 6, y >> 1))
    print(out)


def wrap_around():
    # A counter kept in range by `%` (widened, then narrowed back to [0, 9]).
    x = 0
    seen = []
    for _ in range(25):
        x = (x + 1) % 10
        seen.append(x)
    print(seen)


def ranges():
    total = 0
    for i in range(0, 20, 3):
        total = (total * 7 + i) % 1000
    for j in range(10, 0, -2):
        total = (total + j) % 1000
    for k in range(5, -5, -1):
        total = (total + k * k) % 1000
    print(total)


def near_the_limits():
    big = 9223372036854775807
    small = -9223372036854775807 - 1
    print(big, small, big + 1, small - 1, -small, big * 2)
    half = 2 ** 62
    print(half + half, half * 4, (half + half) // 2)


def string_hash(text):
    h = 0
    for ch in text:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, (a + b) % MOD


def consume():
    check = 0
    g = fib()
    for _ in range(50):
        check = (check + next(g)) % MOD
    for v in islice(g, 50):
        check = (check * 3 + v) % MOD
    print(check, next(g), next(fib()))


def chained(n):
    a = n % 7
    b = n % 11
    c = n % 13
    print(a < b < c, a <= b or c < a, a == b, a != c)
    steps = 0
    k = n % 100
    while k != 1 and steps < 1000:
        k = k // 2 if k % 2 == 0 else (3 * k + 1) % 1000
        steps += 1
    print(k, steps)
    m = n % 1000
    m //= 3
    m -= 500
    m *= 2
    print(m)


counters()
wrap_around()
ranges()
near_the_limits()
print(string_hash("hello, world"), string_hash("py2rust" * 50))
consume()
for n in (97, 1234, 99999):
    chained(n)


def loops_over_any_ints(n, m):
    # `for i in range(...)` with bounds only known at run time: a machine-word loop when they
    # fit, the usual one otherwise (the same output either way).
    acc = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        if i > 50:
            break
        acc = (acc * 5 + i) % 1009
    print(acc)
    for i in range(m, m + 4):
        print(i, i % 7, -i // 5, i > 2 ** 62)
    for i in range(n, n + 10, 4):
        print(i * i)


loops_over_any_ints(100, 7)
loops_over_any_ints(10 ** 6, 2 ** 63 - 2)
loops_over_any_ints(2 ** 64, -(2 ** 63) - 1)


def literals_beyond_32_bits():
    # Constant operands are 64-bit (Rust would otherwise take untyped literals for `i32`s).
    print(1 < 9223372036854775807, 31 >> (4611686018427387904 % 3))
    print(2 ** 32 + 1 == 1, 3000000000 > 2000000000, bool(4294967296), 2 ** 40 > 5)
    k = 3
    print(31 >> k, 4294967296 >> k, (1 << 40) > k, -7 % 3, 7 // -2, -7 % -3)
    for i in range(2 ** 40, 2 ** 40 + 2):
        print(i, i > 2 ** 40)
    n = 0
    while n < 3:
        if 1 < 4294967296:
            n += 1
    x = 7
    print(n, 2 ** 33 < x < 2 ** 34, x < 2 ** 34 > 5)
    if 4294967296:
        print("truthy")


literals_beyond_32_bits()
