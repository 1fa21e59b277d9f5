# Generator expressions whose items are generator expressions: each inner one reads the
# outer loop variable through one shared cell (late binding, as in CPython).
gens = ((i * n for i in range(n)) for n in range(4))
for g in gens:
    print(list(g))
print([list(g) for g in ((i * n for i in range(n)) for n in range(3))])
made = list((i * n for i in range(2)) for n in range(3))
print([list(g) for g in made])
pairs = ((x, (y for y in range(x) if y % 2 == 0)) for x in range(5))
for x, evens in pairs:
    print(x, sum(evens))
rows = [[1, 2], [3, 4, 5]]
print([list(c for c in (v * 10 for v in r)) for r in rows])
print(list(sum(v for v in r) for r in rows))
flat = (c for r in ((v + 1 for v in row) for row in rows) for c in r)
print(list(flat))
