# The math module: CPython's exact results, ints kept exact, CPython's errors.
import math
from math import sqrt, pi, floor, gcd, isclose, inf


def hypotenuse(a: float, b: float) -> float:
    return math.sqrt(a * a + b * b)


def circle_area(r):
    return math.pi * r ** 2


print(math.sqrt(2), sqrt(16), math.sqrt(10**30), hypotenuse(3, 4))
print(pi, math.e, math.tau, inf, -math.inf, math.nan)
print(round(circle_area(2.5), 6), circle_area(1))

# Rounding to int: exact for big ints and for floats beyond 2**53.
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.trunc(-3.9), math.trunc(7))
print(math.floor(10**30), math.floor(1e20), floor(True), math.ceil(2**70 + 1))

# Logarithms, including ints past the float range.
print(math.log(100, 10), math.log(8, 2), math.log(math.e), math.log(10**400))
print(math.log2(1024), math.log10(0.001), math.log1p(1e-10), math.exp(1), math.expm1(1e-10))
print(math.exp2(10), math.cbrt(-64), math.pow(2, 0.5), math.pow(2, 10))

# Trigonometry.
print(math.sin(math.pi / 6), math.cos(math.pi / 3), math.tan(math.pi / 4))
print(math.asin(1), math.acos(0), math.atan(1), math.atan2(1, -1))
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.degrees(math.pi / 2), math.radians(45), math.hypot(3, 4), math.hypot(1, 2, 2), math.hypot())

# Integer functions.
print(gcd(12, 18), math.gcd(12, 18, 27), math.gcd(0, -5), math.gcd(), math.gcd(2**100, 6**50))
print(math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5))
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.comb(52, 5), math.comb(5, 7), math.perm(10, 3), math.perm(5), math.isqrt(99), math.isqrt(10**40 + 1))

# Floats taken apart.
print(math.fabs(-2), math.copysign(3, -0.0), math.fmod(-7, 3), math.remainder(7, 4))
print(math.modf(3.75), math.modf(-2.5), math.frexp(10.0), math.frexp(0), math.ldexp(0.625, 4))
mantissa, exponent = math.frexp(0.1)
print(mantissa, exponent)
print(math.nextafter(1.0, 2.0), math.ulp(1.0))

# Predicates and comparisons.
print(math.isinf(math.inf), math.isnan(math.nan), math.isfinite(1e308), math.isfinite(-math.inf))
print(math.isclose(0.1 + 0.2, 0.3), isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
print(math.isclose(0.0, 1e-12), math.isclose(0.0, 1e-12, abs_tol=1e-9), math.isclose(100, 101, rel_tol=0.001, abs_tol=2))

# Sums and products of lists.
tenths = [0.1] * 10
total = 0.0
for t in tenths:
    total += t
print(total, math.fsum(tenths), math.fsum([1, 2, 3]), math.fsum([1e100, 1.0, -1e100]))
print(math.prod([1, 2, 3, 4, 5]), math.prod([2**40, 2**40]), math.prod([0.5, 4.0]))

# A value whose type is only known when the program runs.
x = 16
if total > 0:
    x = 2.25
print(math.sqrt(x), math.floor(x), math.isqrt(int(x)))

for bad in [-1.0, 0.0]:
    try:
        print(math.log(bad))
    except ValueError as e:
        print("ValueError:", e)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.exp(1000)
except OverflowError as e:
    print("OverflowError:", e)
try:
    math.factorial(-3)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(2.5)
except TypeError as e:
    print("TypeError:", e)
try:
    math.floor(math.inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    math.sqrt("4")
except TypeError as e:
    print("TypeError:", e)
try:
    math.comb(-1, 2)
except ValueError as e:
    print("ValueError:", e)
