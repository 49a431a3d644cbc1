# multiple inheritance with C3 MRO
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print([c.__name__ for c in D.__mro__])
print(D().who())
print(isinstance(D(), C), issubclass(D, A))
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y): pass
class V(Z, W): pass
print([c.__name__ for c in V.__mro__])
class K1: 
    x = "K1"
class K2:
    x = "K2"
    y = "K2y"
class K3(K1, K2):
    pass
print(K3.x, K3.y)
class O1: pass
class O2: pass
class O3: pass
class O4: pass
class O5: pass
class KA(O1, O2, O3): pass
class KB(O4, O2, O5): pass
class KC(O4, O1): pass
class ZZ(KA, KB, KC): pass
print([c.__name__ for c in ZZ.__mro__])
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
class Mixin:
    def greet(self):
        return "hello from " + self.name()
class Named:
    def name(self):
        return type(self).__name__
class Thing(Mixin, Named):
    pass
print(Thing().greet())
print([c.__name__ for c in Thing.__mro__])
