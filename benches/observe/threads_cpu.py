# Four threads sharing a CPU-bound loop: the GIL changes hands every switch interval, so
# --timeline records a few hundred events a second per thread. Runs under python3 too.
import threading


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def main():
    threads = [threading.Thread(target=work, args=(1_500_000,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("done")


main()
