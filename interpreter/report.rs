//! Text reports printed at exit: the `--gil-stats` table.

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
