# Lists (shared by reference), tuples, comprehensions, f-strings.
xs = [3, 1, 4, 1, 5]
ys = xs
ys.append(9)
print(xs, len(xs), xs[0], xs[-1])
xs[1] = 10
print(ys)
squares = [x * x for x in xs if x % 2 == 1]
print(squares, [[i, j] for i in range(3) for j in range(i)])
pairs = [(i, str(i)) for i in range(3)]
print(pairs, pairs[1][1])
words = ["alpha", "beta", "gamma"]
for i, w in enumerate(words):
    print(f"{i:>3}: {w:<6}|{len(w):03d} {w!r}")
pi = 3.14159265
print(f"{pi:.2f} {pi:10.3f} {1234567:,} {0.5:.0%} {255:#x} {-7:+d}")
t = (1, "two", 3.0)
print(t, (1,), ())
first, second, third = t
print(first, second, third)
empty = []
print(empty, bool(empty), [] + [1], [0] * 3)
print(1 in xs, 7 in xs, "lp" in "alpha")
