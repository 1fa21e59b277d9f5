# A generator expression kept for later reads variables when it runs (late binding), and
# evaluates its first iterable at once.


def make():
    factor = 2
    g = (x * factor for x in range(3))
    factor = 10
    return list(g)


factor = 2
g = (x * factor for x in [1, 2, 3])
factor = 5
print(make(), list(g))
try:
    bad = (x for x in 5)
except TypeError as e:
    print("at creation:", e)
rows = [[1, 2, 3], [4, 5, 6]]
print(tuple(r[0] for r in rows), list(tuple(r[i] for r in rows) for i in range(3)))
gens = [(x * i for x in range(3)) for i in range(3)]
print([list(g) for g in gens])
gens = [(x * i for x in range(i + 1)) for i in range(3)]
print([list(g) for g in gens])
