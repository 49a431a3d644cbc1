//! Text reports printed at exit: the `--gil-stats` table, and its child processes.

use std::fmt::Write;

use crate::gil::GilStats;

/// Per-thread GIL accounting, in the spirit of py-spy's `GIL: x%` and gil_load's held/wait.
pub fn gil_stats_table(s: &GilStats) -> String {
    let wall = s.elapsed.as_secs_f64().max(1e-9);
    let pct = |d: std::time::Duration| 100.0 * d.as_secs_f64() / wall;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nGIL stats: policy={} switch_interval={}s wall={:.3}s switches={} max threads running bytecode at once={}",
        s.policy.name(),
        s.switch_interval,
        wall,
        s.switches,
        s.max_running
    );
    let _ = writeln!(
        out,
        "{:<20} {:>10} {:>10} {:>10} {:>8} {:>7} {:>7}  blocked in",
        "thread", "running", "waiting", "blocked", "acquire", "forced", "volunt"
    );
    for t in &s.threads {
        let calls: Vec<String> = t
            .blocked_calls
            .iter()
            .map(|b| format!("{} {:.3}s ×{}", b.call, b.total.as_secs_f64(), b.count))
            .collect();
        let _ = writeln!(
            out,
            "{:<20} {:>9.1}% {:>9.1}% {:>9.1}% {:>8} {:>7} {:>7}  {}",
            t.name,
            pct(t.running),
            pct(t.waiting),
            pct(t.blocked),
            t.acquisitions,
            t.forced_drops,
            t.voluntary_drops,
            calls.join(", ")
        );
    }
    out
}

/// The child processes' rows (`observe/children.rs`), or "" if none were started: each
/// child's pid, wall and CPU time, peak RSS and its own GIL's figures, and the CPU of parent
/// and children together over the parent's wall time.
pub fn children_table(wall: std::time::Duration) -> String {
    let kids = crate::modules::mp_children::snapshot();
    let now = crate::gil::process_start().elapsed().as_secs_f64();
    let me = crate::observe::CpuTimes::of_process().map(|c| c.user + c.system);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    crate::observe::children::table(&kids, now, me, wall.as_secs_f64(), cores)
}
