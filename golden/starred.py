# Starred: print(*xs), a, *rest = seq (with CPython's ValueError).
import sys
xs = [1, 2, 3, 4]
print(*xs)
print("items:", *xs, sep=", ")
print(*"abc", file=sys.stdout)
first, *rest = xs
*init, last = xs
a, *mid, b = "hello"
print(first, rest, init, last, a, mid, b)
try:
    p, *q, r = [1]
except ValueError as e:
    print(e)
