class Holder:
    def __init__(self):
        self.count = 0
        self.gen = None


def watcher(h):
    try:
        yield 1
    finally:
        print("finally sees count", h.count)


h = Holder()
h.count = 5
h.gen = watcher(h)
next(h.gen)
h.gen = None
print("done")
