# Unbounded recursion ends in RecursionError at CPython's limit, never a crashed stack.
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


print(depth(900))
print(depth(100000))
