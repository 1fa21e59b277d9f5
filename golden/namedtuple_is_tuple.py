# A namedtuple is a tuple: equality, hashing, ordering, concatenation and slicing with tuples.
from collections import namedtuple

P = namedtuple("P", "x y")
Q = namedtuple("Q", ["a", "b"])
p = P(3, 4)
print(p == (3, 4), (3, 4) == p, p != (3, 4), p == P(3, 4), p == Q(3, 4), p == (3, 5))
print(p[0], tuple(p), hash(p) == hash((3, 4)))
d = {(3, 4): "found"}
print(d.get(p), p in [(3, 4)], (3, 4) in [p], p in {(3, 4)})
print(p < (3, 5), (3, 5) > p, p <= P(3, 4), sorted([P(2, 1), (1, 9), P(1, 2)]))
print(p + (9,), (0,) + p, p[1:], p[::-1], len(p))
x, y = p
print(x, y, max(p), list(p), p._asdict())
