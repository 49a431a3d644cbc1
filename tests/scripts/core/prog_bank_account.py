# bank account simulation
class InsufficientFunds(Exception):
    pass
class Account:
    next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
        self.id = Account.next_id
        Account.next_id += 1
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner}: balance {self.balance}, requested {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"Account({self.id}, {self.owner!r}, {self.balance})"
def transfer(src, dst, amount):
    src.withdraw(amount)
    dst.deposit(amount)
alice = Account("alice", 100)
bob = Account("bob")
print(alice, bob)
alice.deposit(50)
transfer(alice, bob, 70)
print(alice, bob)
try:
    transfer(bob, alice, 500)
except InsufficientFunds as e:
    print("failed:", e)
try:
    bob.deposit(-1)
except ValueError as e:
    print("failed:", e)
for acct in (alice, bob):
    print(acct.owner, acct.history)
accounts = [Account(name, bal) for name, bal in [("cy", 5), ("di", 500), ("ed", 50)]]
print(sorted(accounts, key=lambda a: a.balance))
print(sum(a.balance for a in accounts + [alice, bob]))
rich = [a.owner for a in accounts if a.balance >= 50]
print(rich)
interest = {a.owner: round(a.balance * 0.035, 2) for a in accounts}
print(interest)
