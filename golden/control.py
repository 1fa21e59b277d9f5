# Control flow: loops with else, break and continue, chained comparisons, and/or operands.
for n in range(2, 12):
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")

i = 0
while i < 7:
    i += 1
    if i % 2:
        continue
    print("even", i)
else:
    print("while ended without break")

for k in range(10, 0, -3):
    print("countdown", k)

a, b, c = 1, 5, 3
print(a < b < 10, a < c > b, 1 <= a <= 1, b != c)
name = ""
print(name or "anonymous", 0 or 0.0, 3 and 4, None and 1)
if a > 1:
    print("big")
elif a == 1:
    print("one")
else:
    print("small")
print("yes" if b > c else "no")
total = 0
for idx, (p, q) in enumerate([(1, 2), (3, 4), (5, 6)], 1):
    total += idx * p * q
print("total", total)
