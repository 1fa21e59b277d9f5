# Generator expressions with several `for` clauses stay lazy: each inner iterable is
# evaluated when it is reached, elements only when asked for.
def src(tag, n):
    print("make", tag)
    for i in range(n):
        print(" ", tag, "gives", i)
        yield i


pairs = ((x, y) for x in src("outer", 2) for y in src("inner", x + 2))
print("created")
print(next(pairs))
print(list(pairs))

limit = 3
grid = [[1, 2, 3], [4, 5], [6]]
flat = (v * limit for row in grid for v in row if v % 2 == 1)
print(sum(flat))
triples = ((a, b, c) for a in range(3) for b in range(a) for c in "xy" if (a + b) % 2 == 1)
print(list(triples))
words = {"ab": 1, "cde": 2}
print(sorted(ch for w in words for ch in w if ch != "d"))
for x, y in ((i, j) for i in range(3) for j in range(i)):
    print("loop", x, y)
    if x == 2:
        break


def check(x, y):
    print("check", x, y)
    return x * y > 2


print(any(check(x, y) for x in [1, 2, 3] for y in [1, 2, 3]))
print(all(x + y < 4 for x in src("a", 3) for y in src("b", 2)))


def divide(ns):
    return (10 // (n - m) for n in ns for m in range(3))


gen = divide([2, 5])
try:
    for v in gen:
        print("got", v)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print("after the error:", list(gen))
print(max(len(a + b) for a in ["x", "yy"] for b in ["", "zzz"]))
