//! The event loop's step hooks and its watchdog (part of `_asyncio_poll`).
//!
//! The loop (`stdlib/asyncio`) brackets every step it runs, i.e. one task advanced or one
//! callback called, with `step_begin(description)` / `step_end()`, and its waits for timers and
//! descriptors with `poll_begin(waits, tasks)` / `poll_end()` (and reports its live tasks each
//! iteration, `loop_tasks(n)`), but only when something needs
//! them: `--loop-watchdog` or debug mode (the watchdog), `--timeline`/`--trace` (the recorded
//! steps) or `--diagnose` (the loop's sums, `Gil::loop_stats`). Otherwise the loop runs its
//! native fast path and none of this costs anything. `recording_steps()` tells the loop which.
//!
//! The watchdog: a native thread wakes up every few milliseconds; when a step has been running
//! longer than a threshold it asks the loop thread, through the GIL's breaker
//! (`request_sample`), to report where it is at its next check point: the loop thread answers
//! with its current file and line while the step is still running (`watchdog_answer`, called
//! from the VM's slow check-point path). It does so for two readers:
//! - `--loop-watchdog` (or debug mode) prints the stall as it happens; if the loop thread
//!   reaches no check point (it is blocked inside a native call), it prints what it knows.
//! - `--diagnose` keeps the place with the step (`Gil::loop_step_end`), so the report can say
//!   where the longest step was running. Its threshold is [`crate::gil::LONG_STEP`]. A step
//!   blocked in a call that released the GIL (`time.sleep` in a coroutine) keeps its request
//!   pending: it is answered at the first check point after the call returns.
//!
//! One slot: a loop on one thread at a time is watched (the common case).

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::builtins::args::arity;
use crate::gil::{StepPlace, ThreadPhase, ThreadState};
use crate::objects::function::KwArgs;
use crate::objects::function::NativeFn;
use crate::objects::{DictObj, Value};
use crate::vm::{PyErr, PyResult, Vm};

/// How long the watchdog waits for the loop thread to reach a check point before it reports
/// the step itself.
const ANSWER_WAIT: Duration = Duration::from_millis(100);

pub fn build(d: &DictObj) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("watchdog_threshold", watchdog_threshold),
        ("watchdog_start", watchdog_start),
        ("recording_steps", recording_steps),
        ("step_begin", step_begin),
        ("step_end", step_end),
        ("poll_begin", poll_begin),
        ("poll_end", poll_end),
        ("loop_tasks", loop_tasks),
    ];
    for (name, f) in fns {
        d.set_str(name, crate::builtins::builtin(name, *f));
    }
}

/// The `--loop-watchdog` threshold given on the command line, in seconds.
static CLI_THRESHOLD: Mutex<Option<f64>> = Mutex::new(None);

/// Sets the `--loop-watchdog` threshold (from the CLI, before the program runs).
pub fn set_loop_watchdog(threshold: Option<f64>) {
    *CLI_THRESHOLD.lock() = threshold;
}

#[derive(Default)]
struct Slot {
    /// A step is running.
    active: bool,
    started: Option<Instant>,
    what: String,
    thread: Option<Arc<ThreadState>>,
    interp: Option<Arc<crate::vm::Interp>>,
    /// The step was reported as blocked (print the end too).
    reported: bool,
    /// A sample was requested for the running step, at this time.
    requested: Option<Instant>,
    /// Where the running step was, from the first answered sample (for `--diagnose`).
    place: Option<StepPlace>,
    /// The blocking call the running step was seen inside.
    blocked_in: Option<&'static str>,
    /// The running step reached no check point for a while: inside a native call.
    in_native: bool,
}

/// Seconds a step may run before each reader wants to know where it is.
#[derive(Clone, Copy, Default)]
struct Thresholds {
    /// `--loop-watchdog` / debug mode: print.
    print: Option<f64>,
    /// `--diagnose`: keep the place.
    record: Option<f64>,
}

struct Watchdog {
    slot: Mutex<Slot>,
    thresholds: Mutex<Thresholds>,
}

static WATCHDOG: OnceLock<Arc<Watchdog>> = OnceLock::new();

/// The watchdog, its thread started on first use.
fn watchdog() -> &'static Arc<Watchdog> {
    WATCHDOG.get_or_init(|| {
        let wd = Arc::new(Watchdog {
            slot: Mutex::new(Slot::default()),
            thresholds: Mutex::new(Thresholds::default()),
        });
        let w = Arc::clone(&wd);
        let _ = std::thread::Builder::new()
            .name("gil-loop-watchdog".into())
            .spawn(move || watchdog_main(w));
        wd
    })
}

fn lower(slot: &mut Option<f64>, t: f64) {
    if slot.is_none_or(|old| t < old) {
        *slot = Some(t);
    }
}

fn watchdog_threshold(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("watchdog_threshold", args, 0, 0)?;
    Ok(match *CLI_THRESHOLD.lock() {
        Some(t) => Value::Float(t),
        None => Value::None,
    })
}

/// `watchdog_start(threshold)`: starts the printing watchdog (once); a later call can only
/// lower the threshold.
fn watchdog_start(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("watchdog_start", args, 1, 1)?;
    let t = vm.to_float(&args[0])?;
    if t.is_nan() || t <= 0.0 {
        return Err(PyErr::value_error("watchdog threshold must be positive"));
    }
    lower(&mut watchdog().thresholds.lock().print, t);
    Ok(Value::None)
}

/// `recording_steps()`: whether the loop should bracket its steps and polls for the timeline
/// and trace (GIL events are being recorded) or for `--diagnose` (the loop accounting is on;
/// then the watchdog samples long steps too). Asked once per `run_forever`.
fn recording_steps(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let acct = crate::gil::loop_stats_enabled();
    if acct {
        let t = crate::gil::LONG_STEP.as_secs_f64();
        lower(&mut watchdog().thresholds.lock().record, t);
    }
    Ok(Value::Bool(vm.interp.gil.events_enabled() || acct))
}

fn step_begin(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let what = match args.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "a callback".to_string(),
    };
    vm.interp.gil.loop_step_begin(&vm.thread, &what);
    let Some(wd) = WATCHDOG.get() else {
        return Ok(Value::None);
    };
    let mut s = wd.slot.lock();
    s.active = true;
    s.started = Some(Instant::now());
    s.what = what;
    s.reported = false;
    s.place = None;
    s.blocked_in = None;
    s.in_native = false;
    if s.requested.take().is_some() {
        if let (Some(ts), Some(interp)) = (&s.thread, &s.interp) {
            interp.gil.cancel_sample(ts);
        }
    }
    if !s
        .thread
        .as_ref()
        .is_some_and(|t| Arc::ptr_eq(t, &vm.thread))
    {
        s.thread = Some(vm.thread.clone());
    }
    if s.interp.is_none() {
        s.interp = Some(vm.interp.clone());
    }
    Ok(Value::None)
}

fn step_end(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (place, blocked_in) = match WATCHDOG.get() {
        Some(wd) => {
            let mut s = wd.slot.lock();
            s.active = false;
            if s.requested.take().is_some() {
                if let (Some(ts), Some(interp)) = (&s.thread, &s.interp) {
                    interp.gil.cancel_sample(ts);
                }
            }
            if s.reported {
                s.reported = false;
                let dt = s.started.map(|t| t.elapsed().as_secs_f64()).unwrap_or(0.0);
                eprintln!("gil: event loop unblocked after {dt:.2} s ({})", s.what);
            }
            let mine = s
                .thread
                .as_ref()
                .is_some_and(|t| Arc::ptr_eq(t, &vm.thread));
            if mine {
                (s.place.take(), s.blocked_in.take())
            } else {
                (None, None)
            }
        }
        None => (None, None),
    };
    vm.interp.gil.loop_step_end(&vm.thread, place, blocked_in);
    Ok(Value::None)
}

/// `poll_begin(waits, tasks)`: the loop starts waiting for `waits` timers and descriptors,
/// with `tasks` tasks alive.
fn poll_begin(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("poll_begin", args, 2, 2)?;
    let waits = vm.index_int(&args[0])?.max(0) as u64;
    let tasks = vm.index_int(&args[1])?.max(0) as u64;
    vm.interp.gil.loop_poll_begin(&vm.thread, waits, tasks);
    Ok(Value::None)
}

fn poll_end(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("poll_end", args, 0, 0)?;
    vm.interp.gil.loop_poll_end(&vm.thread);
    Ok(Value::None)
}

/// `loop_tasks(n)`: `n` tasks are alive as the loop starts an iteration's steps.
fn loop_tasks(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("loop_tasks", args, 1, 1)?;
    let n = vm.index_int(&args[0])?.max(0) as u64;
    vm.interp.gil.loop_tasks(&vm.thread, n);
    Ok(Value::None)
}

/// Called by the VM on the thread that was asked for a sample, at a check point in frame `f`.
/// When the step was seen inside a blocking or long native call, that call has returned by
/// now, maybe into other code: the place is then the call's own, the VM's last native call
/// site (natives are not check points, and the next check point comes before the next call).
pub fn watchdog_answer(vm: &Vm, f: &crate::vm::frame::Frame) {
    let Some(wd) = WATCHDOG.get() else {
        return;
    };
    let print = wd.thresholds.lock().print;
    let mut s = wd.slot.lock();
    let ts = &vm.thread;
    if !s.active || s.requested.is_none() || !s.thread.as_ref().is_some_and(|t| Arc::ptr_eq(t, ts))
    {
        return;
    }
    s.requested = None;
    let (file, line, func) = match &vm.site {
        Some((code, ip)) if s.blocked_in.is_some() || s.in_native => (
            &*code.filename,
            code.line_at(ip.saturating_sub(1)),
            &*code.name,
        ),
        _ => (&*f.code.filename, f.line(), &*f.code.name),
    };
    // Answered in the loop's own code: the step ended just as it was sampled; no place.
    let in_loop = file.starts_with("<stdlib>/asyncio/");
    if s.place.is_none() && !in_loop {
        s.place = Some(StepPlace {
            file: file.to_string(),
            line,
            func: func.to_string(),
        });
    }
    let dt = s.started.map(|t| t.elapsed().as_secs_f64()).unwrap_or(0.0);
    if print.is_some_and(|t| dt >= t) && !s.reported {
        s.reported = true;
        let place = if func.starts_with('<') {
            format!("{file}:{line}")
        } else {
            format!("{file}:{line} (in {func})")
        };
        eprintln!(
            "gil: event loop blocked for {dt:.2} s in {} at {place}",
            s.what
        );
    }
}

fn watchdog_main(wd: Arc<Watchdog>) {
    loop {
        let th = *wd.thresholds.lock();
        let least = match (th.print, th.record) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => 0.1,
        };
        std::thread::sleep(Duration::from_secs_f64((least / 5.0).clamp(0.002, 0.02)));
        tick(&wd, th);
    }
}

/// One look at the running step: ask for a sample, or report, when a reader's threshold passed.
fn tick(wd: &Watchdog, th: Thresholds) {
    let mut s = wd.slot.lock();
    if !s.active {
        return;
    }
    let Some(started) = s.started else { return };
    let now = Instant::now();
    let ran = now.duration_since(started).as_secs_f64();
    let print_due = th.print.is_some_and(|t| ran >= t) && !s.reported;
    let place_due = th.record.is_some_and(|t| ran >= t) && s.place.is_none();
    if !print_due && !place_due {
        return;
    }
    let (Some(ts), Some(interp)) = (s.thread.clone(), s.interp.clone()) else {
        return;
    };
    if let ThreadPhase::Blocked(call) = ts.phase() {
        // Inside a blocking call that released the GIL: no check point comes before it returns.
        if print_due {
            eprintln!(
                "gil: event loop blocked for {ran:.2} s in {} (blocked in {call}())",
                s.what
            );
            s.reported = true;
        }
        if place_due {
            s.blocked_in.get_or_insert(call);
            if s.requested.is_none() {
                interp.gil.request_sample(&ts);
                s.requested = Some(now);
            }
        } else if s.requested.take().is_some() {
            interp.gil.cancel_sample(&ts);
        }
        return;
    }
    match s.requested {
        None => {
            interp.gil.request_sample(&ts);
            s.requested = Some(now);
        }
        Some(at) if now.duration_since(at) >= ANSWER_WAIT => {
            // No check point reached: the loop thread is inside a long native call.
            if print_due {
                eprintln!(
                    "gil: event loop blocked for {ran:.2} s in {} (inside a native call)",
                    s.what,
                );
                s.reported = true;
            }
            // `--diagnose` keeps waiting: the answer comes when the call returns.
            if place_due {
                s.in_native = true;
            } else {
                interp.gil.cancel_sample(&ts);
                s.requested = None;
            }
        }
        Some(_) => {}
    }
}
