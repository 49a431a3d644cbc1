//! The event loop in `--diagnose`: its section of the report, the "event loop blocked" rule,
//! and the I/O verdict for waits that overlap on a loop rather than on threads.
//!
//! The figures come from `Gil::loop_stats` (see `gil/loop_acct.rs`): per loop thread, the
//! time inside steps (one task advanced or one callback run), the time polling and how many
//! waits (pending timers + watched descriptors) were in flight meanwhile, and the longest
//! step with the place the watchdog sampled while it ran long. The rules are documented in
//! `docs/DIAGNOSE.md`; keep the two in step.

use std::fmt::Write;

use super::diagnose::{Verdict, IO_OVERLAP, IO_SHARE};
use super::human;
use crate::gil::{LoopStats, StepPlace};

/// A step at least this long (seconds) blocked the loop: asyncio's debug mode reports callbacks
/// slower than this (`slow_callback_duration`). The same as `crate::gil::LONG_STEP`.
pub const LOOP_BLOCK: f64 = 0.1;
/// Steps of at least [`LOOP_BLOCK`] together held the loop at least this share of wall.
pub const LOOP_BLOCK_SHARE: f64 = 0.30;
/// The loop's polling must be at least this share of the time some I/O was in flight for the
/// I/O verdict to be the loop's (otherwise threads did most of the waiting).
pub const LOOP_IO_SHARE: f64 = 0.50;
/// The loop thread ran bytecode for at least this share of its long steps: they computed.
pub const LOOP_CPU: f64 = 0.50;

/// A verdict with its rule line and message.
pub(super) type Judged = (Verdict, String, String);

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn steps(n: u64) -> String {
    format!("{n} step{}", if n == 1 { "" } else { "s" })
}

/// `demo.py:17 (in hog)`, the file relative to the current directory when it is below it.
pub fn place_text(p: &StepPlace) -> String {
    let file = std::env::current_dir()
        .ok()
        .and_then(|d| {
            std::path::Path::new(&p.file)
                .strip_prefix(d)
                .ok()
                .map(|r| r.display().to_string())
        })
        .unwrap_or_else(|| p.file.clone());
    if p.func.starts_with('<') {
        format!("{file}:{}", p.line)
    } else {
        format!("{file}:{} (in {})", p.line, p.func)
    }
}

/// Where the longest step was: ` at demo.py:17 (in hog)`, `, blocked in time.sleep()`, or both.
fn where_text(lp: &LoopStats) -> String {
    let Some(l) = &lp.longest else {
        return String::new();
    };
    let mut out = String::new();
    if let Some(p) = &l.place {
        let _ = write!(out, " at {}", place_text(p));
    }
    if let Some(call) = l.blocked_in {
        if out.is_empty() {
            let _ = write!(out, " (blocked in {call}())");
        } else {
            let _ = write!(out, ", blocked in {call}()");
        }
    }
    out
}

/// Rule 3, the event loop blocked: some loop's longest step ran at least [`LOOP_BLOCK`], and its
/// steps that long held the loop at least [`LOOP_BLOCK_SHARE`] of wall. `run_of` gives a
/// thread's bytecode time (to tell computation from a blocking call).
pub(super) fn blocked(
    loops: &[LoopStats],
    wall: f64,
    cores: usize,
    run_of: &dyn Fn(u32) -> f64,
) -> Option<Judged> {
    let w = wall.max(1e-9);
    let lp = loops
        .iter()
        .max_by(|a, b| a.long_running.cmp(&b.long_running))?;
    let longest = lp.longest.as_ref()?;
    let long = lp.long_running.as_secs_f64();
    let dur = longest.duration.as_secs_f64();
    if dur < LOOP_BLOCK || long / w < LOOP_BLOCK_SHARE {
        return None;
    }
    let rule = format!(
        "loop-blocked: longest step {} (≥ {}); {} of ≥ {} held the loop {} of wall (≥ {})",
        human(dur),
        human(LOOP_BLOCK),
        steps(lp.long_steps),
        human(LOOP_BLOCK),
        pct(long / w),
        pct(LOOP_BLOCK_SHARE)
    );
    let computing = run_of(lp.thread) >= LOOP_CPU * long;
    let advice = if longest.blocked_in.is_some() && !computing {
        "A blocking call inside a coroutine stops every task: await an asyncio equivalent (asyncio.sleep, streams) or move the call to a thread (asyncio.to_thread).".to_string()
    } else if computing {
        // Amdahl: the long steps spread over processes, the rest stays.
        let k = if lp.long_steps >= 2 {
            (lp.long_steps as usize).min(cores)
        } else {
            cores
        };
        let new_wall = (wall - long).max(0.0) + long / k.max(1) as f64;
        let procs = if cores >= 2 {
            format!(
                "Move it to processes (loop.run_in_executor with a ProcessPoolExecutor, or multiprocessing; {} cores: up to {:.1}×{})",
                cores,
                wall / new_wall.max(1e-9),
                if lp.long_steps >= 2 { "" } else { " if it divides" }
            )
        } else {
            "Move it to a process".to_string()
        };
        format!(
            "The loop was computing, and async for CPU work is actively harmful: a coroutine that never awaits starves every other task. {procs}, or await asyncio.sleep(0) every so often so that other tasks get their turn."
        )
    } else {
        "Move the slow work off the loop (asyncio.to_thread for blocking calls, processes for computation), or await more often.".to_string()
    };
    let message = format!(
        "Event loop blocked: {} ran {} without awaiting{}. {} of ≥ {} held the loop for {} ({} of wall), and no other task could run meanwhile. {}",
        longest.name,
        human(dur),
        where_text(lp),
        steps(lp.long_steps),
        human(LOOP_BLOCK),
        human(long),
        pct(long / w),
        advice
    );
    Some((Verdict::LoopBlocked, rule, message))
}

/// Rule 5 for a loop: the I/O was mostly a loop polling (≥ [`LOOP_IO_SHARE`] of the time
/// some I/O was in flight). Overlapped if the waits in flight while it polled averaged at
/// least `IO_OVERLAP`, else one await after another. `io_cover` is the time some I/O was in
/// flight (the caller checked it is ≥ `IO_SHARE` of wall); `busy` the GIL's busy share.
pub(super) fn io(loops: &[LoopStats], wall: f64, io_cover: f64, busy: f64) -> Option<Judged> {
    let w = wall.max(1e-9);
    let lp = loops.iter().max_by(|a, b| a.polling.cmp(&b.polling))?;
    let poll = lp.polling.as_secs_f64();
    if lp.polls == 0 || poll < LOOP_IO_SHARE * io_cover {
        return None;
    }
    let avg = lp.avg_waits();
    let head = format!(
        "io-bound: blocked in I/O {} of wall (≥ {}); the event loop polled {} of wall with {:.1} waits in flight on average",
        pct(io_cover / w),
        pct(IO_SHARE),
        pct(poll / w),
        avg
    );
    if avg >= IO_OVERLAP {
        return Some((
            Verdict::IoBoundOverlapped,
            format!("{head} (≥ {IO_OVERLAP:.1}: overlapped)"),
            format!(
                "I/O-bound, and the waits already overlap on the event loop: {:.1} waits were in flight on average while it polled (up to {}), with up to {} tasks alive. The loop polled {} of wall and ran tasks {}; the GIL was busy {}. One thread, no switching: asyncio is doing its job, and only shorter or fewer waits would make this faster.",
                avg,
                lp.peak_waits,
                lp.peak_tasks,
                pct(poll / w),
                pct(lp.running.as_secs_f64() / w),
                pct(busy)
            ),
        ));
    }
    // Overlapped, the waits would take about the longest one.
    let new_wall = (wall - poll).max(0.0) + lp.longest_poll.as_secs_f64();
    Some((
        Verdict::IoBoundSequential,
        format!("{head} (< {IO_OVERLAP:.1}: sequential)"),
        format!(
            "I/O-bound: the event loop spent {} of wall waiting with one wait at a time ({:.1} in flight on average, {} polls, sequential): the coroutines await one after another. Overlapping them (asyncio.gather, create_task) could cut wall time from {} to about {}.",
            pct(poll / w),
            avg,
            lp.polls,
            human(wall),
            human(new_wall)
        ),
    ))
}

/// For a CPU-bound thread that ran an event loop (its steps were most of its bytecode time):
/// " It computed on its event loop, in 1127 steps of at most 8 ms: ..." (else empty).
pub(super) fn cpu_note(loops: &[LoopStats], thread: u32, run: f64) -> String {
    let Some(lp) = loops.iter().find(|l| l.thread == thread) else {
        return String::new();
    };
    if lp.running.as_secs_f64() < 0.5 * run {
        return String::new();
    }
    let longest = lp
        .longest
        .as_ref()
        .map_or(0.0, |l| l.duration.as_secs_f64());
    format!(
        " It computed on its event loop, in {} of at most {}: the tasks took turns, and asyncio cannot spread computation over cores.",
        steps(lp.steps),
        human(longest)
    )
}

/// The report's event-loop section (empty without a loop).
pub(super) fn section(loops: &[LoopStats], wall: f64) -> String {
    let w = wall.max(1e-9);
    let mut out = String::new();
    let cell = |d: f64| format!("{:>9.3} s {:>4.0}%", d, 100.0 * d / w);
    for lp in loops {
        let _ = writeln!(
            out,
            "\nevent loop on {}: {}, at most {} task{} alive at once",
            lp.name,
            steps(lp.steps),
            lp.peak_tasks,
            if lp.peak_tasks == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "  running tasks  {}", cell(lp.running.as_secs_f64()));
        let _ = write!(out, "  polling        {}", cell(lp.polling.as_secs_f64()));
        if lp.polls > 0 {
            let _ = write!(
                out,
                "   {:.1} waits in flight on average, at most {}",
                lp.avg_waits(),
                lp.peak_waits
            );
        }
        out.push('\n');
        if let Some(l) = &lp.longest {
            let _ = writeln!(
                out,
                "  longest step   {}   {}{}",
                cell(l.duration.as_secs_f64()),
                l.name,
                where_text(lp)
            );
        }
        if lp.long_steps > 0 {
            let _ = writeln!(
                out,
                "  steps ≥ {} {}   ×{}",
                human(LOOP_BLOCK),
                cell(lp.long_running.as_secs_f64()),
                lp.long_steps
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gil::LongStep;
    use std::time::Duration;

    fn secs(x: f64) -> Duration {
        Duration::from_secs_f64(x)
    }

    fn hog_loop() -> LoopStats {
        LoopStats {
            thread: 0,
            name: "MainThread".into(),
            steps: 120,
            running: secs(0.52),
            long_steps: 1,
            long_running: secs(0.5),
            longest: Some(LongStep {
                name: "task 'hog'".into(),
                duration: secs(0.5),
                place: Some(StepPlace {
                    file: "demo.py".into(),
                    line: 17,
                    func: "hog".into(),
                }),
                blocked_in: None,
            }),
            polls: 50,
            polling: secs(0.45),
            longest_poll: secs(0.01),
            wait_seconds: 0.45 * 3.0,
            peak_waits: 3,
            peak_tasks: 4,
        }
    }

    #[test]
    fn the_threshold_is_the_loops() {
        assert_eq!(LOOP_BLOCK, crate::gil::LONG_STEP.as_secs_f64());
    }

    #[test]
    fn a_long_step_that_dominates_blocks_the_loop() {
        let lp = hog_loop();
        let (v, rule, msg) = blocked(std::slice::from_ref(&lp), 1.0, 2, &|_| 0.5).unwrap();
        assert_eq!(v, Verdict::LoopBlocked);
        assert!(
            msg.starts_with(
                "Event loop blocked: task 'hog' ran 500 ms without awaiting at demo.py:17 (in hog)."
            ),
            "{msg}"
        );
        assert!(msg.contains("actively harmful"), "{msg}");
        assert!(
            rule.starts_with("loop-blocked: longest step 500 ms"),
            "{rule}"
        );
        // Not dominant: 0.5 s of 2 s is 25%.
        assert!(blocked(std::slice::from_ref(&lp), 2.0, 2, &|_| 0.5).is_none());
        // A blocking call, not computation.
        let mut b = lp;
        b.longest.as_mut().unwrap().blocked_in = Some("time.sleep");
        let (_, _, msg) = blocked(&[b], 1.0, 2, &|_| 0.01).unwrap();
        assert!(
            msg.contains("at demo.py:17 (in hog), blocked in time.sleep()."),
            "{msg}"
        );
        assert!(msg.contains("asyncio.to_thread"), "{msg}");
    }

    #[test]
    fn overlapping_waits_on_a_loop_are_overlapped_and_one_at_a_time_is_sequential() {
        let mut lp = hog_loop();
        lp.long_steps = 0;
        lp.polls = 2;
        lp.polling = secs(1.0);
        lp.wait_seconds = 5.0;
        lp.peak_waits = 5;
        let (v, rule, msg) = io(std::slice::from_ref(&lp), 1.03, 1.0, 0.01).unwrap();
        assert_eq!(v, Verdict::IoBoundOverlapped);
        assert!(rule.contains("5.0 waits in flight"), "{rule}");
        assert!(msg.contains("overlap on the event loop"), "{msg}");
        lp.polls = 5;
        lp.polling = secs(1.5);
        lp.wait_seconds = 1.5;
        lp.longest_poll = secs(0.3);
        let (v, _, msg) = io(std::slice::from_ref(&lp), 1.52, 1.5, 0.01).unwrap();
        assert_eq!(v, Verdict::IoBoundSequential);
        assert!(msg.contains("from 1.52 s to about 320 ms"), "{msg}");
        // Threads did most of the waiting: not the loop's verdict.
        assert!(io(&[lp], 1.52, 4.0, 0.01).is_none());
    }
}
