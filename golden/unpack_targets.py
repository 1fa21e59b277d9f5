# Loop and comprehension targets unpacked at run time: lists, strings, and their errors.
kv = ["a=1", "b=2", "c=3"]
fields = {k: v for k, v in (p.split("=", 1) for p in kv)}
print(fields)
for k, v in (p.split("=") for p in kv):
    print(k, v)
print([a + b for a, b in ["xy", "zw"]])
print(list((b, a) for a, b in [[1, 2], [3, 4]]))
print(sum(a * b for a, b in [[1, 2], [3, 4]]))
print({x: y for x, (y, z) in [(1, [2, 3]), (4, [5, 6])]})
for i, (a, b) in enumerate(["ab", "cd"]):
    print(i, a, b)


def pairs(lines):
    for line in lines:
        yield line.split(",")


print([int(x) + int(y) for x, y in pairs(["1,2", "3,4"])])
try:
    print([a for a, b in [[1, 2], [3, 4, 5]]])
except ValueError as e:
    print("ValueError:", e)
try:
    print(list(a for a, b in ["ab", "c"]))
except ValueError as e:
    print("ValueError:", e)
try:
    for a, b in (x.split() for x in ["p q", "r"]):
        print(a, b)
except ValueError as e:
    print("ValueError:", e)
