# os, os.path, tempfile, time and sys: only output that does not depend on the machine,
# the clock, the current directory or the environment.
import os
import os.path
import sys
import tempfile
import time
from os.path import join, exists, splitext
from sys import maxsize


def elapsed_ok(start: float) -> bool:
    return time.perf_counter() - start >= 0.0


started = time.time()
t0 = time.perf_counter()
m0 = time.monotonic()
ns = time.time_ns()
time.sleep(0.01)
time.sleep(0)
print(time.perf_counter() - t0 >= 0.01, time.monotonic() >= m0, time.time() >= started, time.time_ns() >= ns)
print(elapsed_ok(t0), time.perf_counter_ns() > 0, time.process_time() >= 0.0, type(time.time()).__name__)

# A scratch directory tree, printed relative to its root.
base = tempfile.mkdtemp()
print(os.path.isdir(base), os.path.isabs(base), os.path.isdir(tempfile.gettempdir()))
nested = os.path.join(base, "sub", "deeper")
os.makedirs(nested)
os.makedirs(nested, exist_ok=True)
try:
    os.makedirs(nested)
except FileExistsError:
    print("FileExistsError: already there")
os.mkdir(join(base, "other"))
target = join(nested, "data")
print(exists(target), os.path.exists(nested), os.path.isfile(nested))
os.mkdir(target)
print(sorted(os.listdir(base)), os.listdir(nested), os.path.isdir(target))
moved = join(nested, "moved")
os.rename(target, moved)
print(os.listdir(nested), exists(target), exists(moved))
try:
    os.rmdir(join(base, "sub"))
except OSError as e:
    print(type(e).__name__, str(e) == "[Errno 39] Directory not empty: " + repr(join(base, "sub")))
os.rmdir(moved)
try:
    os.rmdir(moved)
except FileNotFoundError as e:
    print("FileNotFoundError", str(e) == "[Errno 2] No such file or directory: " + repr(moved))
os.rmdir(nested)
os.rmdir(join(base, "sub"))
os.rmdir(join(base, "other"))
print(os.listdir(base))
os.rmdir(base)
print(os.path.exists(base))
kept = tempfile.mkdtemp(prefix="py2rust-", suffix=".d")
print(os.path.basename(kept).startswith("py2rust-"), kept.endswith(".d"))
os.rmdir(kept)

# Pure path functions.
path = "/home/user/docs/report.final.txt"
print(os.path.basename(path), os.path.dirname(path), splitext(path), os.path.split(path))
print(os.path.splitext(".bashrc"), os.path.splitext("archive.tar.gz")[1], os.path.basename("dir/"))
print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "/y", "z"), os.path.join("a/", "b"), join("only"))
print(os.path.normpath("a//b/../c/./d"), os.path.isabs("rel/path"), os.path.abspath("x") == join(os.getcwd(), "x"))
print(os.sep, os.name, os.curdir, os.pardir, os.pathsep, repr(os.linesep))

# The environment.
print(os.environ.get("PY2RUST_GOLDEN_UNSET"), os.environ.get("PY2RUST_GOLDEN_UNSET", "fallback"))
print(os.getenv("PY2RUST_GOLDEN_UNSET"), os.getenv("PY2RUST_GOLDEN_UNSET", "default"))
print(type(os.environ.get("PATH")).__name__, os.path.isabs(os.getcwd()), os.getpid() > 0)
print(os.environ["PATH"] == os.getenv("PATH"))
try:
    print(os.environ["PY2RUST_GOLDEN_UNSET"])
except KeyError as e:
    print("KeyError:", e)

# sys.
print(maxsize, sys.maxsize == 2**63 - 1, sys.getrecursionlimit(), sys.byteorder)
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(10000)
print(sys.get_int_max_str_digits(), len(str(10**5000)))
try:
    sys.set_int_max_str_digits(5)
except ValueError as e:
    print("ValueError:", e)
written = sys.stdout.write("written by sys.stdout.write\n")
print(written)
sys.stdout.flush()
