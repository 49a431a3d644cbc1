//! `--diagnose`: what kind of program was this, and what would make it faster?
//!
//! A pure function of the lock's figures, optionally its events, and the
//! process CPU times: [`diagnose`] returns the report text and a [`Verdict`].
//! The rules and their thresholds are documented in `docs/DIAGNOSE.md`;
//! keep the two in step. Rules are tried in order, the first that fires wins:
//!
//! 1. too short   wall < [`MIN_WALL`]
//! 2. convoy      an I/O thread waits for the GIL after ≥ [`CONVOY_MIN_CALLS`] I/O calls,
//!    a median (mean without events) ≥ [`CONVOY_MIN_WAIT`] (or half the switch interval
//!    if shorter), that waiting is ≥ [`CONVOY_MIN_SHARE`] of its time, and the other
//!    threads run bytecode ≥ [`CONVOY_HOG`] of wall
//! 3. loop blocked  an event loop's longest step ran ≥ [`LOOP_BLOCK`], and its steps that long
//!    held it ≥ [`LOOP_BLOCK_SHARE`] of wall (see `diagnose_loop.rs`)
//! 4. CPU-bound   bytecode ran ≥ [`CPU_BUSY`] of wall (summed over threads)
//! 5. processes   a thread waited on child processes ≥ [`CHILD_WAIT`] of wall: CPU-bound in
//!    parallel if the children kept ≥ [`CHILD_CPU`] cores busy, else I/O-bound in them
//! 6. I/O-bound   some thread was blocked in I/O ≥ [`IO_SHARE`] of wall; when an event loop's
//!    polling was most of it, overlapped or not is judged by the loop's waits in flight
//! 7. contention  threads spent ≥ [`LOCK_SHARE`] of their time in `Lock.acquire`
//! 8. mixed       none of the above

use std::fmt::Write;

use super::diagnose_loop;
pub use super::diagnose_loop::{LOOP_BLOCK, LOOP_BLOCK_SHARE, LOOP_CPU, LOOP_IO_SHARE};
use super::{human, is_sync_call, spans_of};
use crate::gil::{GilStats, LoopStats, Policy, ThreadEvents, ThreadPhase, ThreadStats};

/// Rule 1: below this wall time (seconds) nothing is judged.
pub const MIN_WALL: f64 = 0.02;
/// Rule 2: an I/O thread needs at least this many I/O calls.
pub const CONVOY_MIN_CALLS: u64 = 5;
/// Rule 2: typical wait for the GIL after a blocking call (seconds).
pub const CONVOY_MIN_WAIT: f64 = 0.001;
/// Rule 2 (with events): a wait after an I/O call shorter than this (seconds) found the GIL free.
pub const CONVOY_HELD: f64 = 0.000_05;
/// Rule 2: the I/O thread's share of its own time spent waiting for the GIL.
pub const CONVOY_MIN_SHARE: f64 = 0.10;
/// Rule 2: some other thread ran bytecode at least this share of wall.
pub const CONVOY_HOG: f64 = 0.30;
/// Rule 3: bytecode running (all threads) as a share of wall.
pub const CPU_BUSY: f64 = 0.70;
/// Rule 3: a thread counts as a CPU thread if it ran this share of all bytecode time.
pub const CPU_THREAD_SHARE: f64 = 0.05;
/// Rule 5: time during which at least one I/O call was in flight, as a share of wall.
pub const IO_SHARE: f64 = 0.50;
/// Rule 5: average I/O calls in flight at or above which the waits count as overlapped.
pub const IO_OVERLAP: f64 = 1.5;
/// Rule 6: time in `Lock.acquire`/`RLock.acquire` as a share of the threads' time.
pub const LOCK_SHARE: f64 = 0.30;
/// The report lists at most this many threads; the rest share one line of totals.
pub const MAX_THREAD_ROWS: usize = 16;
/// Rule 4 (processes): some thread waited on child processes at least this share of wall.
pub const CHILD_WAIT: f64 = 0.50;
/// Rule 4 (processes): the children's CPU time as a share of the time they were waited for,
/// per child, at or above which they were computing, not waiting. Low, so that it holds on a
/// loaded machine; a child's own start-up (~15 ms of CPU) stays well below it.
pub const CHILD_CPU: f64 = 0.12;

/// Process CPU time in seconds (threads included; children separately).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CpuTimes {
    pub user: f64,
    pub system: f64,
    pub children_user: f64,
    pub children_system: f64,
}

impl CpuTimes {
    /// All CPU time: user + system, self + children.
    pub fn total(&self) -> f64 {
        self.user + self.system + self.children_user + self.children_system
    }

    /// The CPU times of this process so far, from `getrusage`.
    pub fn of_process() -> Option<CpuTimes> {
        fn tv(t: libc::timeval) -> f64 {
            t.tv_sec as f64 + t.tv_usec as f64 * 1e-6
        }
        fn usage(who: libc::c_int) -> Option<libc::rusage> {
            // SAFETY: `rusage` is a plain C struct of integers, for which all-zero is a valid value.
            let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: `ru` is a valid, writable `rusage` that outlives the call; `who` is one of
            // the RUSAGE_* constants. getrusage only writes into `ru`.
            let rc = unsafe { libc::getrusage(who, &mut ru) };
            (rc == 0).then_some(ru)
        }
        let me = usage(libc::RUSAGE_SELF)?;
        let kids = usage(libc::RUSAGE_CHILDREN)?;
        Some(CpuTimes {
            user: tv(me.ru_utime),
            system: tv(me.ru_stime),
            children_user: tv(kids.ru_utime),
            children_system: tv(kids.ru_stime),
        })
    }
}

/// What [`diagnose`] looks at.
pub struct Inputs<'a> {
    /// The lock's figures at exit.
    pub stats: &'a GilStats,
    /// Per-thread events, when they were recorded (exact medians and overlaps).
    pub events: Option<&'a [ThreadEvents]>,
    /// Process CPU times, if they could be read.
    pub cpu: Option<CpuTimes>,
    /// Available cores (`std::thread::available_parallelism`).
    pub cores: usize,
    /// The event loops that ran (`Gil::loop_stats`; empty if none, or not accounted).
    pub loops: &'a [LoopStats],
}

/// The kind of program, as the lecture names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Too little ran to say anything.
    TooShort,
    /// I/O-bound, the waits one after the other: overlapping them helps.
    IoBoundSequential,
    /// I/O-bound, the waits already overlap: threads are doing their job.
    IoBoundOverlapped,
    /// CPU-bound under a GIL: threads take turns.
    CpuBound,
    /// CPU-bound without a GIL (`--gil=off`): threads ran in parallel.
    CpuParallel,
    /// The convoy effect: I/O threads queue behind a CPU-bound thread.
    Convoy,
    /// Threads mostly wait for each other's (user-level) locks.
    LockContention,
    /// An event loop step ran long without awaiting, holding up every other task.
    LoopBlocked,
    /// No single bottleneck.
    Mixed,
}

impl Verdict {
    /// The short name printed before the explanation.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::TooShort => "Too short",
            Verdict::IoBoundSequential | Verdict::IoBoundOverlapped => "I/O-bound",
            Verdict::CpuBound => "CPU-bound",
            Verdict::CpuParallel => "CPU-bound, parallel",
            Verdict::Convoy => "Convoy",
            Verdict::LockContention => "Lock contention",
            Verdict::LoopBlocked => "Event loop blocked",
            Verdict::Mixed => "Mixed",
        }
    }
}

/// The result: the verdict, the rule that fired with its numbers, and the full report.
#[derive(Clone, Debug)]
pub struct Diagnosis {
    pub verdict: Verdict,
    /// The rule that fired and the numbers it compared, e.g. `cpu-bound: bytecode ran 99% of wall ≥ 70%`.
    pub rule: String,
    /// The verdict sentence(s), in the lecture's words.
    pub message: String,
    /// One line of totals (for picture headers).
    pub totals: String,
    /// The whole text printed by `--diagnose`.
    pub report: String,
}

/// Per-thread sums, split into I/O and synchronisation waits.
struct Th<'a> {
    t: &'a ThreadStats,
    run: f64,
    wait: f64,
    io: f64,
    io_calls: u64,
    lock: f64,
    active: f64,
}

fn per_thread(t: &ThreadStats) -> Th<'_> {
    let mut io = 0.0;
    let mut io_calls = 0;
    let mut lock = 0.0;
    for b in &t.blocked_calls {
        if is_sync_call(b.call) {
            if b.call.ends_with(".acquire") {
                lock += b.total.as_secs_f64();
            }
        } else {
            io += b.total.as_secs_f64();
            io_calls += b.count;
        }
    }
    let run = t.running.as_secs_f64();
    let wait = t.waiting.as_secs_f64();
    Th {
        t,
        run,
        wait,
        io,
        io_calls,
        lock,
        active: run + wait + t.blocked.as_secs_f64(),
    }
}

/// Time one thread spent waiting on child processes: starting them, and waiting for their
/// results or their exit (`Process.start`, `Process.join`, `Pool.wait`, `mp.*`).
fn child_wait(t: &Th) -> f64 {
    t.t.blocked_calls
        .iter()
        .filter(|b| {
            b.call.starts_with("Process.")
                || b.call.starts_with("Pool.")
                || b.call.starts_with("mp.")
        })
        .map(|b| b.total.as_secs_f64())
        .sum()
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The waits for the GIL right after each I/O call of one thread (0 when the
/// lock was free), from its events.
fn waits_after_io(ev: &ThreadEvents, end: f64) -> Vec<f64> {
    let spans = spans_of(&ev.events, std::time::Duration::from_secs_f64(end));
    let mut out = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        if let ThreadPhase::Blocked(call) = s.phase {
            if is_sync_call(call) {
                continue;
            }
            match spans.get(i + 1) {
                Some(n) if n.phase == ThreadPhase::WaitingForGil => out.push(n.end - n.start),
                Some(_) => out.push(0.0),
                None => {}
            }
        }
    }
    out
}

/// Time during which at least one I/O call (any thread) was in flight, and
/// the largest number in flight at once, from events.
fn io_union(events: &[ThreadEvents], end: f64) -> (f64, usize) {
    let mut edges: Vec<(f64, i32)> = Vec::new();
    for ev in events {
        for s in spans_of(&ev.events, std::time::Duration::from_secs_f64(end)) {
            if let ThreadPhase::Blocked(call) = s.phase {
                if !is_sync_call(call) {
                    edges.push((s.start, 1));
                    edges.push((s.end, -1));
                }
            }
        }
    }
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let (mut depth, mut peak, mut covered, mut since) = (0i32, 0usize, 0.0, 0.0);
    for (t, d) in edges {
        if depth > 0 {
            covered += t - since;
        }
        depth += d;
        peak = peak.max(depth.max(0) as usize);
        since = t;
    }
    (covered, peak)
}

/// The end of the event time axis: the latest event.
fn events_end(events: &[ThreadEvents]) -> f64 {
    events
        .iter()
        .filter_map(|e| e.events.last())
        .map(|e| e.at.as_secs_f64())
        .fold(0.0, f64::max)
}

/// The names of the I/O calls, largest total first, with counts.
fn io_calls_by_name(ths: &[Th]) -> Vec<(&'static str, f64, u64)> {
    let mut v: Vec<(&'static str, f64, u64)> = Vec::new();
    for th in ths {
        for b in &th.t.blocked_calls {
            if is_sync_call(b.call) {
                continue;
            }
            match v.iter_mut().find(|x| x.0 == b.call) {
                Some(x) => {
                    x.1 += b.total.as_secs_f64();
                    x.2 += b.count;
                }
                None => v.push((b.call, b.total.as_secs_f64(), b.count)),
            }
        }
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    v
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Judges a run. See the module documentation for the rules.
pub fn diagnose(inp: &Inputs) -> Diagnosis {
    let s = inp.stats;
    let wall = s.elapsed.as_secs_f64();
    let w = wall.max(1e-9);
    let cores = inp.cores.max(1);
    let ths: Vec<Th> = s.threads.iter().map(per_thread).collect();
    let run_total: f64 = ths.iter().map(|t| t.run).sum();
    let busy = run_total / w;
    let io_total: f64 = ths.iter().map(|t| t.io).sum();
    let io_calls: u64 = ths.iter().map(|t| t.io_calls).sum();
    let io_threads = ths.iter().filter(|t| t.io_calls > 0).count();
    let ev_end = inp.events.map(events_end);

    // I/O coverage: exact from events, else estimated from the sums.
    let (io_cover, io_peak) = match (inp.events, ev_end) {
        (Some(ev), Some(end)) => io_union(ev, end),
        _ => {
            let one = ths.iter().map(|t| t.io).fold(0.0, f64::max);
            if io_threads <= 1 {
                (io_total, io_threads)
            } else {
                // Several threads: at least the largest one's, at most the wall.
                (io_total.min(w).max(one), io_threads)
            }
        }
    };
    let io_conc = if io_cover > 0.0 {
        io_total / io_cover
    } else {
        0.0
    };

    let mut totals = format!("wall {}", human(wall));
    if let Some(c) = inp.cpu {
        let _ = write!(
            totals,
            " · CPU {} = {:.2} cores of {}",
            human(c.total()),
            c.total() / w,
            cores
        );
    }
    let _ = write!(
        totals,
        " · bytecode ran {} of wall · {} GIL switches · policy {}",
        pct(busy),
        s.switches,
        s.policy.name()
    );

    let locking = s.policy != Policy::Off;
    let (verdict, rule, message) = judge(
        inp, &ths, wall, busy, io_total, io_calls, io_cover, io_conc, io_peak, locking, cores,
    );

    let report = render_report(inp, &ths, wall, busy, verdict, &rule, &message);
    Diagnosis {
        verdict,
        rule,
        message,
        totals,
        report,
    }
}

#[allow(clippy::too_many_arguments)]
fn judge(
    inp: &Inputs,
    ths: &[Th],
    wall: f64,
    busy: f64,
    io_total: f64,
    io_calls: u64,
    io_cover: f64,
    io_conc: f64,
    io_peak: usize,
    locking: bool,
    cores: usize,
) -> (Verdict, String, String) {
    let w = wall.max(1e-9);
    let run_total: f64 = ths.iter().map(|t| t.run).sum();

    // 1. Too short.
    if wall < MIN_WALL {
        return (
            Verdict::TooShort,
            format!("too-short: wall {} < {}", human(wall), human(MIN_WALL)),
            format!("Too short to judge: the program ran for {}.", human(wall)),
        );
    }

    // 2. Convoy.
    if locking {
        let ev_end = inp.events.map(events_end);
        for io in ths.iter().filter(|t| t.io_calls >= CONVOY_MIN_CALLS) {
            // The CPU side: every other thread's bytecode time together.
            let others: f64 = ths
                .iter()
                .filter(|c| c.t.id != io.t.id)
                .map(|c| c.run)
                .sum();
            let hog = ths
                .iter()
                .filter(|c| c.t.id != io.t.id)
                .max_by(|a, b| a.run.total_cmp(&b.run));
            let Some(hog) = hog else { continue };
            if others / w < CONVOY_HOG {
                continue;
            }
            let hogs = ths
                .iter()
                .filter(|c| c.t.id != io.t.id && c.run >= CPU_THREAD_SHARE * run_total)
                .count();
            let hog_name = if hogs > 1 {
                format!("{hogs} CPU-bound threads")
            } else {
                hog.t.name.clone()
            };
            // A short switch interval shortens every wait: judge against it.
            let min_wait = CONVOY_MIN_WAIT.min(inp.stats.switch_interval / 2.0);
            // With events: the median of the waits after the calls that found
            // the GIL held (calls after the CPU thread ended find it free).
            let from_events = inp.events.and_then(|evs| {
                let ev = evs.iter().find(|e| e.thread == io.t.id)?;
                let mut held: Vec<f64> = waits_after_io(ev, ev_end.unwrap_or(0.0))
                    .into_iter()
                    .filter(|w| *w >= CONVOY_HELD)
                    .collect();
                let n = held.len() as u64;
                Some((median(&mut held).unwrap_or(0.0), n))
            });
            let (typical, how, waited_calls) = match from_events {
                Some((m, n)) => (m, "a median", n),
                None => (io.wait / io.io_calls as f64, "on average", io.io_calls),
            };
            let share = io.wait / io.active.max(1e-9);
            let (of_calls, after) = if waited_calls == io.io_calls {
                (format!("{}", io.io_calls), "each blocking call")
            } else {
                (
                    format!("{} of {}", waited_calls, io.io_calls),
                    "each blocking call that found it held",
                )
            };
            if waited_calls >= CONVOY_MIN_CALLS && typical >= min_wait && share >= CONVOY_MIN_SHARE
            {
                let advice = if inp.stats.policy == Policy::Priority {
                    "--gil-policy=priority is already on: move the CPU work to a process"
                } else {
                    "Try --gil-policy=priority or move the CPU work to a process"
                };
                return (
                    Verdict::Convoy,
                    format!(
                        "convoy: {} waited {} {} (≥ {}) for the GIL after {} I/O calls, {} of its time (≥ {}); {} ran bytecode {} of wall (≥ {})",
                        io.t.name,
                        how,
                        human(typical),
                        human(min_wait),
                        of_calls,
                        pct(share),
                        pct(CONVOY_MIN_SHARE),
                        hog_name,
                        pct(others / w),
                        pct(CONVOY_HOG)
                    ),
                    format!(
                        "Convoy: an I/O thread ({}) waited {} {} for the GIL after {} ({} calls; {} of its time), while {} kept the GIL busy. {}.",
                        io.t.name,
                        how,
                        human(typical),
                        after,
                        of_calls,
                        pct(share),
                        hog_name,
                        advice
                    ),
                );
            }
        }
    }

    // 3. An event loop blocked by a step that never awaited.
    let run_of = |id: u32| ths.iter().find(|t| t.t.id == id).map_or(0.0, |t| t.run);
    if let Some(j) = diagnose_loop::blocked(inp.loops, wall, cores, &run_of) {
        return j;
    }

    // 4. CPU-bound.
    if busy >= CPU_BUSY {
        let cpu: Vec<&Th> = ths
            .iter()
            .filter(|t| t.run >= CPU_THREAD_SHARE * run_total)
            .collect();
        let n = cpu.len();
        let rule = format!(
            "cpu-bound: bytecode ran {} of wall (≥ {})",
            pct(busy),
            pct(CPU_BUSY)
        );
        if !locking {
            // "Running" counts a thread's time even when the OS has descheduled
            // it, so the cores actually used come from the process CPU time.
            let peak = inp.stats.max_running;
            let used = inp.cpu.map_or(busy.min(cores as f64), |c| c.total() / w);
            let busy_machine = if used < 0.6 * (n.min(cores) as f64) {
                " (less than the threads could use: the machine was busy with other work, or the threads' work was uneven)"
            } else {
                ""
            };
            return (
                Verdict::CpuParallel,
                format!("{rule}; no GIL: {} CPU threads, {:.1} cores used", n, used),
                format!(
                    "CPU-bound, running in parallel (--gil=off): {} threads ran bytecode at the same time (up to {} at once), and the process kept {:.1} of {} cores busy{}. This is what threads buy you without a GIL.",
                    n, peak, used, cores, busy_machine
                ),
            );
        }
        // Amdahl: the work of the CPU threads other than the main thread can be
        // spread over min(k, cores) processes; the rest stays serial.
        let workers: Vec<&&Th> = cpu.iter().filter(|t| t.t.id != 0).collect();
        let (par, k) = if workers.len() >= 2 {
            (workers.iter().map(|t| t.run).sum::<f64>(), workers.len())
        } else {
            (cpu.iter().map(|t| t.run).sum::<f64>(), n)
        };
        if n >= 2 {
            let waited: f64 = cpu.iter().map(|t| t.wait).sum();
            let active: f64 = cpu.iter().map(|t| t.active).sum();
            let new_wall =
                (wall - run_total).max(0.0) + (run_total - par) + par / k.min(cores) as f64;
            let speedup = wall / new_wall.max(1e-9);
            let mp = if cores >= 2 {
                format!(
                    "Use multiprocessing ({} cores: about {:.1}× expected) or run with --gil=off.",
                    cores, speedup
                )
            } else {
                "This machine has 1 core, so neither processes nor --gil=off would speed it up."
                    .to_string()
            };
            return (
                Verdict::CpuBound,
                format!("{rule}; {n} CPU threads waited {} of their time", pct(waited / active.max(1e-9))),
                format!(
                    "CPU-bound: the GIL was busy {} of the time, and {} threads spent {} of their time waiting for it. Threads cannot help here. {}",
                    pct(busy),
                    n,
                    pct(waited / active.max(1e-9)),
                    mp
                ),
            );
        }
        let name = cpu.first().map_or("one thread", |t| t.t.name.as_str());
        let on_loop = cpu.first().map_or(String::new(), |t| {
            diagnose_loop::cpu_note(inp.loops, t.t.id, t.run)
        });
        let new_wall = (wall - run_total).max(0.0) + run_total / cores as f64;
        return (
            Verdict::CpuBound,
            format!("{rule}; all of it in one thread"),
            format!(
                "CPU-bound: the GIL was busy {} of the time, all of it in one thread ({}).{} More threads would only take turns. Split the work across processes ({} cores: up to {:.1}× if it divides evenly) or make the loop itself cheaper.",
                pct(busy),
                name,
                on_loop,
                cores,
                wall / new_wall.max(1e-9)
            ),
        );
    }

    // 5. Child processes: the program mostly waited for its children. Whether they computed
    // or waited shows in their CPU time (counted once they have been reaped).
    let on_children = ths.iter().map(child_wait).fold(0.0, f64::max);
    if let (Some(c), true) = (inp.cpu, on_children / w >= CHILD_WAIT) {
        let kids = c.children_user + c.children_system;
        let started: u64 = ths
            .iter()
            .flat_map(|t| &t.t.blocked_calls)
            .filter(|b| b.call == "Process.start")
            .map(|b| b.count)
            .sum();
        let n = started.max(1);
        let each = kids / (n as f64 * on_children.max(1e-9));
        let rule = format!(
            "processes: a thread waited on child processes {} of wall (≥ {}); {} used {} of CPU, {} of a core each while waited for",
            pct(on_children / w),
            pct(CHILD_WAIT),
            plural(n, "child", "children"),
            human(kids),
            pct(each)
        );
        if each >= CHILD_CPU {
            return (
                Verdict::CpuParallel,
                format!("{rule} (≥ {}: computing)", pct(CHILD_CPU)),
                format!(
                    "CPU-bound, running in parallel in child processes: {} used {} of CPU in {} of wall ({:.1} of {} cores busy). Each process has its own GIL, so multiprocessing is doing its job; start-up and pickling are its price.",
                    plural(n, "child", "children"),
                    human(kids),
                    human(wall),
                    kids / w,
                    cores
                ),
            );
        }
        return (
            Verdict::IoBoundOverlapped,
            format!("{rule} (< {}: waiting)", pct(CHILD_CPU)),
            format!(
                "I/O-bound, in child processes: the program waited {} of the time for {}, which used only {} of CPU between them, so they were waiting too. Processes cost start-up time and memory and buy nothing for waiting: use threads (dozens to hundreds of waits) or asyncio (thousands).",
                pct(on_children / w),
                plural(n, "child", "children"),
                human(kids)
            ),
        );
    }

    // 6. I/O-bound.
    let io_share = io_cover / w;
    if io_calls > 0 && io_share >= IO_SHARE {
        // Mostly an event loop waiting: its waits in flight say whether they overlapped.
        if let Some(j) = diagnose_loop::io(inp.loops, wall, io_cover, busy) {
            return j;
        }
        let names = io_calls_by_name(ths);
        let what = match names.as_slice() {
            [(a, _, _)] => a.to_string(),
            [(a, _, _), (b, _, _)] => format!("{a} and {b}"),
            [(a, _, _), (b, _, _), ..] => format!("{a}, {b} and others"),
            [] => "I/O".to_string(),
        };
        let calls = plural(io_calls, "call", "calls");
        if io_conc < IO_OVERLAP {
            let longest_possible = io_total / io_calls as f64;
            let new_wall = (wall - io_total).max(0.0) + longest_possible;
            let advice = if io_calls >= 1000 {
                "With thousands of waits, use asyncio (threads cost memory and switches)."
            } else {
                "For dozens to hundreds of waits use threads; for thousands use asyncio."
            };
            return (
                Verdict::IoBoundSequential,
                format!(
                    "io-bound: blocked in I/O {} of wall (≥ {}), {:.1} calls in flight on average (< {:.1}: sequential)",
                    pct(io_share),
                    pct(IO_SHARE),
                    io_conc,
                    IO_OVERLAP
                ),
                format!(
                    "I/O-bound: {} of wall time was spent blocked in {} ({}, sequential). Overlapping them could cut wall time from {} to about {}. {}",
                    pct(io_share),
                    what,
                    calls,
                    human(wall),
                    human(new_wall),
                    advice
                ),
            );
        }
        return (
            Verdict::IoBoundOverlapped,
            format!(
                "io-bound: blocked in I/O {} of wall (≥ {}), {:.1} calls in flight on average (≥ {:.1}: overlapped)",
                pct(io_share),
                pct(IO_SHARE),
                io_conc,
                IO_OVERLAP
            ),
            format!(
                "I/O-bound, and the waits already overlap: {} {} calls took {} of waiting in {} of wall ({:.1} in flight on average{}). The GIL was busy only {} of the time, so it is not the bottleneck: threads are doing their job. For thousands of waits, use asyncio.",
                io_calls,
                what,
                human(io_total),
                human(wall),
                io_conc,
                if io_peak > 1 { format!(", up to {io_peak}") } else { String::new() },
                pct(busy)
            ),
        );
    }

    // 7. Lock contention.
    let lock_total: f64 = ths.iter().map(|t| t.lock).sum();
    let active_total: f64 = ths.iter().map(|t| t.active).sum();
    if lock_total / active_total.max(1e-9) >= LOCK_SHARE {
        return (
            Verdict::LockContention,
            format!(
                "contention: Lock.acquire took {} of the threads' time (≥ {})",
                pct(lock_total / active_total.max(1e-9)),
                pct(LOCK_SHARE)
            ),
            format!(
                "Lock contention: threads spent {} of their time blocked in Lock.acquire, waiting for each other. The GIL is not the bottleneck (busy {}): hold locks for less time, or split them.",
                pct(lock_total / active_total.max(1e-9)),
                pct(busy)
            ),
        );
    }

    // 8. Mixed.
    (
        Verdict::Mixed,
        format!(
            "mixed: bytecode {} of wall (< {}), blocked in I/O {} of wall (< {})",
            pct(busy),
            pct(CPU_BUSY),
            pct(io_share),
            pct(IO_SHARE)
        ),
        format!(
            "Mixed: the GIL was busy {} of the time and I/O was in flight {} of the time; neither dominates. Look at the timeline (--timeline out.svg) to see where the time goes.",
            pct(busy),
            pct(io_share)
        ),
    )
}

fn render_report(
    inp: &Inputs,
    ths: &[Th],
    wall: f64,
    busy: f64,
    verdict: Verdict,
    rule: &str,
    message: &str,
) -> String {
    let s = inp.stats;
    let w = wall.max(1e-9);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n── gil --diagnose ──────────────────────────────────────────────"
    );
    let _ = write!(out, "wall time   {:.3} s", wall);
    if let Some(c) = inp.cpu {
        let _ = write!(
            out,
            "\nCPU time    {:.3} s (user {:.3} + system {:.3}{}) = {:.2} cores busy of {}",
            c.total(),
            c.user + c.children_user,
            c.system + c.children_system,
            if c.children_user + c.children_system > 0.0 {
                ", children included"
            } else {
                ""
            },
            c.total() / w,
            inp.cores
        );
    }
    let _ = writeln!(
        out,
        "\nGIL         policy {}, bytecode ran {} of wall, {} switches, at most {} thread{} running at once",
        s.policy.name(),
        pct(busy),
        s.switches,
        s.max_running,
        if s.max_running == 1 { "" } else { "s" }
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<18} {:>17} {:>17} {:>17}",
        "thread", "running bytecode", "waiting for GIL", "blocked in calls"
    );
    let cell = |d: f64| format!("{:>9.3} s {:>4.0}%", d, 100.0 * d / w);
    // Thousands of threads would bury the verdict: the first ones, then one line for the rest.
    let shown = if ths.len() > MAX_THREAD_ROWS {
        MAX_THREAD_ROWS - 1
    } else {
        ths.len()
    };
    for th in &ths[..shown] {
        let mut name = th.t.name.clone();
        if name.chars().count() > 18 {
            name = name.chars().take(17).collect::<String>() + "…";
        }
        let _ = writeln!(
            out,
            "{:<18} {} {} {}",
            name,
            cell(th.run),
            cell(th.wait),
            cell(th.t.blocked.as_secs_f64())
        );
        for b in &th.t.blocked_calls {
            let d = b.total.as_secs_f64();
            let _ = writeln!(
                out,
                "{:<18} {:>54}",
                "",
                format!("{} {} ×{}", b.call, cell(d).trim_start(), b.count)
            );
        }
    }
    if let Some(rest) = ths.get(shown..).filter(|r| !r.is_empty()) {
        let sum = |f: &dyn Fn(&Th) -> f64| rest.iter().map(f).sum::<f64>();
        let _ = writeln!(
            out,
            "{:<18} {} {} {}",
            format!("+{} threads", rest.len()),
            cell(sum(&|t| t.run)),
            cell(sum(&|t| t.wait)),
            cell(sum(&|t| t.t.blocked.as_secs_f64()))
        );
    }
    out.push_str(&diagnose_loop::section(inp.loops, wall));
    let _ = writeln!(out);
    let _ = writeln!(out, "Verdict: {}", wrap(message, 72, "         "));
    let _ = writeln!(out, "Rule:    {}", wrap(rule, 72, "         "));
    let _ = verdict;
    out
}

/// Wraps text at `width` columns, indenting continuation lines.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    // Keep a number with its unit ("4.05 s", "12 ms").
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let unit = matches!(
            word.trim_end_matches([',', '.', ')', ';', ':']),
            "s" | "ms" | "µs" | "cores"
        );
        match words.last_mut() {
            Some(prev) if unit => {
                prev.push('\u{a0}');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    for word in &words {
        let n = word.chars().count();
        if col > 0 && col + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(&word.replace('\u{a0}', " "));
        col += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gil::{BlockedCallStats, Event};
    use std::time::Duration;

    fn secs(x: f64) -> Duration {
        Duration::from_secs_f64(x)
    }

    fn thread(
        id: u32,
        name: &str,
        run: f64,
        wait: f64,
        calls: &[(&'static str, u64, f64)],
    ) -> ThreadStats {
        let blocked_calls: Vec<BlockedCallStats> = calls
            .iter()
            .map(|&(call, count, t)| BlockedCallStats {
                call,
                count,
                total: secs(t),
            })
            .collect();
        ThreadStats {
            id,
            name: name.into(),
            native_id: None,
            finished: true,
            phase: ThreadPhase::Exited,
            running: secs(run),
            waiting: secs(wait),
            longest_wait: secs(wait),
            blocked: blocked_calls.iter().map(|b| b.total).sum(),
            blocked_calls,
            acquisitions: 1,
            forced_drops: 0,
            voluntary_drops: 0,
        }
    }

    fn stats(policy: Policy, wall: f64, threads: Vec<ThreadStats>) -> GilStats {
        GilStats {
            policy,
            switch_interval: 0.005,
            check_interval: 100,
            elapsed: secs(wall),
            switches: 10,
            drop_requests: 0,
            running_now: 0,
            max_running: if policy == Policy::Off { 2 } else { 1 },
            threads,
        }
    }

    fn run(s: &GilStats, events: Option<&[ThreadEvents]>) -> Diagnosis {
        diagnose(&Inputs {
            stats: s,
            events,
            cpu: Some(CpuTimes {
                user: 0.1,
                system: 0.01,
                ..Default::default()
            }),
            cores: 2,
            loops: &[],
        })
    }

    #[test]
    fn sequential_sleeps_are_io_bound() {
        let s = stats(
            Policy::Interval,
            5.02,
            vec![thread(
                0,
                "MainThread",
                0.02,
                0.0,
                &[("time.sleep", 5, 5.0)],
            )],
        );
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::IoBoundSequential, "{}", d.report);
        assert!(
            d.message
                .contains("blocked in time.sleep (5 calls, sequential)"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("from 5.02 s to about 1.02 s"),
            "{}",
            d.message
        );
        assert!(d.report.contains("Verdict: I/O-bound"), "{}", d.report);
    }

    #[test]
    fn overlapped_sleeps_are_io_bound_overlapped() {
        let mut threads = vec![thread(
            0,
            "MainThread",
            0.01,
            0.0,
            &[("Thread.join", 5, 1.0)],
        )];
        for i in 1..=5 {
            threads.push(thread(
                i,
                &format!("Thread-{i}"),
                0.002,
                0.0,
                &[("time.sleep", 1, 0.99)],
            ));
        }
        let s = stats(Policy::Interval, 1.01, threads);
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::IoBoundOverlapped, "{}", d.report);
    }

    #[test]
    fn spinning_threads_are_cpu_bound_with_amdahl_estimate() {
        let s = stats(
            Policy::Interval,
            2.0,
            vec![
                thread(0, "MainThread", 0.02, 0.0, &[("Thread.join", 2, 1.97)]),
                thread(1, "Thread-1", 0.99, 0.98, &[]),
                thread(2, "Thread-2", 0.98, 0.99, &[]),
            ],
        );
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::CpuBound, "{}", d.report);
        assert!(
            d.message
                .contains("2 threads spent 50% of their time waiting"),
            "{}",
            d.message
        );
        // serial 0.02 + idle 0.01 + 1.97/2 -> 2.0/1.015 = 2.0x (rounded)
        assert!(d.message.contains("about 2.0× expected"), "{}", d.message);
        assert!(d.rule.starts_with("cpu-bound: bytecode ran"), "{}", d.rule);
    }

    #[test]
    fn one_busy_thread_is_cpu_bound_single() {
        let s = stats(
            Policy::Interval,
            1.0,
            vec![thread(0, "MainThread", 0.99, 0.0, &[])],
        );
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::CpuBound);
        assert!(
            d.message.contains("all of it in one thread (MainThread)"),
            "{}",
            d.message
        );
    }

    #[test]
    fn gil_off_is_parallel() {
        let s = stats(
            Policy::Off,
            1.0,
            vec![
                thread(0, "MainThread", 0.01, 0.0, &[("Thread.join", 2, 0.98)]),
                thread(1, "Thread-1", 0.95, 0.0, &[]),
                thread(2, "Thread-2", 0.95, 0.0, &[]),
            ],
        );
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::CpuParallel, "{}", d.report);
        assert!(
            d.message
                .contains("2 threads ran bytecode at the same time"),
            "{}",
            d.message
        );
    }

    #[test]
    fn io_thread_behind_cpu_thread_is_a_convoy() {
        let s = stats(
            Policy::Interval,
            2.0,
            vec![
                thread(0, "MainThread", 1.6, 0.3, &[("Thread.join", 1, 0.05)]),
                thread(1, "io", 0.05, 1.0, &[("io.read", 200, 0.9)]),
            ],
        );
        // Without events: mean wait 1.0/200 = 5 ms.
        let d = run(&s, None);
        assert_eq!(d.verdict, Verdict::Convoy, "{}", d.report);
        assert!(d.message.contains("on average 5.0 ms"), "{}", d.message);
        assert!(
            d.message.contains("Try --gil-policy=priority"),
            "{}",
            d.message
        );

        // With events: the median of the waits after each blocking call.
        let ms = |x: u64| Duration::from_millis(x);
        let mut evs = Vec::new();
        let mut t = 0;
        for i in 0..10 {
            evs.push(Event {
                at: ms(t),
                phase: ThreadPhase::Blocked("io.read"),
            });
            t += 1;
            evs.push(Event {
                at: ms(t),
                phase: ThreadPhase::WaitingForGil,
            });
            t += if i < 6 { 4 } else { 2 };
            evs.push(Event {
                at: ms(t),
                phase: ThreadPhase::Running,
            });
            t += 1;
        }
        let events = vec![ThreadEvents {
            thread: 1,
            name: "io".into(),
            events: evs,
        }];
        let d = run(&s, Some(&events));
        assert_eq!(d.verdict, Verdict::Convoy);
        assert!(d.message.contains("a median 4.0 ms"), "{}", d.message);
        // Calls that found the GIL free (no WaitingForGil phase) are left out of the median.
        let mut evs = Vec::new();
        for i in 0..10u64 {
            evs.push(Event {
                at: ms(10 * i),
                phase: ThreadPhase::Blocked("io.read"),
            });
            if i < 6 {
                evs.push(Event {
                    at: ms(10 * i + 1),
                    phase: ThreadPhase::WaitingForGil,
                });
            }
            evs.push(Event {
                at: ms(10 * i + 6),
                phase: ThreadPhase::Running,
            });
        }
        let events = vec![ThreadEvents {
            thread: 1,
            name: "io".into(),
            events: evs,
        }];
        let d = run(&s, Some(&events));
        assert_eq!(d.verdict, Verdict::Convoy, "{}", d.report);
        assert!(d.message.contains("a median 5.0 ms"), "{}", d.message);
        assert!(
            d.message.contains("that found it held (6 of 200 calls;"),
            "{}",
            d.message
        );
    }

    #[test]
    fn lock_waits_are_contention_and_short_runs_are_not_judged() {
        let s = stats(
            Policy::Interval,
            1.0,
            vec![
                thread(0, "MainThread", 0.05, 0.0, &[("Thread.join", 1, 0.9)]),
                thread(1, "a", 0.2, 0.0, &[("Lock.acquire", 50, 0.7)]),
                thread(2, "b", 0.2, 0.0, &[("Lock.acquire", 50, 0.7)]),
            ],
        );
        assert_eq!(run(&s, None).verdict, Verdict::LockContention);
        let s = stats(
            Policy::Interval,
            0.005,
            vec![thread(0, "MainThread", 0.004, 0.0, &[])],
        );
        assert_eq!(run(&s, None).verdict, Verdict::TooShort);
        let s = stats(
            Policy::Interval,
            1.0,
            vec![thread(0, "MainThread", 0.4, 0.0, &[("time.sleep", 3, 0.3)])],
        );
        assert_eq!(run(&s, None).verdict, Verdict::Mixed);
    }

    #[test]
    fn waiting_on_children_is_judged_by_their_cpu_time() {
        let s = stats(
            Policy::Interval,
            1.0,
            vec![
                thread(0, "MainThread", 0.02, 0.0, &[("Lock.acquire", 2, 0.9)]),
                thread(
                    1,
                    "pool",
                    0.01,
                    0.0,
                    &[("Pool.wait", 4, 0.8), ("Process.start", 2, 0.05)],
                ),
            ],
        );
        let with_kids = |kids: f64| {
            diagnose(&Inputs {
                stats: &s,
                events: None,
                cpu: Some(CpuTimes {
                    user: 0.05,
                    children_user: kids,
                    ..Default::default()
                }),
                cores: 2,
                loops: &[],
            })
        };
        let d = with_kids(1.8);
        assert_eq!(d.verdict, Verdict::CpuParallel, "{}", d.report);
        assert!(d.message.contains("1.8 of 2 cores busy"), "{}", d.message);
        // A loaded machine gives the children less: still computing.
        assert_eq!(with_kids(0.4).verdict, Verdict::CpuParallel);
        let d = with_kids(0.05);
        assert_eq!(d.verdict, Verdict::IoBoundOverlapped, "{}", d.report);
        assert!(d.message.contains("use threads"), "{}", d.message);
    }

    #[test]
    fn thousands_of_threads_fit_in_a_short_report() {
        let threads = (0..2000)
            .map(|i| thread(i, &format!("t{i}"), 0.0, 0.0, &[("time.sleep", 1, 1.0)]))
            .collect();
        let d = run(&stats(Policy::Interval, 1.2, threads), None);
        assert!(d.report.lines().count() < 60, "{}", d.report);
        assert!(d.report.contains("+1985 threads"), "{}", d.report);
        assert!(d.report.contains("1985.000 s"), "{}", d.report);
    }

    #[test]
    fn io_overlap_from_events() {
        let ms = |x: u64| Duration::from_millis(x);
        let lane = |id, start| ThreadEvents {
            thread: id,
            name: format!("t{id}"),
            events: vec![
                Event {
                    at: ms(start),
                    phase: ThreadPhase::Running,
                },
                Event {
                    at: ms(start + 1),
                    phase: ThreadPhase::Blocked("time.sleep"),
                },
                Event {
                    at: ms(start + 101),
                    phase: ThreadPhase::Running,
                },
                Event {
                    at: ms(start + 102),
                    phase: ThreadPhase::Exited,
                },
            ],
        };
        let evs = vec![lane(1, 0), lane(2, 50)];
        let (cover, peak) = io_union(&evs, 0.2);
        assert!((cover - 0.150).abs() < 1e-9, "{cover}");
        assert_eq!(peak, 2);
    }

    #[test]
    fn wrap_keeps_lines_short() {
        let w = wrap("aaa bbb ccc ddd", 7, "  ");
        assert_eq!(w, "aaa bbb\n  ccc ddd");
        assert_eq!(wrap("took 4.05 s of", 10, ""), "took\n4.05 s of");
    }
}
