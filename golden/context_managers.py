# Context managers: __enter__/__exit__, suppression, return/continue through with.
class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type, exc)
        return self.suppress


with Resource("r1") as r:
    print("using", r.name)
with Resource("r2", suppress=True):
    raise ValueError("swallowed")
try:
    with Resource("r3"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))


def find(items):
    for i in items:
        with Resource(f"loop{i}"):
            if i == 2:
                return i * 10
            if i == 0:
                continue
            print("body", i)
    return -1


print(find([0, 1, 2, 3]))
