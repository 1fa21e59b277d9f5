# Generators paused inside `with` blocks: the manager is kept in the state; close() exits it.
import os
import tempfile


class Tag:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type is not None)
        return False


def tagged(items):
    with Tag("outer") as t:
        for x in items:
            yield f"{t.name}:{x}"
    print("after with")


def lines(path):
    with open(path) as f:
        for line in f:
            yield line.rstrip()


for s in tagged([1, 2]):
    print(s)
g = tagged([1, 2, 3])
print(next(g))
g.close()
print("closed")

d = tempfile.mkdtemp()
p = os.path.join(d, "x.txt")
with open(p, "w") as out:
    out.write("a\nbb\nccc\n")
print(list(lines(p)))
manager = 3
input = "x"


def uses_names():
    manager = 1
    input = yield manager
    handling1 = yield input
    yield handling1


u = uses_names()
print(next(u), u.send("in"), u.send("h"))
os.remove(p)
