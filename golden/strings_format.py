# str methods with CPython's case rules, keyword arguments to methods, str.format, format(),
# computed f-string specs, self-documenting f-strings, ord/chr and frozenset values.


def cases():
    words = ["hello world", "ǆemal ǈub", "straße", "ΣΑΣ ΟΔΟΣ", "o'neil mc-donald", "", "123abc DEF", "ﬁnal"]
    for w in words:
        print(repr(w.capitalize()), repr(w.title()), repr(w.swapcase()))


def splitting():
    print("a,b,c".partition(","), "a,b,c".rpartition(","), "abc".partition("x"), "abc".rpartition("x"))
    head, sep, tail = "key=value=x".partition("=")
    print(head, sep, tail)
    print("a b  c ".split(None, 1), "a b  c ".rsplit(None, 1), " a b c".split(maxsplit=1))
    print("x-y-z".rsplit(sep="-", maxsplit=1), "a-b-c".split("-", -1), "a-b-c".split("-", 0), "a-b-c".rsplit("-"))
    print("1\n2\r\n3".splitlines(True), "1\n2".splitlines(keepends=False), "aaaa".replace("a", "b", 2))
    n = 2
    print("x.y.z".split(".", n), "x.y.z".rsplit(".", maxsplit=n - 1), "ab".join("xyz"))


def formatting():
    print("{} and {}".format("x", 1), "{0}{1}{0}".format("a", "b"), "{a}-{b}".format(a=1, b=[2]))
    print("{0[1]} {1[k]}".format([5, 6], {"k": "v"}), "{:>8.3f}|{:<6}|{:^7}|{!r}|{!s:>5}|{{}}".format(3.14159, "ab", "mid", "q", 1))
    print("{:{}}|{:{w}.{p}f}".format(42, 5, 2.5, w=8, p=2))
    template = "{name} is {age} years"
    print(template.format(name="Ada", age=36), template.format(age=1, name="X"))
    for bad in ["{} {}", "{0} {}", "{} {0}", "{", "}", "{0", "{x}", "{!}", "{0!x}", "{0[}", "{0:d}"]:
        try:
            print(bad.format("é"))
        except (ValueError, IndexError, KeyError) as e:
            print(repr(bad), type(e).__name__, e)
    print(format(3.14159, ".2f"), format(42, "05d"), format("ab", ">5"), format(True, "d"), format(12), format([1, 2]))
    try:
        format([1], ">3")
    except TypeError as e:
        print("TypeError:", e)
    print(ord("A"), ord("é"), chr(97), chr(0x20AC), [chr(c) for c in range(65, 70)])
    try:
        ord("ab")
    except TypeError as e:
        print("TypeError:", e)


def fstrings():
    x, width, prec, name = 1234.5678, 12, 3, "py"
    print(f"{x:>{width}.{prec}f}|{x=}|{name=}|{x * 2=:.1f}|{'nested ' + name!r}|{name!r:^{width}}|")
    print(f"{width=}, {prec = }, {[1, 2]=}, {None=}, {x:{'>' if width > 5 else '<'}{width}}|")
    items = [1, "a", None]
    print(f"{items:}|{items!s}|{len(items):03}")


def searching():
    s = "hello world, hello"
    print(s.find("o", 5), s.find("o", 5, 7), s.rfind("hello", 0, 10), s.count("l", 3), s.count("", 2, 5), s.count("", 20))
    print(s.find("", 18), s.find("", 19), s.startswith("world", 6), s.endswith("world", 0, 11), s.startswith("", 19))
    print(s.index("l", -5), s.rindex("l", None, -3), s.find("h", -100, None), "abc".endswith("c", -1))
    exts = (".csv", ".tsv")
    print("report.csv".endswith(exts), "report.csv".startswith(("rep", "x"), 0, 3), "a".endswith(()))
    print([f for f in ["a.py", "b.txt", "c.rs"] if f.endswith((".py", ".rs"))])
    print("prefix-body".removeprefix("prefix-"), "body.py".removesuffix(".py"), "Title Case".istitle(), "not Title".istitle())
    print(repr("a\tbc\td\n\tx".expandtabs()), repr("a\tb".expandtabs(4)), "ab\x07".isprintable(), "é".isascii())
    text = "héllo €𝄞"
    print(ascii(text), ascii([text, 1]), f"{text!a}", "{!a:>30}".format(text))
    try:
        s.index("zz", 2)
    except ValueError as e:
        print("ValueError:", e)


def frozensets():
    fs = frozenset([3, 1, 2])
    print(frozenset(), fs, len(fs), 2 in fs, 5 in fs, fs == frozenset({1, 2, 3}), fs == {1, 2, 3}, sorted(fs))
    print({1: "a", "k": [1.0, None, True], (1, 2): {"x": ()}, None: frozenset()})
    d = {frozenset([1, 2]): "pair"}
    print(d[frozenset([2, 1])], hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
    print(fs | {9}, fs & {1, 2}, fs - {1}, {1, 5} | fs)


cases()
splitting()
formatting()
fstrings()
searching()
frozensets()
