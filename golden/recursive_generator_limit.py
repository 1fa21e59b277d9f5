# A recursive generator's yield-from chain counts against the recursion limit, as in CPython.
def walk(n):
    if n > 0:
        yield from walk(n - 1)
    yield n


print(sum(walk(500)))
try:
    print(sum(walk(5000)))
except RecursionError as e:
    print("RecursionError:", e)
try:
    print(sum(walk(100000)))
except RecursionError as e:
    print("RecursionError:", e)
print(sum(walk(900)))
