# Functions and methods returning generator expressions: their results iterated where they are used.
def evens(xs):
    return (x for x in xs if x % 2 == 0)


def names(recs):
    return (r["name"] for r in recs if r["age"] > 30)


print(list(evens([1, 2, 3, 4])), sum(evens(range(10))))
recs = [{"name": "a", "age": "40"}, {"name": "b", "age": "20"}]
print(list(names([{"name": "a", "age": 40}, {"name": "b", "age": 20}])))
for n in names([{"name": "c", "age": 50}]):
    print(n)


class Table:
    def __init__(self, rows):
        self.rows = rows

    def column(self, i):
        return (r[i] for r in self.rows)


t = Table([[1, "x"], [2, "y"]])
print(list(t.column(0)), "".join(t.column(1)), max(t.column(0)))
g = evens(range(7))
print(next(g), list(g), list(g))
print(list(zip(evens(range(6)), "abc")), list(enumerate(evens([4, 6]))), any(x > 2 for x in evens(range(5))))
