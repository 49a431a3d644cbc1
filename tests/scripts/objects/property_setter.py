# @property with setter and deleter
class Temperature:
    def __init__(self, c):
        self.celsius = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9
    @fahrenheit.deleter
    def fahrenheit(self):
        print("deleting fahrenheit resets to 0C")
        self._c = 0
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
t.celsius = -40
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(t.celsius)
del t.fahrenheit
print(t.celsius)
try:
    Temperature(-500)
except ValueError as e:
    print("ValueError from __init__:", e)
class Account:
    def __init__(self):
        self._balance = 0
        self.changes = 0
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, v):
        self.changes += 1
        self._balance = v
a = Account()
a.balance = 10
a.balance += 5
print(a.balance, a.changes)
