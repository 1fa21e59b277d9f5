# Generators compare and hash by identity, also inside lists, dicts and dynamic values.
def f():
    yield 1
a = f()
b = f()
print(a == a, a in [a], a is a, a == b, a in [b], a != b)
xs = [a, b]
xs.remove(b)
print(len(xs), xs.count(a), xs.index(a))
d = {a: 1}
print(d[a], b in d)
mixed = [a, 1, "x"]
print(a in mixed, mixed.index(a))
