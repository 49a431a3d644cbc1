//! Seeing and measuring the GIL: `--diagnose`, `--timeline FILE.svg`, `--trace FILE.json`.
//!
//! The command line sets the options once ([`configure`]); `run_source` calls
//! [`before_run`] on the fresh lock (turns event recording on only when a
//! picture or a trace was asked for) and [`after_run`] when the program has
//! ended. The three outputs are built by pure functions of the lock's
//! figures ([`crate::gil::GilStats`]), events ([`crate::gil::ThreadEvents`]) and, for
//! `--diagnose`, the event loops' sums ([`crate::gil::LoopStats`], kept only under it):
//! [`diagnose::diagnose`], [`timeline::render_svg`] and [`trace::render_json`].

pub mod children;
pub mod diagnose;
mod diagnose_loop;
mod loop_lane;
pub mod timeline;
pub mod trace;

use std::sync::OnceLock;
use std::time::Duration;

use crate::gil::{process_start, Gil};

pub use diagnose::{diagnose, CpuTimes, Diagnosis, Inputs, Verdict};

/// What to produce at exit.
#[derive(Clone, Debug, Default)]
pub struct ObserveOpts {
    /// Print the diagnosis report to stderr.
    pub diagnose: bool,
    /// Write an SVG timeline here.
    pub timeline: Option<String>,
    /// Write a Chrome Trace Event Format JSON file here.
    pub trace: Option<String>,
}

impl ObserveOpts {
    /// Whether anything needs the per-thread events.
    pub fn wants_events(&self) -> bool {
        self.timeline.is_some() || self.trace.is_some()
    }

    /// Whether anything is asked for at all.
    pub fn any(&self) -> bool {
        self.diagnose || self.wants_events()
    }
}

static OPTS: OnceLock<ObserveOpts> = OnceLock::new();

/// Sets the options for this process (the first call wins).
pub fn configure(opts: ObserveOpts) {
    let _ = OPTS.set(opts);
}

fn opts() -> ObserveOpts {
    OPTS.get().cloned().unwrap_or_default()
}

/// Call on the new lock before the program starts: records events only if needed.
/// `--diagnose` turns the event-loop accounting on (process-wide): the loop then brackets its
/// steps and polls, which it skips (its native fast path) when nothing asks.
pub fn before_run(gil: &Gil) {
    let opts = opts();
    if opts.wants_events() {
        gil.enable_events(true);
    }
    if opts.diagnose {
        crate::gil::enable_loop_stats(true);
    }
}

/// Call after the program (and its thread shutdown) has ended: prints the
/// diagnosis and writes the files that were asked for.
pub fn after_run(gil: &Gil, program: &str) {
    let opts = opts();
    if !opts.any() {
        return;
    }
    let stats = gil.snapshot();
    let end = process_start().elapsed();
    let events = if opts.wants_events() {
        Some(gil.take_events())
    } else {
        None
    };
    let loops = gil.take_loop_steps();
    let loop_stats = gil.loop_stats();
    let cpu = CpuTimes::of_process();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let d = diagnose(&Inputs {
        stats: &stats,
        events: events.as_deref(),
        cpu,
        cores,
        loops: &loop_stats,
    });
    if opts.diagnose {
        eprint!("{}", d.report);
        eprint!("{}", crate::report::children_table(stats.elapsed));
    }
    if let Some(events) = &events {
        let ctx = Context {
            program,
            stats: &stats,
            diagnosis: &d,
            end,
            cores,
            loops: &loops,
        };
        if let Some(path) = &opts.timeline {
            write_out(path, &timeline::render_svg(events, &ctx), "timeline");
        }
        if let Some(path) = &opts.trace {
            write_out(path, &trace::render_json(events, &ctx), "trace");
        }
    }
}

/// The `--diagnose` report for everything run so far (the REPL's `:diagnose`).
pub fn diagnose_now(gil: &Gil) -> String {
    let stats = gil.snapshot();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    diagnose(&Inputs {
        stats: &stats,
        events: None,
        cpu: CpuTimes::of_process(),
        cores,
        loops: &gil.loop_stats(),
    })
    .report
}

/// Writes the timeline of everything recorded so far (the REPL's `:timeline FILE.svg`).
/// Events must have been enabled; taking them starts a new recording.
pub fn timeline_now(gil: &Gil, program: &str, path: &str) -> Result<(), String> {
    if !gil.events_enabled() {
        return Err("events are not being recorded".into());
    }
    let stats = gil.snapshot();
    let end = process_start().elapsed();
    let events = gil.take_events();
    let loops = gil.take_loop_steps();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let d = diagnose(&Inputs {
        stats: &stats,
        events: Some(&events),
        cpu: CpuTimes::of_process(),
        cores,
        loops: &gil.loop_stats(),
    });
    let ctx = Context {
        program,
        stats: &stats,
        diagnosis: &d,
        end,
        cores,
        loops: &loops,
    };
    std::fs::write(path, timeline::render_svg(&events, &ctx)).map_err(|e| e.to_string())
}

/// What the pictures show besides the events.
pub struct Context<'a> {
    /// The program's name (script path or `<string>`).
    pub program: &'a str,
    /// The lock's figures at exit.
    pub stats: &'a crate::gil::GilStats,
    /// The diagnosis (its verdict goes in the header).
    pub diagnosis: &'a Diagnosis,
    /// Time since `process_start` when the events were collected: open
    /// phases end here.
    pub end: Duration,
    /// Available cores.
    pub cores: usize,
    /// Event-loop steps per thread that ran a loop (the loop lanes).
    pub loops: &'a [crate::gil::LoopSteps],
}

fn write_out(path: &str, text: &str, what: &str) {
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("gil: could not write {what} to {path}: {e}");
    }
}

/// Escapes text for XML attribute values and character data.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A duration for people: `4.9 ms`, `1.23 s`, `120 µs`.
pub(crate) fn human(d: f64) -> String {
    if d >= 10.0 {
        format!("{d:.1} s")
    } else if d >= 1.0 {
        format!("{d:.2} s")
    } else if d >= 0.01 {
        format!("{:.0} ms", d * 1e3)
    } else if d >= 0.001 {
        format!("{:.1} ms", d * 1e3)
    } else {
        format!("{:.0} µs", d * 1e6)
    }
}

/// One phase of one thread, in seconds since `process_start`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
    pub phase: crate::gil::ThreadPhase,
}

/// The phases of one thread as spans (an event starts a phase, the next one
/// ends it; the last one ends at `end`). `Exited` is dropped, zero-length
/// spans too; `Idle` is kept (callers skip it).
pub fn spans_of(events: &[crate::gil::Event], end: Duration) -> Vec<Span> {
    let mut out = Vec::with_capacity(events.len());
    let end = end.as_secs_f64();
    for (i, e) in events.iter().enumerate() {
        if e.phase == crate::gil::ThreadPhase::Exited {
            continue;
        }
        let start = e.at.as_secs_f64();
        let stop = events
            .get(i + 1)
            .map_or(end, |n| n.at.as_secs_f64())
            .max(start);
        if stop > start {
            out.push(Span {
                start,
                end: stop,
                phase: e.phase,
            });
        }
    }
    out
}

/// Whether a blocking call is a wait on another thread (join, locks,
/// conditions, ...) rather than I/O or sleep.
pub fn is_sync_call(call: &str) -> bool {
    call.starts_with("Thread.")
        || call.ends_with(".acquire")
        || call.ends_with(".join")
        || call.ends_with(".wait")
        || [
            "Lock",
            "Condition",
            "Event",
            "Semaphore",
            "Barrier",
            "Queue",
        ]
        .iter()
        .any(|w| call.contains(w))
}
