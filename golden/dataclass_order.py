# @dataclass(order=True): fields compared in order, as tuples.
from dataclasses import dataclass


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    tag: str = ""


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, Version(2) > Version(1, 99), Version(1, 0, "a") < Version(1, 0, "b"))
versions = [Version(2, 0), Version(1, 5, "rc"), Version(1, 5)]
print([v.major for v in versions if v >= Version(1, 5, "a")])
