# itertools: product, permutations, combinations
import itertools
print(list(itertools.product("ab", [1, 2])))
print(list(itertools.product([0, 1], repeat=3)))
print(len(list(itertools.product(range(3), range(4), range(5)))))
print(list(itertools.permutations([1, 2, 3])))
print(list(itertools.permutations("abc", 2)))
print(list(itertools.combinations(range(4), 2)))
print(list(itertools.combinations_with_replacement("ab", 2)))
print(["".join(p) for p in itertools.product("xy", repeat=2)])
grid = [(r, c) for r, c in itertools.product(range(2), range(3))]
print(grid)
total = sum(a * b for a, b in itertools.product([1, 2], [10, 20]))
print(total)
print(list(itertools.product()))
print(len(list(itertools.permutations(range(5)))))
