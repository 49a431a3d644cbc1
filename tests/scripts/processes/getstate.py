# Instances whose class defines __getstate__/__setstate__ cross as that state, as with pickle.
import multiprocessing as mp

class Conn:
    def __init__(self, host):
        self.host = host
        self.sock = object()   # not picklable
    def __getstate__(self):
        return {"host": self.host}
    def __setstate__(self, st):
        self.host = st["host"]
        self.sock = "reopened"

class Plain:
    def __init__(self):
        self.a = 1
    def __getstate__(self):
        return {"a": self.a + 1}

def show(c):
    return (type(c).__name__, vars(c) if not isinstance(c, Conn) else (c.host, c.sock))

if __name__ == "__main__":
    with mp.Pool(1) as p:
        print(p.apply(show, (Conn("db"),)))
        print(p.apply(show, (Plain(),)))
