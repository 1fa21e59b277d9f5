# printf-style formatting with a mapping: %(key)s.
print("%(a)s-%(b)d" % {"a": "x", "b": 3})
d = {"name": "Ada", "age": 36, "pi": 3.14159, "(x)": "paren"}
print("%(name)s is %(age)03d, %(pi).2f, %(name)r %((x))s %%" % d)
print("%s" % {"k": 1})
try:
    print("%(missing)s" % d)
except KeyError as e:
    print("KeyError:", e)
try:
    print("%(a)s" % ("x",))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%(a" % {"a": 1})
except ValueError as e:
    print("ValueError:", e)
