# Claim 9, Story B: a web API whose every request makes several downstream HTTP calls
# (I/O-bound) runs one process per worker; memory grows with the worker count. The same service
# in asyncio uses one process, far less memory and lower latency.
#
# This script is the load generator and the conductor. It starts the downstream service
# (09_story_b/downstream.py: answers each call after DELAY), then each front service in turn
# (09_story_b/front_*.py: N processes, a thread pool, one asyncio process; each front request
# makes 3 downstream calls in sequence), drives it with CLIENTS concurrent clients for DURATION
# seconds while sampling the resident memory (VmRSS) of its whole process tree from /proc,
# stops it, and prints one markdown table. Every answer is checked.
#
#   gil examples/lecture/09_story_b.py            # or python3; children run on sys.executable
#   gil examples/lecture/09_story_b.py --quick    # a smaller load (what tests/lecture.rs runs)
#
# Linux only (/proc). Helpers and minihttp are imported from 09_story_b/: CPython finds them
# through sys.path (minihttp.py there is a symlink to gil's stdlib/minihttp.py); gil has minihttp
# in its stdlib and finds service.py through sys.path as well.
import asyncio
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HELPERS = os.path.join(HERE, "09_story_b")
sys.path.insert(0, HELPERS)

import minihttp  # noqa: E402
import service  # noqa: E402

QUICK = "--quick" in sys.argv[1:]
DELAY = 0.05  # seconds per downstream call
CLIENTS = 16 if QUICK else 32
DURATION = 1.0 if QUICK else 3.0  # seconds of load per variant
VARIANTS = [  # (name, script, workers)
    ("processes", "front_processes.py", 4),
    ("processes", "front_processes.py", 16),
    ("threads", "front_threads.py", CLIENTS),
    ("asyncio", "front_async.py", 1),
]
SIGKILL = 9
START_TIMEOUT = 60.0


# ---- the process tree, from /proc ----------------------------------------------------------

def children(pid):
    kids = []
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return kids
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                kids.extend(int(k) for k in f.read().split())
        except OSError:
            pass  # the thread or process just ended
    return kids


def tree(pid):
    """`pid` and all its descendants."""
    pids, i = [pid], 0
    while i < len(pids):
        pids.extend(children(pids[i]))
        i += 1
    return pids


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f.read().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid):
    return sum(rss_kb(p) for p in tree(pid)) / 1024.0


# ---- child services ------------------------------------------------------------------------

class Service:
    """A helper script run on this interpreter; `port` once it has written its ready file."""

    counter = 0

    def __init__(self, script, **opts):
        Service.counter += 1
        self.ready = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                  "gil-story-b-%d-%d" % (os.getpid(), Service.counter))
        argv = [sys.executable, os.path.join(HELPERS, script), "--ready", self.ready]
        for k, v in opts.items():
            argv += ["--" + k, str(v)]
        # A process group of its own: Ctrl-C reaches only this script, which stops the tree.
        self.pid = os.posix_spawn(sys.executable, argv, os.environ, setpgroup=0)
        self.alive = True
        try:
            self.port = self.wait_ready(script)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, script):
        deadline = time.monotonic() + START_TIMEOUT
        while not os.path.exists(self.ready):
            if os.waitpid(self.pid, os.WNOHANG)[0] != 0:
                self.alive = False
                raise RuntimeError("%s exited during start-up" % script)
            if time.monotonic() > deadline:
                raise RuntimeError("%s did not start within %d s" % (script, START_TIMEOUT))
            time.sleep(0.01)
        with open(self.ready) as f:
            port = int(f.read())
        os.remove(self.ready)
        return port

    def stop(self):
        """Kills the whole tree (children first seen, so none is left behind) and reaps ours."""
        if not self.alive:
            return
        self.alive = False
        for pid in reversed(tree(self.pid)):
            try:
                os.kill(pid, SIGKILL)
            except OSError:
                pass
        os.waitpid(self.pid, 0)
        # Ready files an interrupted start-up may have left (the processes front has one per
        # worker: READY.w0, READY.w1, ...).
        folder, name = os.path.split(self.ready)
        for f in os.listdir(folder):
            if f.startswith(name + ".") or f == name:
                try:
                    os.remove(os.path.join(folder, f))
                except OSError:
                    pass


# ---- the load ------------------------------------------------------------------------------

async def one_request(port, item, stats):
    t0 = time.perf_counter()
    try:
        resp = await asyncio.wait_for(
            minihttp.arequest(service.HOST, port, "GET", "/api?item=%d" % item), 30)
        ok = resp.status == 200 and resp.body == service.expected_body(str(item))
    except (OSError, minihttp.HTTPError, asyncio.TimeoutError):
        ok = False
    if stats is not None:
        if ok:
            stats["latencies"].append(time.perf_counter() - t0)
        else:
            stats["errors"] += 1
    return ok


async def client(port, first, stop_at, stats):
    item = first
    while time.perf_counter() < stop_at:
        await one_request(port, item, stats)
        item += CLIENTS


async def sample_rss(pid, peak, done):
    while not done:
        peak[0] = max(peak[0], tree_rss_mb(pid))
        await asyncio.sleep(0.05)


async def drive(front):
    peak, done = [0.0], []
    sampler = asyncio.ensure_future(sample_rss(front.pid, peak, done))
    # Warm-up: one untimed request per client (threads and connections come into being).
    warm = await asyncio.gather(*(one_request(front.port, i, None) for i in range(CLIENTS)))
    stats = {"latencies": [], "errors": warm.count(False)}
    t0 = time.perf_counter()
    await asyncio.gather(*(client(front.port, i, t0 + DURATION, stats)
                           for i in range(CLIENTS)))
    elapsed = time.perf_counter() - t0
    done.append(True)
    await sampler
    peak[0] = max(peak[0], tree_rss_mb(front.pid))
    return stats, elapsed, peak[0]


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def measure(name, script, workers, downstream_port):
    opts = {"downstream": downstream_port}
    if name != "asyncio":
        opts["workers"] = workers
    front = Service(script, **opts)
    try:
        stats, elapsed, peak = asyncio.run(drive(front))
    finally:
        front.stop()
    lat = sorted(stats["latencies"])
    return {
        "variant": name, "workers": workers, "rps": len(lat) / elapsed,
        "p50": percentile(lat, 0.50) * 1000, "p99": percentile(lat, 0.99) * 1000,
        "rss": peak, "errors": stats["errors"],
    }


def main():
    rows = []
    downstream = Service("downstream.py", delay=DELAY)
    try:
        for name, script, workers in VARIANTS:
            rows.append(measure(name, script, workers, downstream.port))
    finally:
        downstream.stop()
    print("| variant | workers | requests/s | p50 ms | p99 ms | peak RSS MB | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| %s | %d | %.1f | %.0f | %.0f | %.1f | %d |" % (
            r["variant"], r["workers"], r["rps"], r["p50"], r["p99"], r["rss"], r["errors"]))
    by = {(r["variant"], r["workers"]): r for r in rows}
    aio, p4, p16 = by[("asyncio", 1)], by[("processes", 4)], by[("processes", 16)]
    print("%d clients, %d downstream calls of %.0f ms per request: asyncio used %.1f MB in one "
          "process against %.1f MB for 16 processes (%.0fx), with p50 %.0f ms against %.0f ms "
          "for 4 processes." % (CLIENTS, len(service.CALLS), DELAY * 1000, aio["rss"],
                                p16["rss"], p16["rss"] / max(aio["rss"], 0.1), aio["p50"],
                                p4["p50"]))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
