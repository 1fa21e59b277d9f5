class Stack(list):
    def peek(self):
        return self[-1]

    def push(self, x):
        self.append(x)
        return self


s = Stack()
s.append(1)
s.push(5)
print(s, len(s), s[0], s.peek(), isinstance(s, list), isinstance(s, Stack))
for x in s:
    print("item", x)
print(s == [1, 5], 5 in s, sum(s), sorted(s, reverse=True), list(s), bool(s), bool(Stack()))
t = Stack([3, 1, 2])
t.sort()
print(t, t.pop(), t, type(t).__name__, repr(t), f"{t}")
s.name = "stack"
print(s.name, [y * 2 for y in s])


class Registry(dict):
    def register(self, name, value):
        self[name] = value
        return value

    def names(self):
        return sorted(self.keys())


r = Registry()
r.register("b", 2)
r["a"] = 1
print(r, len(r), r["a"], r.get("z", 0), "a" in r, r.names(), isinstance(r, dict))
for k, v in r.items():
    print(k, v)
print(list(r), r == {"b": 2, "a": 1})


class Counted(list):
    def __init__(self, items, label):
        super().__init__(items)
        self.label = label

    def __repr__(self):
        return f"{self.label}:{len(self)}"


c = Counted([1, 2, 3], "nums")
c.append(4)
print(c, c.label, c[-1], str(c))
try:
    hash(s)
except TypeError as e:
    print("TypeError:", e)


def total(xs):
    n = 0
    for x in xs:
        n += x
    return n, len(xs), xs[0], isinstance(xs, list), 2 in xs


print(total(Stack([1, 2, 3])), total([4, 5]))
