# `except E as e` unbinds `e` when the handler ends (where code outside the handler can see it).


def unbound_after_handler():
    try:
        1 / 0
    except ZeroDivisionError as e:
        print("caught", e)
    try:
        print(e)
    except NameError as n:
        print("NameError:", n)


def rebound_after_handler():
    e = "before"
    for x in ["1", "a", "2"]:
        try:
            print(int(x))
        except ValueError as e:
            print("bad:", e)
    e = "after"
    return e


unbound_after_handler()
print(rebound_after_handler())
try:
    int("x")
except ValueError as parse_error:
    pass
try:
    print(parse_error)
except NameError as n:
    print("NameError:", n)
