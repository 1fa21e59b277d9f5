# itertools: lazy iterators stored, passed on, consumed by next/list/for.
import itertools
from itertools import count, islice, chain, takewhile, dropwhile, accumulate, groupby, tee
from itertools import zip_longest, product, permutations, combinations, cycle, repeat


def firsts(n, limit):
    evens = (x for x in count() if x % 2 == 0)
    small = takewhile(lambda x: x < limit, evens)
    return list(islice(small, n))


print(firsts(3, 100), firsts(10, 7))
c = count(2**62, 2**62)
print(next(c), next(c), next(c))
f = count(0.5, 0.25)
print(next(f), next(f), next(f))
it = iter([1, 2, 3, 4, 5, 6])
print(list(islice(it, 2)), next(it), list(islice(it, 0, None, 2)))
print(list(islice("abcdefg", 1, 6, 2)), list(islice(range(10), 3, None)))
print(list(chain.from_iterable(["ab", "cd"])), list(itertools.chain(range(2), [7])))
print(list(dropwhile(lambda s: s != "c", "abcabc")))
print(list(accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(accumulate(["a", "b", "c"])), list(accumulate([5, 3, 8, 1], min)))
print(list(accumulate([1.5, 2.25])))
for a, b in zip_longest([1, 2, 3], "xy"):
    print(a, b)
print(list(permutations("abc")), list(combinations(range(5), 3))[:4])
k = 2
print(list(combinations([1, 2, 3], k)), list(product([0, 1], "ab", repeat=1)))
print(list(product(range(2), repeat=2)))
for key, grp in groupby([1, 1, 2, 2, 2, 3, 1]):
    print(key, list(grp))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
groups = groupby(words, key=lambda w: w[0])
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
t1, t2, t3 = tee(range(3), 3)
print(next(t1), list(t2), list(t1), list(t3))
print(list(islice(cycle([1, 2, 3]), 7)), list(repeat(0, 4)), list(islice(repeat("z"), 2)))
limit = 4
print(sum(takewhile(lambda x: x < limit, count(1))))
total = 0
for n in islice(count(1), 5):
    total += n
    print(n, list(takewhile(lambda x: x < n, count())))
print(total)


def bad(x):
    if x == 3:
        raise ValueError("three")
    return True


lazy = takewhile(bad, count(1))
print(next(lazy), next(lazy))
try:
    next(lazy)
except ValueError as e:
    print("raised", e)
try:
    islice([1], -1)
except ValueError as e:
    print(e)
print(next(islice(count(), 10**6, None)))
print(list(takewhile(lambda x: x < 5, map(lambda x: x * 2, [1, 2, 3]))))
