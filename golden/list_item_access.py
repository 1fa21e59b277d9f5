# Item access on lists: negative indices, CPython's IndexError messages, a list aliased with
# itself, and comparisons whose `__eq__` changes the lists being compared.


class K:
    def __init__(self, v, lst):
        self.v = v
        self.lst = lst

    def __eq__(self, other):
        self.lst.append(K(99, self.lst))
        self.lst[0] = K(-1, self.lst)
        return self.v == other.v


def rows(n):
    m = [[0.0] * n for _ in range(n)]
    for i in range(n):
        r = m[i]
        for j in range(n):
            r[j] += i * 10 + j
            r[-1 - j] += 0.5
    return m


xs = [1, 2, 3, 4]
for i in range(-3, 4):
    xs[i] += xs[i - 1]
print(xs)
ys = xs
for j in range(3, -1, -1):
    ys[j] = ys[j] * 2 + xs[-j]
print(xs, ys is xs)
print(rows(3))
for bad in (4, -5, 2 ** 70):
    try:
        print(xs[bad])
    except IndexError as e:
        print("get:", e)
    try:
        xs[bad] = 0
    except IndexError as e:
        print("set:", e)
    try:
        xs[bad] += 1
    except IndexError as e:
        print("augmented:", e)
a = []
b = []
a.append(K(1, a))
b.append(K(1, b))
print(a == b, len(a), len(b))
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [1.5] == [1.5], [[1], [2]] == [[1], [2]], [3] > [2, 9])
print(list(range(10, 0, -3)), list(range(-3, 3)), list(range(9223372036854775805, 9223372036854775807)))
total = 0
for k in range(9223372036854775806, 9223372036854775808):
    total += k
print(total, list(range(2 ** 64, 2 ** 64 + 3)), list(reversed(range(1, 10, 4))))
