# The iterator protocol: iter()/next() on containers, StopIteration, iterator classes, exhaustion.
nums = [10, 20, 30]
it = iter(nums)
print(next(it), next(it))
for rest in it:
    print("rest", rest)
print(next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")


class Squares:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * self.i


sq = Squares(4)
print(next(sq), list(sq), list(sq), sum(Squares(3)), max(Squares(5)))
for s in Squares(2):
    print("square", s)
letters = iter("abc")
print(next(letters), list(letters))
pairs = enumerate(["x", "y"])
print(next(pairs), list(pairs))
gen = (n * 2 for n in range(3))
print(next(gen), list(gen))
