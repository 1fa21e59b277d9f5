# Suspended generators are closed when their last reference goes: a loop variable keeps its
# last item alive after the loop, and variables are cleared in order of first binding.

def reader(name):
    print("open", name)
    try:
        n = 0
        while True:
            n += 1
            yield f"{name}:{n}"
    finally:
        print("closing", name)

def first_n(g, n):
    out = []
    for x in g:
        out.append(x)
        if len(out) == n:
            break
    return out

print(first_n(reader("a"), 2))
gens = [reader(c) for c in "xyz"]
for g in gens:
    next(g)
gens.pop()
print("popped")
gens[0] = None
print("replaced")
keep = reader("global")
print(next(keep))
def f():
    local = reader("local")
    next(local)
    return "f done"
print(f())
r = reader("rebind")
next(r)
r = reader("rebind2")
print("rebound")
# A generator made for one expression is closed as soon as that is done with it.
print("r:1" in reader("r"), any(reader("any")), next(reader("next")))
print("end of script")
