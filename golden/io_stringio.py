import io
import os
import sys
from io import StringIO

buf = io.StringIO()
buf.write("hello ")
buf.write("world\n")
print("x", 1, file=buf)
print(buf.getvalue(), end="")
r = StringIO("a\nb\nc\n")
print(repr(r.readline()))
for line in r:
    print(line.strip())
r2 = StringIO("xyz")
print(r2.read())
print("NO_SUCH_VAR_X" in os.environ, "NO_SUCH_VAR_X" not in os.environ)
print(os.environ.get("NO_SUCH_VAR_X", "dflt"))
try:
    print(str(10 ** 5000))
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(6000)
print(len(str(10 ** 5000)))
from collections import namedtuple

Card = namedtuple("Card", "rank suit")
c = Card("Q", "hearts")
print(c._replace(suit="spades"), c)
out = io.StringIO()
for i in range(3):
    print(i, i * i, sep=":", end=";", file=out)
print(out.getvalue())
