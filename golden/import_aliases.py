# `import MODULE as ALIAS`.
import itertools as it
import math as m
import collections as c
import os.path as osp

print(list(it.islice(it.count(5), 3)), list(it.chain([1], [2])), m.sqrt(16), m.pi)
print(c.Counter("abca").most_common(1), osp.basename("/a/b.txt"))
print(sum(x * y for x, y in it.product(range(3), repeat=2)))
