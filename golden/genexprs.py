# Generator expressions consumed on the spot: lazily (any/all stop early), in sum/min/max/list/sorted/join/dict/set and for loops.
xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in xs), sum(x for x in xs if x % 2), max(x for x in xs), min(-x for x in xs))
print(list(x + 1 for x in xs), sorted(x for x in xs if x > 2), ", ".join(str(x) for x in xs))
print(any(x > 8 for x in xs), all(x > 0 for x in xs), any(x > 100 for x in xs))
print(dict((str(x), x) for x in range(3)), set(x % 3 for x in xs), sum(i * j for i in range(3) for j in range(3)))


def noisy(x):
    print("check", x)
    return x > 2


print(any(noisy(x) for x in [1, 5, 7]))
for v in (x * 10 for x in range(3)):
    print("v", v)
total = 0
for w in (len(s) for s in ["ab", "cde"] if s):
    total += w
print(total)
