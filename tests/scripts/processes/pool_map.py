import multiprocessing as mp


def square(x):
    return x * x


def add(a, b):
    return a + b


def describe(x, scale=1):
    return {"x": x, "scaled": x * scale, "parts": (x, [x] * 2), "big": 2 ** 70 + x}


if __name__ == "__main__":
    mp.set_start_method("spawn")
    print(mp.get_start_method())
    with mp.Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(square, range(7), chunksize=3))
        print(pool.starmap(add, [(1, 2), (3, 4), ("a", "b")]))
        print(pool.apply(describe, (3,), {"scale": 10}))
        print(list(pool.imap(square, [5, 6, 7])))
        print(sorted(pool.imap_unordered(square, range(6))))
        print(pool.map(square, []))
        r = pool.map_async(square, [1, 2, 3])
        print(r.get(timeout=30), r.ready(), r.successful())
