from collections import deque, defaultdict, Counter, namedtuple
import collections

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d))
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.rotate(2)
print(d)
d.rotate(-1)
print(d, d[0], d[-1], 3 in d)
for x in d:
    print(x, end=" ")
print()
q = deque(maxlen=3)
for i in range(5):
    q.append(i)
print(q, q.maxlen, list(q))
e = collections.deque()
print(e, bool(e), bool(d))
try:
    e.pop()
except IndexError as ex:
    print("IndexError:", ex)

g = defaultdict(list)
for w in ["apple", "avocado", "banana", "cherry", "blueberry"]:
    g[w[0]].append(w)
print(g)
print(dict(g), len(g), "a" in g, "z" in g)
cnt = defaultdict(int)
for ch in "mississippi":
    cnt[ch] += 1
print(cnt)
s = defaultdict(set)
s["x"].add(1)
s["x"].add(1)
print(s)
lam = defaultdict(lambda: "n/a")
print(lam["q"], len(lam))

c = Counter("abracadabra")
print(c)
print(c.most_common(2), c["a"], c["z"])
c.update("aaz")
print(c)
c2 = Counter(["x", "y", "x"])
print(c + c2)
print(Counter())
for k, v in c2.items():
    print(k, v)

Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1])
a, b = p
print(a, b, len(p))
P3 = namedtuple("P3", "x y z")
print(P3(1, 2, 3), P3._fields)
print(p._asdict())
print(p == Point(1, 2))
