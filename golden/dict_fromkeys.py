# dict.fromkeys: every key maps to the one value.
counts = dict.fromkeys(["a", "b", "a"], 0)
print(counts)
for w in "a b a".split():
    counts[w] += 1
print(counts, dict.fromkeys("xyz"), dict.fromkeys(range(3), "v"))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)
print(dict.fromkeys(x * 2 for x in range(3)))
