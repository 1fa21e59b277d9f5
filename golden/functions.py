# Functions: defaults, keywords, recursion, lambdas bound to names, globals, the main idiom.
import sys

LIMIT = 5


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def describe(n):
    if n < 0:
        return "negative"
    if n == 0:
        return "zero"
    return "positive"


def count_up():
    total = 0
    for i in range(LIMIT):
        total += i
    return total


square = lambda x: x * x


def main():
    print([fib(i) for i in range(15)])
    print(fib(20), fib_iter(90), fib_iter(100))
    print(greet("Ada"), greet("Bob", "Hi"), greet("Cy", punct="?"))
    print(describe(-3), describe(0), describe(8))
    print(count_up(), square(12), square(1.5))
    print(len(sys.argv), sys.argv[0].endswith(".py"))


if __name__ == "__main__":
    main()
