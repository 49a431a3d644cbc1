import multiprocessing as mp
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Box:
    def __init__(self, items):
        self.items = items

    def total(self):
        return sum(self.items)


def move(p, dx):
    return Point(p.x + dx, p.y)


def unbox(b):
    return b.total(), type(b).__name__


def echo(v):
    return v


if __name__ == "__main__":
    mp.set_start_method("spawn")
    pool = mp.Pool(2)
    results = [pool.apply_async(echo, (v,)) for v in
               [None, True, 1.5, "héllo", b"\x00\xff", (1, (2, 3)), {1: "a", "b": [2]},
                {3, 1, 2}, frozenset({4}), 10 ** 30, -(10 ** 25), range(2, 9, 3)]]
    for r in results:
        v = r.get(timeout=30)
        print(type(v).__name__, repr(v))
    print(pool.apply_async(move, (Point(1, 2), 5)).get(timeout=30))
    print(pool.apply_async(unbox, (Box([1, 2, 3]),)).get(timeout=30))
    got = []
    r = pool.apply_async(echo, ("cb",), callback=got.append)
    r.wait(30)
    print(r.ready(), r.successful(), r.get(), got)
    pool.close()
    pool.join()
    print("closed")
