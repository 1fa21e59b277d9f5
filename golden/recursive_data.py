# Data that contains itself (a tree of (name, children) tuples) is typed dynamically, and
# unpacking a dynamic value works like unpacking any iterable.


def walk(tree, depth=0):
    name, children = tree
    yield "  " * depth + name
    for child in children:
        yield from walk(child, depth + 1)


t = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [])])])
for line in walk(t):
    print(line)
pair = [1, "x"]
if len(pair) > 1:
    pair = ("first", ["second"])
a, b = pair
print(a, b)
try:
    x, y = t[1]
except ValueError as e:
    print("ValueError:", e)
