# Text files: open for writing, appending and reading, with-statements, line iteration, next().
import os
import tempfile

folder = tempfile.mkdtemp()
path = os.path.join(folder, "notes.txt")
with open(path, "w") as f:
    n = f.write("first\n")
    f.write("second\n")
print(n)
with open(path, "a") as f:
    f.write("third")
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), f.readlines())
f = open(path)
print(next(f).strip(), [line.upper() for line in f])
f.close()
print(sum(len(line) for line in open(path)), os.path.exists(path))
try:
    open(os.path.join(folder, "missing.txt"))
except FileNotFoundError as e:
    print("missing:", type(e).__name__)
os.remove(path)
os.rmdir(folder)
print(os.path.exists(folder))
