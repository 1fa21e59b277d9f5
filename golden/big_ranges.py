# range objects beyond 64 bits: indexing and == without listing their items.
print(range(0) == range(5, 5), range(3, 4) == range(3, 10, 100), range(2**64)[5], range(2**64)[-1])
r = range(2**64)
print(r == range(2**64), range(10**9) == range(10**9), range(0, 10, 2) == range(0, 9, 2))
