class P:
    def __init__(self, *cs):
        self.cs = list(cs)

    def __call__(self, x):
        return x

    def __repr__(self):
        return f"P{tuple(self.cs)}"


class Q:
    pass


p = P(1, 0, 2)
print(repr(p), tuple([1, 2]), tuple("ab"), tuple([5]), callable(p), callable(5), callable(Q()), callable(len), callable(P))
