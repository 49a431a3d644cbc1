# Shared by the examples: timing, and GIL figures when running under gil.
import time

try:
    import gil  # only exists in gil
except ImportError:
    gil = None


def table(title, rows):
    """Prints rows of (label, seconds, note) as a small aligned table."""
    print(title)
    print("-" * len(title))
    for label, secs, note in rows:
        print(f"  {label:<34} {secs:7.3f} s   {note}")
    print()


def gil_note():
    """A one-line summary of what the lock did over the whole run, or a hint under CPython."""
    if gil is None:
        return "(run under gil to see the GIL's own figures)"
    s = gil.stats()
    waiting = sum(t["waiting"] for t in s["threads"])
    return (f"max threads running bytecode at once: {s['max_running']}, "
            f"switches: {s['switches']}, total GIL wait: {waiting:.3f} s")


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
