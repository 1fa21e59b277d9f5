# Loops that only compute with local ints and bools also run on machine integers: results must
# not change when a value outgrows 64 bits mid-loop, when it fits again, or when a division
# by zero raises inside the loop.


def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def grows(x, rounds):
    # Outgrows i64 after a few rounds, then keeps going with big ints.
    i = 0
    while i < rounds:
        x = x * x + 1
        i += 1
    return x


def shrinks(x):
    # Starts big, becomes small again: the loop goes back to machine integers.
    count = 0
    while x > 1:
        x = x // 3
        count += 1
    return count, x


def edges():
    a = 9223372036854775807
    b = -9223372036854775808
    n = 0
    while n < 3:
        a = a + 1 - 1
        b = b - 1 + 1
        n += 1
    m = -b
    c = 0
    while c < 1:
        m = -m
        c += 1
    s = 1
    k = 0
    while k < 70:
        s = s << 1
        k += 1
    t = -7
    j = 0
    while j < 3:
        t = t >> 1
        j += 1
    return a, b, m, s, t


def signs():
    out = 0
    a = -7
    while a <= 7:
        b = -3
        while b <= 3:
            if b != 0:
                out = out * 31 + a // b + (a % b) * 1000
                out = out % 1000000007
            b += 1
        a += 1
    return out


def flags(limit):
    found = False
    i = 0
    first = -1
    while i < limit and not found:
        if i * i > 50:
            found = True
            first = i
        i += 1
    return found, first, i


def breaks_and_continues(n):
    total = 0
    i = 0
    while True:
        i += 1
        if i > n:
            break
        if i % 3 == 0:
            continue
        j = 0
        while j < i:
            j += 1
            if j == 4:
                break
            total += j ^ i
    return total, i


def written_first(n):
    # `last` and `sq` are first written inside the loop.
    i = 0
    last = -1
    while i < n:
        sq = i * i
        last = sq - i if sq > 10 else sq + i
        i += 1
    return last


def chained(lo, hi):
    count = 0
    x = lo
    while lo <= x < hi:
        if 0 < x % 7 < 3 or x % 5 == 0:
            count += 1
        x += 1
    return count


def divides(d):
    total = 0
    i = 10
    while i > 0:
        total += 100 // (i - d)
        i -= 1
    return total


for k in range(1, 8):
    v = 0
    while v < k:
        v += 2
    print(k, v, collatz(k * 27))
print(grows(3, 8))
print(grows(-2, 7))
print(shrinks(3 ** 80))
print(edges())
print(signs())
print(flags(100), flags(3))
print(breaks_and_continues(20))
print(written_first(10))
print(chained(0, 100), chained(-50, 50))
print(divides(0))
for d in (4, 3, 11):
    try:
        print(divides(d))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
