# Where one variable really holds several types, the dynamic value type takes over, exactly.
x = 1
print(x)
x = "now a string"
print(x)
x = 2.5
print(x * 2)
values = [1, "two", 3.0, None, True]
print(values)
print(0 or [] or "last", min(3.5, 2), max(1, 2.0))
mixed = [1, [2, [3, 4]], 5]
print(mixed)
