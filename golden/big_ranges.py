# range objects beyond 64 bits: indexing and == without listing their items.
print(range(0) == range(5, 5), range(3, 4) == range(3, 10, 100), range(2**64)[5], range(2**64)[-1])
r = range(2**64)
print(r == range(2**64), range(10**9) == range(10**9), range(0, 10, 2) == range(0, 9, 2))
# Slices are ranges again, with CPython's start, stop and step (not normalized), at any size.
small = range(10)
print(small[::3], small[1:-1], small[::-1], small[-100:100:2], small[5:2], small[::-3], small[8:1:-2], small[:0:-1])
down = range(5, -7, -2)
print(down[1:], down[::2], down[::-1], down[-2:], list(down[::-4]))
print(r[2**63:2**63 + 3], r[::2**62], len(r[::2**62]), r[-1:], r[-5::-2**62], r[2**70:], r[:-2**70])
try:
    small[::0]
except ValueError as e:
    print(e)
