# Shared by the process benchmarks: the start method from argv[1] ("spawn" or "fork";
# gil has only "spawn"), and the peak RSS of this process.
import sys
import multiprocessing as mp


def start_method():
    method = sys.argv[1] if len(sys.argv) > 1 else "spawn"
    mp.set_start_method(method)
    return method


def vmhwm_kb():
    """Peak resident set size of this process (VmHWM), in kB; 0 if unknown."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
