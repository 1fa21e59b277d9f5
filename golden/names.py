# Python names that match the runtime's functions or the generator's temporaries stay distinct.
def truthy(x):
    return x * 2
items1 = [1, 2]
value1 = 5
print(truthy(3), [v for v in items1 if v], value1 if items1 else 0)
class Value:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Value({self.v})"
print([Value(1), Value(2)], 0 or "x")
