# Class methods see the class they are called through: `cls.attr`, `cls.method()`, `cls()`.
class Base:
    rate = 1
    registry = []

    @classmethod
    def get(cls):
        return cls.rate

    @classmethod
    def set(cls, r):
        cls.rate = r

    @classmethod
    def make(cls):
        return cls()

    @classmethod
    def describe(cls):
        return cls.prefix() + str(cls.get())

    @classmethod
    def prefix(cls):
        return "B:"

    @staticmethod
    def helper(x):
        return x * 2

    def name(self):
        return type(self).__name__


class Sub(Base):
    rate = 2

    @classmethod
    def prefix(cls):
        return "S:"


print(Base.get(), Sub.get())
Sub.set(5)
Base.set(7)
print(Base.rate, Sub.rate)
print(Sub.make().name(), Base.make().name(), Base.describe(), Sub.describe())
print(Base().get(), Sub().get(), Sub().describe(), Sub().helper(4), Base.helper(1))
for obj in [Base(), Sub()]:
    print(obj.describe(), obj.get())
