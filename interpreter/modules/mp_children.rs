//! Every child process this process started, and what each cost: wall time, CPU time and
//! peak RSS (from `wait4`'s `rusage` when it is reaped, from `/proc` while it still runs),
//! when it was busy with a task, and its own GIL's figures, which the child sends at exit.
//! `--gil-stats`, `--diagnose`, `--timeline` and `--trace` show them
//! (`observe/children.rs`).

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::gil::{process_start, Gil};

/// A child's own GIL figures, sent by the child when it exits (a control frame on its
/// reply pipe).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ChildGil {
    /// The child's wall time, as its GIL measured it.
    pub wall: f64,
    /// Bytecode running time, all of the child's threads together.
    pub running: f64,
    /// Time the child's threads waited for the child's GIL.
    pub waiting: f64,
    pub switches: u64,
    pub threads: u32,
    /// At most this many of the child's threads ran bytecode at once (1 under a GIL).
    pub max_running: u32,
}

impl ChildGil {
    /// This process's figures, to send to the parent.
    pub fn of(gil: &Gil) -> ChildGil {
        let s = gil.snapshot();
        ChildGil {
            wall: s.elapsed.as_secs_f64(),
            running: s.threads.iter().map(|t| t.running.as_secs_f64()).sum(),
            waiting: s.threads.iter().map(|t| t.waiting.as_secs_f64()).sum(),
            switches: s.switches,
            threads: s.threads.len() as u32,
            max_running: s.max_running as u32,
        }
    }
}

/// One child, as the parent saw it. Times are seconds since `process_start`.
#[derive(Clone, Debug, Default)]
pub struct ChildRecord {
    pub pid: u32,
    /// `PoolWorker-1`, `Process-2`...
    pub name: String,
    pub started: f64,
    /// When the parent reaped it.
    pub ended: Option<f64>,
    pub exitcode: Option<i64>,
    /// User and system CPU seconds (so far, for a child still running).
    pub user: f64,
    pub system: f64,
    /// Peak resident set size, in kilobytes.
    pub peak_rss_kb: u64,
    /// Tasks: from the moment one was sent to the moment its reply arrived (or the child
    /// ended).
    pub busy: Vec<(f64, f64)>,
    /// A task sent whose reply has not arrived yet.
    pub open_task: Option<f64>,
    pub gil: Option<ChildGil>,
}

impl ChildRecord {
    pub fn cpu(&self) -> f64 {
        self.user + self.system
    }

    /// Wall time from spawn to reap (or to `now`).
    pub fn wall(&self, now: f64) -> f64 {
        (self.ended.unwrap_or(now) - self.started).max(0.0)
    }
}

/// Beyond this many tasks per child the timeline would be unreadable anyway: later tasks
/// extend the last span.
const MAX_SPANS: usize = 100_000;

fn registry() -> &'static Mutex<Vec<ChildRecord>> {
    static R: OnceLock<Mutex<Vec<ChildRecord>>> = OnceLock::new();
    R.get_or_init(Default::default)
}

fn now() -> f64 {
    process_start().elapsed().as_secs_f64()
}

/// Records a new child; returns its index for the calls below.
pub fn register(pid: u32, name: &str) -> usize {
    let mut r = registry().lock();
    r.push(ChildRecord {
        pid,
        name: name.to_string(),
        started: now(),
        ..Default::default()
    });
    r.len() - 1
}

fn with(idx: usize, f: impl FnOnce(&mut ChildRecord)) {
    if let Some(c) = registry().lock().get_mut(idx) {
        f(c)
    }
}

/// A task was sent to the child.
pub fn task_sent(idx: usize) {
    with(idx, |c| {
        if c.open_task.is_none() {
            c.open_task = Some(now());
        }
    });
}

/// A reply arrived (or the child ended): closes the open task.
pub fn task_done(idx: usize) {
    with(idx, |c| {
        if let Some(s) = c.open_task.take() {
            let e = now();
            if c.busy.len() < MAX_SPANS {
                c.busy.push((s, e));
            } else if let Some(last) = c.busy.last_mut() {
                last.1 = e;
            }
        }
    });
}

/// The child's own GIL figures arrived.
pub fn gil_figures(idx: usize, g: ChildGil) {
    with(idx, |c| c.gil = Some(g));
}

/// The child was reaped with this exit code and resource usage.
pub fn reaped(idx: usize, code: i64, ru: Option<&libc::rusage>) {
    task_done(idx);
    with(idx, |c| {
        c.ended = Some(now());
        c.exitcode = Some(code);
        if let Some(ru) = ru {
            let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
            c.user = tv(ru.ru_utime);
            c.system = tv(ru.ru_stime);
            c.peak_rss_kb = ru.ru_maxrss.max(0) as u64;
        }
    });
}

/// Every child so far; the ones still running with their CPU time and peak RSS read from
/// `/proc` now.
pub fn snapshot() -> Vec<ChildRecord> {
    let mut out = registry().lock().clone();
    for c in out.iter_mut().filter(|c| c.ended.is_none()) {
        if let Some((u, s)) = proc_cpu(c.pid) {
            c.user = u;
            c.system = s;
        }
        if let Some(kb) = proc_hwm_kb(c.pid) {
            c.peak_rss_kb = kb;
        }
        if let Some(s) = c.open_task {
            c.busy.push((s, now()));
        }
    }
    out
}

/// User and system CPU seconds of a running process, from `/proc/PID/stat`.
fn proc_cpu(pid: u32) -> Option<(f64, f64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the `(comm)`; utime and stime are the 14th and 15th fields overall.
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok());
    // SAFETY: sysconf takes an integer name and touches no memory of ours.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    Some((ticks(11)? / hz, ticks(12)? / hz))
}

/// Peak resident set size of a running process (`VmHWM`), in kilobytes.
fn proc_hwm_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reaps `pid`, waiting for it: its exit code (minus the signal number if killed) and its
/// resource usage.
pub fn wait4(pid: u32) -> (i64, Option<libc::rusage>) {
    loop {
        let mut status = 0;
        // SAFETY: `rusage` is a plain C struct of integers, for which all-zero is valid.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `status` and `ru` are valid, writable and outlive the call; `pid` is a child
        // of ours that only this thread reaps.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut ru) };
        if r == pid as libc::pid_t {
            let code = if libc::WIFEXITED(status) {
                libc::WEXITSTATUS(status) as i64
            } else if libc::WIFSIGNALED(status) {
                -(libc::WTERMSIG(status) as i64)
            } else {
                1
            };
            return (code, Some(ru));
        }
        if r < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        return (1, None);
    }
}
