# Writes docs/LECTURE.md from what examples/lecture/run-all collected in OUT:
#   OUT/meta.txt                  key=value lines: date, versions, cores, load
#   OUT/NN_name.gil.md            the script's output under gil
#   OUT/NN_name.py.md             ... under CPython (absent without python3)
#   OUT/NN_name.cases             "name<TAB>label" lines
#   OUT/NN_name.CASE.diag         stderr of `gil --diagnose NN_name.py CASE`
#   OUT/NN_name.diag              stderr of `gil --diagnose NN_name.py` (whole script)
# Run by run-all as `gil _report.py OUT > docs/LECTURE.md`; it runs under python3 as well.
import os
import sys

# The lecture's claims: number -> (title, the lecture's words, what to look at, picture).
CLAIMS = {
    1: ("Programs are slow because they wait",
        "I/O-bound programs leave the CPU idle; CPU-bound programs keep it busy. The first "
        "question is always: I/O-bound or CPU-bound?",
        "The I/O-bound case keeps **0 cores busy** (CPU time / wall time) for its whole "
        "wall time; the CPU-bound one keeps about **one core** busy (less if other programs "
        "compete for the cores; gil's *GIL held s*, the time bytecode ran, then still "
        "equals the wall time). The verdicts of `--diagnose` name them the same way.", False),
    2: ("Five API calls: overlap the waits",
        "Five API calls of 1 s each take 5 s in sequence and about 1 s when their waits "
        "overlap. That holds for threads, for async, and for processes at the price of their "
        "overhead.",
        "Threads and asyncio bring the five 0.3 s waits down to about one wait (speedup "
        "close to 5x); the process pool does too, minus its start-up. In the picture, the "
        "sequential waits are one blue span after another on the main thread; the threaded "
        "ones are five blue spans stacked at the same time.", True),
    3: ("The same overlap does nothing for CPU-bound work",
        "Five 1-second computations take 5 s of computation however they are interleaved.",
        "Sequential, threaded and interleaved coroutines all take the same wall time, and "
        "the process keeps one core busy throughout. In the picture the threads take turns: "
        "one green span at a time, the others red (waiting for the GIL).", True),
    4: ("Threads: shared memory, good for I/O, no help for CPU",
        "The GIL lets one thread run bytecode at a time. It is released during I/O calls "
        "and never during computation, so CPU-bound threads take turns and give no speedup, "
        "even on many cores.",
        "Right pairing: the I/O threads overlap (about 5x). Wrong pairing: the CPU threads "
        "give no speedup, and gil's own count shows why: **max running = 1** thread "
        "executing bytecode at any moment, while the threads spent seconds waiting for the "
        "GIL. The last two rows show a cost of the lock: an I/O thread beside a CPU-bound "
        "one waits up to a switch interval (5 ms) for the GIL after every call (the convoy "
        "effect; `gil --gil-policy=priority` removes it).", True),
    5: ("Async: one thread, one event loop, cooperative tasks",
        "Minimal overhead, and thousands of concurrent connections on one thread.",
        "Right pairing: gathered awaits overlap like threads, and 2,000 concurrent waits "
        "run on a single thread. Wrong pairing: a coroutine that computes for 0.5 s without "
        "awaiting silences a 10 ms heartbeat for the whole 0.5 s; with `await "
        "asyncio.sleep(0)` in its loop the heartbeat keeps ticking. (`gil --loop-watchdog` "
        "reports the stall while it happens, with the task and line.)", False),
    6: ("Multiprocessing: true parallelism, at a price",
        "Separate processes, each with its own interpreter and GIL. True parallelism for "
        "CPU-bound work, at a real cost in start-up time, inter-process communication and "
        "memory per process.",
        "Right pairing: the process pool runs the computations in parallel (speedup toward "
        "the number of cores, cores busy near 2). Wrong pairing: for waiting, a process pool "
        "is no faster than threads and costs start-up and memory (RSS of the whole process "
        "tree). The last rows price a pool's start-up and a trivial task's round trip.", False),
    7: ("The decision framework",
        "Moderate I/O concurrency (dozens to a few hundred): threads. Very high I/O "
        "concurrency (thousands): async. CPU-bound across cores: multiprocessing. The wrong "
        "pairings: threads for CPU work (no speedup); processes for I/O (overhead with no "
        "benefit); async for CPU work (actively harmful: a coroutine that never yields "
        "blocks the loop and starves every task).",
        "Each workload on each model. For 50 waits, threads and asyncio tie and processes "
        "cost start-up and memory; for 2,000 waits, asyncio is cheapest; for computation, "
        "only processes speed up, threads do not, and asyncio also silences the loop. The "
        "verdicts of `--diagnose` below are the framework as a tool: they name the kind of "
        "work and the model to use. The picture shows the CPU workload on threads (taking "
        "turns), on asyncio (one long step), then on a process pool.", True),
    8: ("Story A: the inference service",
        "An ML inference service parallelized with 10 threads sees no speedup. Migrating "
        "it to multiprocessing fixes it.",
        "Ten threads serve the CPU-bound requests no faster than one at a time; a process "
        "pool with one worker per core approaches the core count, for a little more memory.",
        False),
    9: ("Story B: the web API that waits on its downstream calls",
        "A web API whose every request makes several downstream HTTP calls (I/O-bound) runs "
        "one process per worker. Memory grows with the worker count. The same service in "
        "async uses one process, far less memory and lower latency.",
        "", False),
    10: ("Measure before deciding",
         "cProfile for where time goes, perf_counter for section timing, and CPU utilisation "
         "to see the kind of bottleneck.",
         "perf_counter times each section; CPU time / wall time classifies it (the fetch "
         "section keeps 0 cores busy: I/O-bound; the summary keeps one core busy: "
         "CPU-bound); cProfile names the functions the time went to.", False),
}

# The verdict the lecture gives for each case that has a clear one (tests/lecture.rs
# asserts the same). "CPU-bound" also matches "CPU-bound, running in parallel...".
EXPECTED = {
    ("01_wait", "io"): "I/O-bound", ("01_wait", "cpu"): "CPU-bound",
    ("02_overlap", "sequential"): "I/O-bound", ("02_overlap", "threads"): "I/O-bound",
    ("02_overlap", "asyncio"): "I/O-bound", ("02_overlap", "processes"): "I/O-bound",
    ("03_cpu_overlap", "sequential"): "CPU-bound", ("03_cpu_overlap", "threads"): "CPU-bound",
    ("03_cpu_overlap", "asyncio"): "CPU-bound",
    ("04_threads", "io_seq"): "I/O-bound", ("04_threads", "io_threads"): "I/O-bound",
    ("04_threads", "cpu_seq"): "CPU-bound", ("04_threads", "cpu_threads"): "CPU-bound",
    ("04_threads", "convoy"): "Convoy",
    ("05_async", "seq"): "I/O-bound", ("05_async", "gather"): "I/O-bound",
    ("05_async", "starve"): "Event loop blocked",
    ("06_processes", "cpu_processes"): "CPU-bound, running in parallel",
    ("06_processes", "io_processes"): "I/O-bound",
    ("07_decide", "moderate_threads"): "I/O-bound", ("07_decide", "moderate_asyncio"): "I/O-bound",
    ("07_decide", "moderate_processes"): "I/O-bound", ("07_decide", "high_threads"): "I/O-bound",
    ("07_decide", "high_asyncio"): "I/O-bound", ("07_decide", "cpu_threads"): "CPU-bound",
    ("07_decide", "cpu_asyncio"): "Event loop blocked",
    ("07_decide", "cpu_processes"): "CPU-bound, running in parallel",
    ("08_story_a", "threads"): "CPU-bound",
    ("08_story_a", "processes"): "CPU-bound, running in parallel",
    ("10_measure", "fetch"): "I/O-bound", ("10_measure", "summarise"): "CPU-bound",
}

# Columns left out of the merged tables (still in the raw output), and columns only gil has.
DROP = ["CPU s"]
GIL_ONLY = ["max running", "GIL held s", "GIL wait s"]


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def tables(text):
    """The markdown tables in `text`: lists of rows, each a list of cells."""
    out, cur = [], []
    for line in (text or "").splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-:") for c in cells):
                cur.append(cells)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def numeric(cell):
    return cell == "" or cell == "-" or cell.rstrip("x").replace(".", "", 1).isdigit()


def md_table(rows):
    head = rows[0]
    right = [i > 0 and all(numeric(r[i]) for r in rows[1:]) for i in range(len(head))]
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---:" if r else "---" for r in right) + "|"]
    for r in rows[1:]:
        lines.append("| " + " | ".join(r) + " |")
    return "\n".join(lines)


def merge(g, p):
    """One table with gil's and CPython's figures side by side, or None if they don't match."""
    if p is None or len(g) != len(p) or [r[0] for r in g] != [r[0] for r in p]:
        return None
    gh, ph = g[0], p[0]
    head = [gh[0]]
    cols = []   # (source table, column index)
    for name in gh[1:]:
        gi = gh.index(name)
        if name in DROP:
            continue
        if name in GIL_ONLY or name not in ph:
            head.append(name if name in GIL_ONLY else f"{name} (gil)")
            cols.append((g, gi))
            continue
        pi = ph.index(name)
        if all(g[i][gi] == p[i][pi] for i in range(1, len(g))):
            head.append(name)          # the same under both (labels, notes)
            cols.append((g, gi))
        else:
            head += [f"{name} gil", f"{name} CPython"]
            cols += [(g, gi), (p, pi)]
    rows = [head]
    for i in range(1, len(g)):
        rows.append([g[i][0]] + [t[i][c] for t, c in cols])
    return rows


def verdict(diag):
    """The `Verdict:` paragraph of a --diagnose report, on one line."""
    if not diag:
        return None
    lines = diag.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Verdict:"):
            words = [line[len("Verdict:"):].strip()]
            for more in lines[i + 1:]:
                if not more.startswith(" "):
                    break
                words.append(more.strip())
            return " ".join(words)
    return None


def matches(v, want):
    if v is None:
        return False
    if want == "CPU-bound":
        return v.startswith("CPU-bound") and not v.startswith("CPU-bound, running")
    return v.startswith(want)


def claim_section(out, n, stem):
    title, words, look, picture = CLAIMS[n]
    g = read(os.path.join(out, stem + ".gil.md"))
    p = read(os.path.join(out, stem + ".py.md"))
    print(f"## {n}. {title}")
    print()
    print(f"> {words}")
    print()
    print(f"Script: [`examples/lecture/{stem}.py`](../examples/lecture/{stem}.py) · "
          f"`gil examples/lecture/{stem}.py`, `python3 examples/lecture/{stem}.py`")
    print()
    if g is None:
        print("*Not run: the script failed or is missing (see run-all's output).*")
        print()
        return
    gt, pt = tables(g), tables(p) if p else []
    for i, t in enumerate(gt):
        m = merge(t, pt[i] if i < len(pt) else None)
        if m is not None:
            print(md_table(m))
        else:
            print("gil:")
            print()
            print(md_table(t))
            if i < len(pt):
                print()
                print("CPython:")
                print()
                print(md_table(pt[i]))
        print()
    if not gt:
        print("```")
        print(g.rstrip())
        print("```")
        print()
        if p:
            print("CPython:")
            print()
            print("```")
            print(p.rstrip())
            print("```")
            print()
    if look:
        print(look)
        print()
    if picture:
        print(f"![GIL timeline of {stem}](img/lecture/{stem}.svg)")
        print()
        print("*Green: running bytecode with the GIL; red: waiting for it; blue: released "
              "in a blocking call (hover a span for the call and its duration).*")
        print()
    cases = read(os.path.join(out, stem + ".cases"))
    rows = []
    for line in (cases or "").splitlines():
        if "\t" not in line:
            continue
        name, label = line.split("\t", 1)
        v = verdict(read(os.path.join(out, f"{stem}.{name}.diag")))
        want = EXPECTED.get((stem, name))
        mark = ""
        if want:
            mark = "yes" if matches(v, want) else f"no (the lecture: {want})"
        rows.append([f"`{name}`: {label}", (v or "(no verdict)").replace("|", "/"), mark])
    if rows:
        print(f"`gil --diagnose examples/lecture/{stem}.py CASE`, case by case:")
        print()
        print(md_table([["case", "verdict", "as the lecture says?"]] + rows))
        print()
    elif read(os.path.join(out, stem + ".diag")):
        v = verdict(read(os.path.join(out, stem + ".diag")))
        print(f"`gil --diagnose examples/lecture/{stem}.py`: {v}")
        print()
    print("<details><summary>Raw output</summary>")
    print()
    print("```")
    print(g.rstrip())
    print("```")
    if p:
        print()
        print("```")
        print(p.rstrip())
        print("```")
    print()
    print("</details>")
    print()


def main():
    out = sys.argv[1]
    meta = {}
    for line in (read(os.path.join(out, "meta.txt")) or "").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            meta[k] = v
    stems = {}
    for f in sorted(os.listdir(out)):
        if f.endswith(".gil.md"):
            stem = f[:-len(".gil.md")]
            num = stem.split("_", 1)[0]
            if num.isdigit():
                stems[int(num)] = stem
    print("# The lecture, reproduced")
    print()
    print("<!-- Generated by examples/lecture/run-all; edit examples/lecture/_report.py, "
          "not this file. -->")
    print()
    print("A lecture on concurrency models makes ten claims about I/O-bound and CPU-bound "
          "programs, threads, the GIL, asyncio and processes. Here each claim is a script "
          "in [`examples/lecture/`](../examples/lecture/), run under gil and under CPython "
          "on the same machine, with the figures side by side and, under gil, what the "
          "lock itself saw: how many threads ever ran bytecode at once (*max running*), "
          "how long threads waited for the GIL, a timeline picture, and the verdict of "
          "`gil --diagnose`.")
    print()
    print("Rerun everything and regenerate this page (a few minutes):")
    print()
    print("```sh")
    print("examples/lecture/run-all            # GIL=path/to/gil, PYTHON=path/to/python3 to choose")
    print("```")
    print()
    print(f"This run: {meta.get('date', '?')}, {meta.get('cores', '?')} cores, load "
          f"average {meta.get('load', '?')} at the start; `{meta.get('gil', 'gil')}` "
          f"against {meta.get('python', 'no CPython (python3 not found)')}.")
    print()
    try:
        busy = float(meta.get("load", "0")) >= float(meta.get("cores", "1"))
    except ValueError:
        busy = False
    if busy:
        print("**The machine was busy during this run** (load average at or above the "
              "number of cores): other programs took CPU time from both interpreters, so "
              "*cores busy* reads below 1 for CPU-bound work and parallel speedups fall "
              "short of the core count. The GIL's own figures (*GIL held s*, *max "
              "running*) do not depend on the load. Rerun on an idle machine for clean "
              "ratios.")
        print()
    print("How to read the tables: *wall s* is the case's elapsed time; *speedup* is "
          "against the case named in the script (the sequential version); *cores busy* is "
          "CPU time (the process and its reaped children, from `os.times()`) divided by "
          "wall time; *RSS MB* is the resident memory of the whole process tree at the "
          "case's moment of greatest concurrency; *max running* and *GIL wait s* come from "
          "gil's lock accounting (`gil.stats()`), which CPython cannot report. Absolute "
          "times differ between the interpreters; the claims are about the ratios.")
    print()
    for n in sorted(CLAIMS):
        if n in stems:
            claim_section(out, n, stems[n])
        else:
            title, words, _, _ = CLAIMS[n]
            print(f"## {n}. {title}")
            print()
            print(f"> {words}")
            print()
            print("*Not part of this run: no script for it in examples/lecture/ yet.*")
            print()


if __name__ == "__main__":
    main()
