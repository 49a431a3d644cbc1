# multiprocessing refuses a value nested deeper than the recursion limit, as pickle does
import multiprocessing as mp
if __name__ == "__main__":
    x = []
    for _ in range(100000):
        x = [x]
    r, w = mp.Pipe(duplex=False)
    try:
        w.send(x)
    except RecursionError as e:
        print("RecursionError:", e)
    y = []
    for _ in range(300):
        y = [y]
    w.send(y)
    z, n = r.recv(), 0
    while z:
        z, n = z[0], n + 1
    print("300 deep arrives:", n)
