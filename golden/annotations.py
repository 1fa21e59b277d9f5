# Annotations and typing imports are hints: accepted, never a reason to refuse or to fail.
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union


@dataclass
class Version:
    major: int
    minor: int = 0
    tags: str = ""


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def norm(self) -> "float":
        return (self.x ** 2 + self.y ** 2) ** 0.5


def scale(xs: List[int], k: "int" = 2) -> List[int]:
    return [x * k for x in xs]


def lookup(d: Dict[str, int], key: str) -> Optional[int]:
    return d.get(key)


def apply(f: Callable[[int], int], v: int) -> int:
    return f(v)


def first(items: Iterable[str]) -> Union[str, None]:
    for s in items:
        return s
    return None


def evens(n: int) -> Iterator[int]:
    for i in range(0, n, 2):
        yield i


def mislabeled(x: int) -> str:
    # The annotation says int; the value is a str: it still runs, as in CPython.
    return x * 2


count: int = 0
names: List[str] = ["b", "a"]
pair: Tuple[int, str] = (1, "one")
anything: Any = 3
print(scale([1, 2, 3]), scale([1], k=5), lookup({"a": 1}, "a"), lookup({}, "z"))
print(apply(lambda v: v + 1, 41), first(["x", "y"]), first([]), list(evens(7)))
print(mislabeled("ab"), Point(3.0, 4.0).norm(), pair, anything, sorted(names), count)
print(Version(1, 2), Version(0, 9, "rc"))
print(Version(2, 0) == Version(2), Version(3).tags == "")
