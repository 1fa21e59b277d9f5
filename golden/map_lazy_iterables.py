# map() over several iterables stays lazy when one of them is infinite or may raise.

import itertools


def gen(n):
    for i in range(n):
        if i == 3:
            raise ValueError("gen stopped at 3")
        yield i


print(list(map(pow, [1, 2, 3], itertools.repeat(2))))
print(list(map(lambda a, b: a * b, [1, 2, 3], itertools.count(1))))
print(list(map(lambda a, b, c: a + b + c, "abc", itertools.cycle("xy"), ["1", "2", "3", "4"])))
for v in map(lambda a, b: (a, b), itertools.count(10), gen(3)):
    print(v)
try:
    print(list(map(lambda a, b: max(a, b), [5, 1, 7, 0], gen(10))))
except ValueError as e:
    print("ValueError:", e)
print(sum(map(lambda x, y: x * y, range(5), itertools.count(2))))
