# Overrides with their own defaults and parameter names: each call binds its arguments as the
# receiver's class does.


class Animal:
    def speak(self, times=1, sep=" "):
        return sep.join(["..."] * times)

    def describe(self, prefix="animal"):
        return prefix + ": " + self.speak()


class Dog(Animal):
    def speak(self, times=2, sep="-"):
        return sep.join(["woof"] * times)


class Cat(Animal):
    def speak(self, times=3, sep="~"):
        return sep.join(["meow"] * times)

    def describe(self, prefix="cat"):
        return prefix + "! " + self.speak(1)


class Puppy(Dog):
    pass


for a in [Animal(), Dog(), Cat(), Puppy()]:
    print(a.speak(), a.speak(2), a.speak(sep="+"), a.describe(), a.describe("it"))


class Shape:
    def scale(self, factor=2):
        return factor


class Square(Shape):
    def scale(self, k=10):
        return k * 100


def log(msg):
    print("evaluating", msg)
    return msg


shapes = [Shape(), Square()]
for s in shapes:
    print(s.scale(), s.scale(log(3)))
print(shapes[0].scale(factor=5))


class Base:
    def run(self):
        return self.step()


class Walker(Base):
    def step(self, n=1):
        return "walk" * n


class Runner(Base):
    def step(self, n=2):
        return "run" * n


for b in [Walker(), Runner()]:
    print(b.run())
try:
    Base().run()
except AttributeError as e:
    print("AttributeError:", e)
for s in shapes:
    try:
        print(s.scale(factor=7))
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(s.scale(k=8))
    except TypeError as e:
        print("TypeError:", e)
