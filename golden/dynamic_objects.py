# User objects held in dynamic values (a `None` default, a list of mixed things): their
# methods and attributes are found at run time, overrides included.


class Node:
    kind = "node"

    def __init__(self, value, children=None):
        self.value = value
        self.children = children if children is not None else []

    def total(self, scale=1):
        return self.value * scale + sum(c.total(scale) for c in self.children)

    def describe(self):
        return f"{self.kind}({self.value})"


class Leaf(Node):
    kind = "leaf"

    def total(self, scale=1):
        return self.value * scale * 10


root = Node(1, [Node(2, [Leaf(3)]), Leaf(4)])
print(root.total(), root.total(2))
for c in root.children:
    print(c.value, c.kind, c.describe(), c.total())
mixed = [Node(5), "text", 7]
for m in mixed:
    if isinstance(m, Node):
        print("node", m.value, m.describe())
first = root.children[0]
try:
    first.total(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    first.missing()
except AttributeError as e:
    print("AttributeError:", e)
