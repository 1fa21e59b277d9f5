# `d[k] op= v` on dicts of every key type: the item is read, combined, then stored back.
c = {"a": 0}
c["a"] += 1
c["a"] *= 10
d = {1: 2}
d[1] += 1
e = {("a", 1): 3}
e[("a", 1)] *= 4
s = {"s": "x"}
s["s"] += "y"
m = {"a": {"b": 1}}
m["a"]["b"] += 1
print(c, d, e, s, m)


class Tally:
    def __init__(self):
        self.d = {"x": 0}

    def bump(self):
        self.d["x"] += 1
        return self.d


print(Tally().bump())
try:
    c["missing"] += 1
except KeyError as err:
    print("KeyError:", err)
counts = {}
for w in "a b a c a".split():
    counts[w] = counts.get(w, 0) + 1
    counts[w] -= 0
print(counts)
