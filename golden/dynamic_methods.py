# Method calls on values of several types, dispatched at run time.


def describe(v):
    if isinstance(v, str):
        return "str " + v.strip().title()
    if isinstance(v, list):
        return "list of " + str(len(v))
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    return "other"


def main():
    x = 1
    print(describe(x))
    x = "  now a string  "
    print(x.upper(), x.split(), x.strip().split(" "))
    print(x.lstrip(), x.rstrip() + "|", x.strip(" gn"))
    print(x.replace("a", "A"), x.find("string"), x.count(" "))
    print(x.strip().startswith("now"), x.endswith(("x", "  ")), x.isdigit())
    print("-".join(x.split()), x.strip().capitalize(), x.strip().split(" ", 1))
    print(describe(x), describe(True), describe(2.5))

    items = [1, "a", [2, 3], "b c"]
    for it in items:
        if isinstance(it, list):
            it.append(4)
            it.extend([5, 6])
            it.insert(0, 0)
            print(it.pop(), it.pop(0), it.index(4), it.count(2))
            it.reverse()
            print(it, it.copy())
        elif isinstance(it, str):
            print(it.upper(), it.split(), describe(it))
        else:
            print("int", it)
    print(items)

    mixed = [3, "x"]
    mixed = "abc"
    print(mixed.upper())
    mixed = [3, 1, 2]
    mixed.sort()
    print(mixed)
    mixed.remove(2)
    mixed.clear()
    print(mixed)

    y = 5
    y = "s"
    y = 7
    try:
        y.upper()
    except AttributeError as e:
        print("AttributeError:", e)
    z = "word"
    z = [1]
    try:
        z.upper()
    except AttributeError as e:
        print("AttributeError:", e)
    z = "word"
    try:
        z.upper(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        z.find(3)
    except TypeError as e:
        print("TypeError:", e)
    z = [1, 2]
    try:
        z.remove(9)
    except ValueError as e:
        print("ValueError:", e)
    try:
        z.index("q")
    except ValueError as e:
        print("ValueError:", e)
    z = []
    try:
        z.pop()
    except IndexError as e:
        print("IndexError:", e)
    t = "x"
    t = (1, 2, 1)
    print(t.count(1), t.index(2))

    dicts_and_sets()


def dicts_and_sets():
    d = "not yet"
    d = {"a": 1, "b": 2}
    print(d.get("a"), d.get("zz"), d.get(3, "dflt"), d.setdefault("c", 3), d.setdefault("a", 9))
    print(d.pop("b"), d.pop("nope", -1), d)
    d.update({"e": 5})
    print(d, d.copy())
    try:
        d.pop("nope")
    except KeyError as e:
        print("KeyError:", e)
    d.clear()
    print(d)
    s = 1
    s = {1, 2}
    s.add(3)
    s.discard(1)
    s.discard("x")
    s.remove(2)
    print(s, s.copy(), s.pop(), s)
    try:
        s.remove(7)
    except KeyError as e:
        print("KeyError:", e)
    try:
        s.add([1])
    except TypeError as e:
        print("TypeError:", e)


main()
