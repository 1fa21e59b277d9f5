# User exception classes: hierarchy, __init__ with super().__init__, attributes, raise from.
class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no such key: {key}")
        self.key = key


def lookup(k):
    if k != "a":
        raise NotFound(k)
    return 1


for key in ["a", "zz"]:
    try:
        v = lookup(key)
    except NotFound as e:
        print("not found:", e, e.key, e.args, type(e).__name__, isinstance(e, AppError))
    except AppError:
        print("never")
    else:
        print("found", v)
    finally:
        print("finally", key)


def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError(f"cannot convert {s!r}") from e


try:
    convert("abc")
except AppError as e:
    print(e, repr(e))
raise NotFound("last")
