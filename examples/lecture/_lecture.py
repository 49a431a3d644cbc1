# Shared by the lecture's scripts (examples/lecture/NN_*.py): run a script's cases, measure
# each one (wall time, CPU time, cores busy, and under gil what the GIL did), print a table.
#
#   gil examples/lecture/04_threads.py                  every case, as a markdown table
#   gil examples/lecture/04_threads.py cpu_threads      only the cases named, table plus
#                                                       `case.key=value` lines (for tests)
#   gil --diagnose examples/lecture/04_threads.py cpu_threads    the verdict for one case
#   python3 examples/lecture/04_threads.py --cases      each case's name and label, one a line
#
# Runs under gil and python3 alike; the GIL columns show "-" under CPython, which has no way
# to report them.
import os
import sys
import time

# The lecture reuses the examples one directory up (threads_io, convoy, processes_cpu...).
EXAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if EXAMPLES not in sys.path:
    sys.path.insert(0, EXAMPLES)

# gil's workers are fresh interpreters, as with CPython's "spawn" start method; CPython on
# Linux defaults to "fork", so ask for "spawn" to compare like with like.
import multiprocessing

multiprocessing.set_start_method("spawn", force=True)

try:
    import gil  # only exists in gil
except ImportError:
    gil = None

IMPL = "gil" if gil is not None else "CPython"
CORES = os.cpu_count() or 1


def crunch(n):
    """Pure CPU work: the loop of examples/threads_cpu.py, n steps (module level, so a process
    pool can send it to a worker)."""
    total = 0
    for i in range(n):
        total += i % 7
    return total


def nap(seconds):
    """One "API call": a wait that releases the GIL (module level, for process pools too)."""
    time.sleep(seconds)
    return seconds


def cpu_seconds():
    """User + system CPU time of this process and of its children that have been waited for."""
    t = os.times()
    return t[0] + t[1] + t[2] + t[3]


def _status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f.read().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children():
    pids = []
    try:
        for tid in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{tid}/children") as f:
                pids.extend(int(p) for p in f.read().split())
    except (OSError, ValueError):
        pass
    return pids


_peak_rss = [0.0]
# Reading /proc is file I/O, which `--diagnose` would count: cases run by name (the way
# run-all diagnoses them, and tests/lecture.rs runs them) leave memory out.
_sampling = [True]


def sample_rss():
    """Notes the resident memory of this process plus its live children (Linux /proc), in MB.
    A case calls it at its moment of greatest concurrency; the table shows the largest sample."""
    if not _sampling[0]:
        return 0.0
    kb = _status_kb("self", "VmRSS") + sum(_status_kb(p, "VmRSS") for p in _children())
    _peak_rss[0] = max(_peak_rss[0], kb / 1024)
    return kb / 1024


def kind(cores_busy):
    """The lecture's first question, answered from CPU utilisation alone (claim 10)."""
    if cores_busy < 0.3:
        return "I/O-bound"
    if cores_busy > 0.7:
        return "CPU-bound"
    return "mixed"


class Case:
    """One way of doing a job. `fn()` does it and may return a note (str) or a dict of
    extra figures, whose "note" key, if any, goes in the note column. `vs` names the case
    whose wall time the speedup is taken against."""

    def __init__(self, name, label, fn, vs=None):
        self.name = name
        self.label = label
        self.fn = fn
        self.vs = vs


# gil.reset_stats() before each case makes its figures its own, but forgets the threads that
# have ended, and with them their lanes in a `--timeline` picture of the whole script.
# LECTURE_KEEP_STATS=1 (run-all sets it when drawing) keeps them: the GIL figures are then
# differences, and "max running" is the largest since the start.
KEEP_STATS = os.environ.get("LECTURE_KEEP_STATS") == "1"


def _gil_totals():
    s = gil.stats()
    return {t["id"]: (t["running"], t["waiting"]) for t in s["threads"]}, s["max_running"]


def measure(case):
    """Runs one case and returns its figures as a dict."""
    if gil is not None:
        if not KEEP_STATS:
            gil.reset_stats()
        before, _ = _gil_totals()
    _peak_rss[0] = 0.0
    cpu0 = cpu_seconds()
    start = time.perf_counter()
    out = case.fn()
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu0
    r = {"wall": wall, "cpu": cpu, "cores": cpu / wall if wall > 0 else 0.0}
    if gil is not None:
        after, r["max_running"] = _gil_totals()
        r["gil_held"] = sum(run - before.get(i, (0.0, 0.0))[0] for i, (run, _) in after.items())
        r["gil_wait"] = sum(w - before.get(i, (0.0, 0.0))[1] for i, (_, w) in after.items())
    if _peak_rss[0] > 0:
        r["rss_mb"] = _peak_rss[0]
    note = ""
    if isinstance(out, dict):
        for k, v in out.items():
            if k == "note":
                note = v
            else:
                r[k] = v
    elif isinstance(out, str):
        note = out
    r["note"] = note
    return r


def markdown(headers, rows):
    """Prints a markdown table; numbers right-aligned."""
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" if i == 0 or h in ("note", "case") else "---:"
                         for i, h in enumerate(headers)) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    print()


def _dash(r, key, fmt):
    return format(r[key], fmt) if key in r else "-"


def run(title, cases, argv=None):
    """The entry point of every lecture script."""
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--cases"]:
        for c in cases:
            print(f"{c.name}\t{c.label}")
        return None
    by_name = {c.name: c for c in cases}
    chosen = cases
    if argv:
        unknown = [a for a in argv if a not in by_name]
        if unknown:
            names = ", ".join(c.name for c in cases)
            sys.exit(f"unknown case {unknown[0]!r}; the cases are: {names}")
        chosen = [by_name[a] for a in argv]
        _sampling[0] = False
    results = {}
    for c in chosen:
        results[c.name] = measure(c)
    print(f"### {title} ({IMPL}, {CORES} cores)")
    print()
    rows = []
    for c in chosen:
        r = results[c.name]
        base = results.get(c.vs) if c.vs else None
        speedup = f"{base['wall'] / r['wall']:.2f}x" if base and r["wall"] > 0 else ""
        rows.append([c.label, f"{r['wall']:.3f}", speedup, f"{r['cpu']:.3f}",
                     f"{r['cores']:.2f}", _dash(r, "max_running", "d"),
                     _dash(r, "gil_held", ".3f"), _dash(r, "gil_wait", ".3f"),
                     _dash(r, "rss_mb", ".0f"), r["note"]])
    headers = ["case", "wall s", "speedup", "CPU s", "cores busy", "max running",
               "GIL held s", "GIL wait s", "RSS MB", "note"]
    # Leave out the columns with nothing in them (no speedup asked, no memory sampled...).
    keep = [i for i in range(len(headers)) if any(row[i] not in ("", "-") for row in rows)]
    markdown([headers[i] for i in keep], [[row[i] for i in keep] for row in rows])
    if argv:
        for c in chosen:
            for k, v in results[c.name].items():
                if isinstance(v, (int, float)):
                    print(f"{c.name}.{k}={v}")
    return results
