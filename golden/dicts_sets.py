# Dicts and sets: literals, comprehensions, methods, iteration order (CPython's), set operators.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], "b" in d, "z" not in d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
print(list(d.keys()), list(d.values()), sum(d.values()))
print(d.get("a"), d.get("zz"), d.get("zz", 0), d.pop("b"), d)
d.setdefault("e", 5)
d.update({"a": 100})
del d["c"]
print(d, d.copy() == d)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
squares = {x: x * x for x in range(5)}
print(squares, {k: v for k, v in squares.items() if v > 3})
s = {1, 2, 3}
s.discard(2)
s.add(34)
print(s, len(s), 3 in s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a.issubset(b), {x % 3 for x in range(10)})
print(set(), dict(), set([3, 1, 3]), dict([("x", 1), ("y", 2)]))
print({100, 5, 37, 8, -1}, set([100, 5, 37, 8, -1]), {(1, 2), (3, 4), (5, 6)})
print({5, 1, 33, 17, 100, 2**40}, {1, 2, 3})
