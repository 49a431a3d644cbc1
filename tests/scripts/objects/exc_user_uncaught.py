# uncaught user exception with a custom __str__
class InventoryError(Exception):
    def __init__(self, item, wanted, have):
        super().__init__(item, wanted, have)
        self.item = item
        self.wanted = wanted
        self.have = have
    def __str__(self):
        return f"cannot take {self.wanted} {self.item}: only {self.have} left"
stock = {"bolts": 10}
def take(item, n):
    if stock.get(item, 0) < n:
        raise InventoryError(item, n, stock.get(item, 0))
    stock[item] -= n
    return stock[item]
print(take("bolts", 4))
print(take("bolts", 4))
print(take("bolts", 4))
