# Review fixes: break/continue in try inside loops, a try that cannot raise, __eq__ in containers,
# exception args without super().__init__, globals created in functions, evaluation order.
import sys
while True:
    try:
        r = int("5")
        break
    except ValueError:
        continue
print(r)
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("i", i)
    except ValueError:
        pass
x = 1
try:
    x = 2
except Exception:
    print("never")
print(x)


class Q:
    def __init__(self, x):
        self.x = x

    def __eq__(self, o):
        return self.x == o.x


q = Q(1)
qs = [q, Q(2)]
print(qs.index(q), Q(2) in qs, qs.count(Q(1)))
qs.remove(Q(2))
print(len(qs))


class E1(Exception):
    def __init__(self, a, b):
        self.a = a
        self.b = b


try:
    raise E1(1, 2)
except E1 as e:
    print(str(e), repr(e), e.args, e.a)


def make():
    global created
    created = [1]


make()
print(created)
l = [0, 0]


def g(v):
    print("g", v)
    return v


l[g(0)] = g(9)
print(l)
ll = [[]] * 2
ll[0] += [1]
print(ll)


class C:
    def __init__(self, l):
        self.l = l


y = [1]
c = C(y)
c.l += [2]
print(y)
a = [1, 2]
b = a
b *= 2
print(a)
a += [3]
print(b)
print("to stderr", file=sys.stderr)
print("to stdout", file=sys.stdout)
def no_return(v):
    print("g", v)
l = [0, 0]
try:
    l[no_return(0)] = 5
except TypeError as e:
    print("TypeError")
class Twice:
    count = 0
    count = 0
print(Twice.count)
