# str and list methods, slicing (read, assign, delete), del.
s = "  Hello, World  "
t = s.strip()
print(t.upper(), t.lower(), t.split(","), t.split(), "a-b-c".split("-"), "x".join(["1", "2", "3"]))
print(t.replace("l", "L"), t.find("o"), t.rfind("o"), t.count("l"), t.startswith("He"), t.endswith("x"))
print("42".isdigit(), "abc".isalpha(), "  ".isspace(), "ab".center(6, "*"), "7".zfill(3), "ab".ljust(4) + "|")
print(" line1\nline2 ".splitlines(), "  x ".lstrip(), "  x ".rstrip() + "|", "xxhixx".strip("x"))
xs = [5, 3, 8]
xs.insert(0, 1)
xs.extend([9, 2])
print(xs, xs.pop(), xs.pop(0), xs, xs.index(8), xs.count(3))
xs.remove(3)
xs.reverse()
ys = xs.copy()
ys.append(100)
xs.sort()
print(xs, ys, len(ys))
words = ["b", "a", "c"]
words.sort()
print(" ".join(words))
ys.clear()
print(ys)
a = [0, 1, 2, 3, 4, 5, 6, 7]
print(a[2:5], a[:3], a[5:], a[::2], a[::-1], a[-3:], a[1:-1:3], a[10:], a[:])
s = "hello world"
print(s[:5], s[6:], s[::-1], s[-5:], s[::3])
b = a[:]
b.append(99)
print(a, b)
a[1:3] = [10, 20, 30]
print(a)
del a[0]
del a[::2]
print(a)
x = a[2]
del a[-1]
print(a, x)
n = 42
print(("%05d" % n).upper(), "%s-%s" % ("a", 1), "%.2f%%" % 12.345)
label = "%d items" % 3
print(label.title())
