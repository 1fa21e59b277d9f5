# *args, keyword-only parameters and **kwargs; iterating dynamic values.
def total(*args, **kwargs):
    return sum(args) + sum(kwargs.values()), sorted(kwargs)


print(total(1, 2, 3, x=4, y=5), total())


def describe(name, *tags, sep=", ", **extra):
    parts = [name]
    for t in tags:
        parts.append(str(t))
    for k, v in extra.items():
        parts.append(f"{k}={v}")
    return sep.join(parts)


print(describe("a"), describe("b", 1, "two", sep="|"), describe("c", color="red", size=3))
print(len((1, 2)), [x for x in (1, "a")])
