# Subclasses overriding `__iter__` (written as generators) iterated through the base type.
class Base:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            yield i


class Squares(Base):
    def __iter__(self):
        for i in range(self.n):
            yield i * i


class Words(Base):
    def __iter__(self):
        yield "start"
        yield from ["w"] * self.n


for o in [Base(3), Squares(3), Words(2)]:
    print(list(o), [x for x in o])
    for x in o:
        print(" ", x)
print(sum(len(list(o)) for o in [Base(2), Words(1)]))
