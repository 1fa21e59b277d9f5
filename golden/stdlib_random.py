# The random module, seeded: CPython's Mersenne Twister, bit for bit.
import random
from random import randint, choice, shuffle


def roll_dice(n: int) -> list[int]:
    return [random.randint(1, 6) for _ in range(n)]


def deal(deck: list[str], hand: int) -> list[str]:
    shuffle(deck)
    return deck[:hand]


random.seed(2024)
print(random.random(), random.random())
print(roll_dice(12))
print(random.randrange(10), random.randrange(5, 50), random.randrange(100, 0, -7), random.randrange(10**30))
print(random.getrandbits(8), random.getrandbits(100), random.randint(-10**20, 10**20))
print(random.uniform(1, 5), random.uniform(2.5, -1.0))

suits = ["S", "H", "D", "C"]
deck = []
for s in suits:
    for r in ["A", "K", "Q", "J", "10"]:
        deck.append(r + s)
print(deal(deck, 5))
print(len(deck), deck[-3:])

numbers = list(range(1, 11))
random.shuffle(numbers)
print(numbers)
print(choice(numbers), random.choice("abcdefg"), random.choice(["red", "green", "blue"]), random.choice((1.5, 2.5, 3.5)))
print(random.sample(numbers, 4), random.sample("population", 3), random.sample(numbers, k=2))
print(random.choices(numbers, k=5), random.choices(["a", "b"], [1, 9], k=6), random.choices(numbers))
print(random.choices(["x", "y", "z"], cum_weights=[1, 2, 10], k=6), random.choices([1, 2, 3], weights=[0.2, 0.5, 0.3], k=4))
print(random.gauss(0, 1), random.normalvariate(10, 2), random.lognormvariate(0, 0.5))
print(random.expovariate(1.5), random.paretovariate(3), random.weibullvariate(1, 2))
print(random.triangular(0, 10, 2), random.triangular(), random.triangular(1, 2))

# Seeds of every kind CPython accepts.
for seed in [0, 1, 2**64 + 1, -7]:
    random.seed(seed)
    print(seed, random.random())
random.seed("hello")
print(random.random(), randint(1, 100))
random.seed(3.5)
print(random.random())
random.seed(True)
print(random.random())

# Choices share the chosen object, as in Python.
grid = [[1, 2], [3, 4]]
row = random.choice(grid)
row.append(0)
print(grid, random.sample(grid, 2))
names = []
names.append("ada")
names.append("alan")
print(random.choice(names).upper())

# Monte Carlo estimate of pi, reproducible with a seed.
random.seed(42)
inside = 0
trials = 20000
for _ in range(trials):
    x = random.random()
    y = random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print(4 * inside / trials)

try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
try:
    random.randint(5, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    random.sample([1, 2, 3], 5)
except ValueError as e:
    print("ValueError:", e)
