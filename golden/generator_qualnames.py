class K:
    def gen(self):
        yield 1

def outer():
    def inner():
        yield 2
    return inner()

print(repr(K().gen()).split(" at ")[0], repr(outer()).split(" at ")[0])
