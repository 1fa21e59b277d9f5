# Generator expressions kept in variables read variables bound once: they keep their own copies.
def scaled(xs, k):
    m = k * 2
    g = (x * m for x in xs if x > k)
    return list(g)


def pipeline(n):
    limit = n // 2
    evens = (x for x in range(n) if x % 2 == 0)
    small = (x * 10 for x in evens if x < limit)
    return sum(small)


print(scaled([1, 2, 3, 4], 2), pipeline(20))
