# map and filter over generators stay lazy; builtins and str methods as map functions; ranges
# sliced and indexed.


def noisy(tag, xs):
    for x in xs:
        print(tag, "yields", x)
        yield x


m = map(lambda x: x + 1, noisy("m", [1, 2, 3]))
print("map built")
print(next(m), list(m))
f = filter(lambda x: x % 2, noisy("f", [1, 2, 3]))
print("filter built")
print(list(f))
print(list(map(pow, [2, 3, 4], [5, 2])), list(map(str.upper, ["a", "b"])))
r = range(0, 100, 7)
print(len(r), r[3], r[-1], list(r[2:8:3]), r[::-1][:3], 7 in r, 8 in r)
print(min([], default="none"), max(noisy("x", [4, 9, 2]), default=0))
