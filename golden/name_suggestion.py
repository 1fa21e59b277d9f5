# An uncaught NameError: CPython 3.11 suggests the closest name on the last line.
from math import sqrt


def helper(total):
    return total * 2


print(helper(2), sqrt(4.0))
print(helpr(3))
