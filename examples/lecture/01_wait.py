# Claim 1: programs are slow because they wait. An I/O-bound program leaves the CPU idle while
# it waits; a CPU-bound one keeps a core busy the whole time. CPU utilisation (CPU time / wall
# time, "cores busy") tells them apart, and that is the first question to ask of any program.
# Runs under gil and python3.
from _lecture import Case, crunch, kind, nap, run

WAITS, DELAY = 5, 0.2   # five "API calls" of 0.2 s
STEPS = 3_000_000       # one computation: about 0.2 s


def io_bound():
    for _ in range(WAITS):
        nap(DELAY)


def cpu_bound():
    for _ in range(WAITS):
        crunch(STEPS)


if __name__ == "__main__":
    results = run("Claim 1: programs are slow because they wait", [
        Case("io", f"I/O-bound: {WAITS} waits of {DELAY} s", io_bound),
        Case("cpu", f"CPU-bound: {WAITS} computations", cpu_bound),
    ])
    if results:
        for name, r in results.items():
            print(f"{name}: {r['cores']:.2f} cores busy -> {kind(r['cores'])}")
