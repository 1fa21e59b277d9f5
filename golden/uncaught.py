# An uncaught exception: a traceback on stderr, exit code 1, stdout kept.
def divide(a, b):
    return a // b


print("before")
print(divide(7, 2))
print(divide(1, 0))
print("never printed")
