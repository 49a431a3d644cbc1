# Claim 10: measure before deciding. A small "report job" fetches three pages (I/O) and then
# summarises them (CPU). Three tools say where its time goes and of which kind it is:
#   time.perf_counter around each section: how long it took;
#   CPU utilisation, CPU time (os.times) / wall time: ~0 cores busy is waiting (I/O-bound),
#     ~1 is computing (CPU-bound) — the first question of claim 1, answered per section;
#   cProfile: which functions the time went to.
# Under gil, `gil --diagnose` answers the same question from inside the VM, and `gil --profile`
# prints cProfile's table for the whole program. Runs under gil and python3.
import cProfile
import pstats

from _lecture import Case, crunch, kind, nap, run

PAGES, DELAY, STEPS = 3, 0.2, 3_000_000


def fetch_page(i):
    return nap(DELAY)          # stands for an HTTP request


def summarise(pages):
    return crunch(STEPS) + len(pages)


def fetch():
    return [fetch_page(i) for i in range(PAGES)]


def job():
    return summarise(fetch())


class _Lines:
    """A stream for pstats that keeps what it is given."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)


def profile_table(fn, top=4):
    """cProfile's rows for `fn()`, sorted by internal time, as (calls, tottime, cumtime, where)."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = _Lines()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    rows = []
    for line in "".join(out.parts).splitlines():
        cols = line.split(None, 5)
        if len(cols) == 6 and cols[1].replace(".", "").isdigit():
            where = cols[5].split("/")[-1]    # CPython prints full paths, gil relative ones
            rows.append((cols[0], cols[1], cols[3], where))
    return rows


if __name__ == "__main__":
    results = run("Claim 10: measure before deciding (perf_counter, CPU utilisation)", [
        Case("fetch", f"section fetch: {PAGES} pages", fetch),
        Case("summarise", "section summarise", lambda: summarise([])),
        Case("job", "the whole job", job),
    ])
    if results and len(results) == 3:
        print("| section | cores busy | kind |")
        print("|---|---:|---|")
        for name in ("fetch", "summarise", "job"):
            r = results[name]
            print(f"| {name} | {r['cores']:.2f} | {kind(r['cores'])} |")
        print()
        print("cProfile, the whole job, by internal time:")
        print()
        print("| ncalls | tottime s | cumtime s | function |")
        print("|---:|---:|---:|---|")
        for calls, tot, cum, where in profile_table(job):
            print(f"| {calls} | {tot} | {cum} | `{where}` |")
        print()
