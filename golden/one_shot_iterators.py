# Iterators kept in a variable and consumed once: the pipelines stay lazy and exact.
def noisy(xs):
    for x in xs:
        print("produce", x)
        yield x


def pipelines(n):
    evens = (x for x in range(n) if x % 2 == 0)
    squared = (x * x for x in evens)
    print("sum", sum(squared))
    words = (w.upper() for w in ["a", "bb", "ccc"])
    print("sorted", sorted(words))
    lengths = (len(w) for w in ["x", "yy", "zzz"])
    print("max", max(lengths))
    big = (10 ** k for k in range(25))
    print("big sum", sum(big))
    firsts = (x for x in noisy([1, 2, 3, 4]))
    print("any", any(x > 1 for x in firsts))
    items = (i * 3 for i in range(4))
    for v in items:
        print("for", v)
    pairs = ((i, i * i) for i in range(3))
    print("list", list(pairs))
    gen = (x for x in noisy([5, 6]))
    print("tuple", tuple(gen))
    empty = (x for x in [])
    print("all", all(empty), "min default", min((y for y in []), default=-1))


def used_twice():
    # Read twice: shared, so the second pass sees an exhausted iterator.
    squares = (x * x for x in range(4))
    print(sum(squares), sum(squares))
    it = (x for x in range(3))
    print(next(it), list(it))


def consumed_in_a_loop():
    # Read inside a loop: the first pass consumes it all.
    gen = (x for x in range(3))
    for round_ in range(2):
        print(round_, list(gen))


def rebound_each_pass():
    total = 0
    for r in range(3):
        bigger = (x + r for x in range(r + 1))
        total += sum(bigger)
    print("total", total)


def failing():
    ratios = (10 // x for x in [5, 2, 0, 1])
    try:
        print(sum(ratios))
    except ZeroDivisionError as e:
        print("caught", e)


pipelines(10)
used_twice()
consumed_in_a_loop()
rebound_each_pass()
failing()
