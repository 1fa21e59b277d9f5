# Functions as arguments: sorted/min/max/list.sort with key= (lambdas, functions, builtins), map, filter, zip, reversed.
words = ["banana", "Apple", "cherry", "fig"]
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower(), reverse=True))
print(min(words, key=len), max(words, key=lambda w: w[-1]), min([3, 1, 2]), max(range(5)))
nums = [5, -3, 8, -1]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
print(list(map(str, nums)), list(map(lambda x: x * 2, nums)), list(filter(lambda x: x > 0, nums)))
print(sum(map(abs, nums)), list(zip(words, nums)), list(reversed(nums)), list(reversed(range(3))))
for w, n in zip(words, range(10)):
    print(w, n)
threshold = 4


def score(w):
    return len(w) * 10


print(sorted(words, key=score), [w for w in filter(lambda w: len(w) > threshold, words)])
pairs = [(1, "b"), (2, "a"), (0, "c")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), max(pairs, key=lambda p: p[0]))
