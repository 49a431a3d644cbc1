# random: only properties that do not depend on the exact sequence
import random
random.seed(12345)
rolls = [random.randint(1, 6) for _ in range(200)]
print(len(rolls), min(rolls) >= 1, max(rolls) <= 6, all(isinstance(r, int) for r in rolls))
print(set(rolls) <= {1, 2, 3, 4, 5, 6})
items = ["red", "green", "blue"]
picks = [random.choice(items) for _ in range(50)]
print(all(p in items for p in picks))
deck = list(range(20))
random.shuffle(deck)
print(sorted(deck) == list(range(20)), len(deck))
floats = [random.uniform(2.0, 3.0) for _ in range(100)]
print(all(2.0 <= f <= 3.0 for f in floats))
rs = [random.random() for _ in range(100)]
print(all(0.0 <= r < 1.0 for r in rs))
sample = random.sample(range(100), 10)
print(len(sample), len(set(sample)), all(0 <= s < 100 for s in sample))
rr = [random.randrange(0, 10, 2) for _ in range(50)]
print(all(r % 2 == 0 and 0 <= r < 10 for r in rr))
random.seed(7)
a = [random.randint(0, 1000) for _ in range(5)]
random.seed(7)
b = [random.randint(0, 1000) for _ in range(5)]
print(a == b)
