# Tuples of more than 12 items (past Rust's tuple trait impls) are dynamic values.
t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
print(t, len(t), t[12], t[-1], sum(t), t == tuple(range(1, 14)))
row = ("a", 1, 2.5, "b", 2, 3.5, "c", 3, 4.5, "d", 4, 5.5, "e")
print("%s %d %.1f %s %d %.1f %s %d %.1f %s %d %.1f %s" % row)


def stats(xs):
    return (min(xs), max(xs), sum(xs), len(xs), xs[0], xs[-1], xs[1], xs[2], xs[3], xs[4], xs[5], xs[6], xs[7])


a, b, c, d, e, f, g, h, i, j, k, l, m = stats(list(range(10, 30)))
print(a, b, c, d, m)
print(set([t, t]), {t: "big"}[t])
