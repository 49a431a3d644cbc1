//! One iteration of the asyncio event loop, natively (`_asyncio_poll.run_once`), and the
//! ready queue it runs (`run_ready`): poll for I/O (the GIL is released only there) and run
//! the handlers, move thread-safe callbacks and due timers to the ready queue, run every ready
//! entry (see `aio_core` for the three kinds), then report failed tasks nobody will retrieve.
//! Debug mode and the watchdog keep the gil version of `_run_once`, which times each entry.

use std::sync::Arc;

use crate::builtins::args::arity;
use crate::objects::function::{BoundMethod, KwArgs};
use crate::objects::{DictObj, InstanceObj, ListObj, Value};
use crate::vm::types::types;
use crate::vm::{PyErr, PyResult, Vm};

use super::aio_core::{core, flag, get, inst, is_a, keys, same, step, task_method, wakeup};
use super::aio_gather::as_gather_cb;
use super::aio_sleep::as_sleep;
use super::aio_timers::{as_timer_heap, TimerHeap};

// ---- the ready queue ------------------------------------------------------------------------

thread_local! {
    /// The ready queue's other buffer (empty, with capacity) between loop iterations.
    static SPARE: std::cell::RefCell<Vec<Value>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `run_ready(loop, todo)`: runs every entry of `todo` (see the module comment). An exception
/// from a callback goes to the loop's exception handler; `SystemExit` and `KeyboardInterrupt`
/// propagate.
pub(super) fn run_ready(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("run_ready", args, 2, 2)?;
    let todo = match &args[1] {
        Value::List(l) => std::mem::take(&mut *l.lock()),
        _ => return Err(PyErr::type_error("run_ready: a list was expected")),
    };
    run_entries(vm, &args[0], todo)?;
    Ok(Value::None)
}

fn run_entries(vm: &mut Vm, lp: &Value, todo: impl IntoIterator<Item = Value>) -> PyResult<()> {
    let core = core()?;
    for entry in todo {
        let r = match &entry {
            Value::Instance(i) if is_a(i, &core.task) => step(vm, &entry, None),
            Value::Tuple(tp) if tp.len() == 2 => {
                let (cb, arg) = (&tp[0], &tp[1]);
                match cb {
                    Value::Instance(i) if is_a(i, &core.task) => wakeup(vm, cb, arg),
                    _ => match as_gather_cb(cb) {
                        Some(g) => g.done(vm, arg),
                        None => vm.call0(cb, vec![arg.clone()]).map(|_| ()),
                    },
                }
            }
            Value::Instance(h) => {
                let k = keys();
                if flag(&get(h, &k.cancelled)) {
                    continue;
                }
                let cb = get(h, &k.callback);
                let argv = match get(h, &k.args) {
                    Value::Tuple(t) => t.to_vec(),
                    _ => vec![],
                };
                vm.call0(&cb, argv).map(|_| ())
            }
            _ => continue,
        };
        if let Err(e) = r {
            if e.matches(&types().keyboard_interrupt) || e.matches(&types().system_exit) {
                return Err(e);
            }
            report_failed(vm, lp, &entry, e)?;
        }
    }
    Ok(())
}

/// Hands a failed entry to `_report_callback_error(loop, entry, callback, args, exc)`; the
/// callback and its arguments are only made here, not for every entry that runs.
fn report_failed(vm: &mut Vm, lp: &Value, entry: &Value, e: PyErr) -> PyResult<()> {
    let core = core()?;
    let k = keys();
    let bound = |task: &Value, name: &str| -> PyResult<Value> {
        Ok(Value::BoundMethod(Arc::new(BoundMethod {
            receiver: task.clone(),
            func: task_method(name)?,
        })))
    };
    let (cb, cb_args) = match entry {
        Value::Tuple(tp) => {
            let cb = match &tp[0] {
                Value::Instance(i) if is_a(i, &core.task) => bound(&tp[0], "_wakeup")?,
                other => other.clone(),
            };
            (cb, Value::tuple(vec![tp[1].clone()]))
        }
        Value::Instance(i) if is_a(i, &core.task) => (bound(entry, "_step")?, Value::tuple(vec![])),
        Value::Instance(h) => (get(h, &k.callback), get(h, &k.args)),
        _ => return Err(e),
    };
    vm.call0(
        &core.report,
        vec![lp.clone(), entry.clone(), cb, cb_args, e.exc],
    )?;
    Ok(())
}

// ---- one iteration of the loop --------------------------------------------------------------

pub(super) fn list_field(i: &InstanceObj, name: &str) -> PyResult<Arc<ListObj>> {
    match i.dict.get_str(name) {
        Some(Value::List(l)) => Ok(l),
        _ => Err(PyErr::type_error(format!("loop.{name} is not a list"))),
    }
}

fn num(v: &Value) -> f64 {
    match v {
        Value::Float(f) => *f,
        Value::Int(n) => *n as f64,
        _ => f64::NAN,
    }
}

/// `loop._scheduled`: a `TimerHeap` (see `aio_timers`), borrowed with `as_timer_heap`.
fn timer_heap(li: &InstanceObj) -> Value {
    li.dict.get_strkey(&keys().scheduled).unwrap_or(Value::None)
}

/// A `TimerHandle` that left the heap is no longer scheduled.
fn unscheduled(h: Value) -> Value {
    if let Some(hi) = inst(&h) {
        hi.dict.set_strkey(&keys().scheduled, Value::Bool(false));
    }
    h
}

fn pop_timer(sched: &TimerHeap) -> Option<Value> {
    sched.pop().map(unscheduled)
}

/// Drops cancelled timers (and finished sleeps) from the head of the heap.
fn prune_timers(sched: &TimerHeap) {
    while let Some((_, h)) = sched.head() {
        let stale = match &h {
            Value::Instance(hi) => flag(&get(hi, &keys().cancelled)),
            other => as_sleep(other).is_some_and(|s| s.stale()),
        };
        if !stale {
            break;
        }
        pop_timer(sched);
    }
}

/// Moves the timers that are due to the ready queue; a due sleep wakes its task.
fn due_timers(sched: &TimerHeap, ready: &ListObj) {
    let end = now() + 1e-9;
    while let Some(h) = sched.pop_due(end).map(unscheduled) {
        match as_sleep(&h) {
            Some(s) => {
                if let Some(task) = s.fire() {
                    ready.push(Value::tuple(vec![task, h.clone()]));
                }
            }
            None => ready.push(h),
        }
    }
}

pub(super) fn prune_timers_fn(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("prune_timers", args, 1, 1)?;
    let li = inst(&args[0]).ok_or_else(|| PyErr::type_error("not an event loop"))?;
    prune_timers(as_timer_heap(&timer_heap(li))?);
    Ok(Value::None)
}

pub(super) fn due_timers_fn(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("due_timers", args, 1, 1)?;
    let li = inst(&args[0]).ok_or_else(|| PyErr::type_error("not an event loop"))?;
    let (sched, ready) = (timer_heap(li), list_field(li, "_ready")?);
    due_timers(as_timer_heap(&sched)?, &ready);
    Ok(Value::None)
}

pub(super) fn now() -> f64 {
    num(&crate::modules::time::clock_f(libc::CLOCK_MONOTONIC))
}

/// `run_once(loop)`: one iteration of `EventLoop._run_once` without debug mode or watchdog
/// (those keep the gil version, which times each step): drop cancelled timers, poll for I/O
/// (releasing the GIL only there) and run its handlers, move thread-safe callbacks and due
/// timers to the ready queue, then run everything that was ready.
pub(super) fn run_once(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("run_once", args, 1, 1)?;
    let lp = &args[0];
    let li = inst(lp)
        .ok_or_else(|| PyErr::type_error("not an event loop"))?
        .clone();
    let sched = timer_heap(&li);
    let sched = as_timer_heap(&sched)?;
    prune_timers(sched);
    let ready = list_field(&li, "_ready")?;
    let threadsafe = list_field(&li, "_threadsafe")?;
    let stopping = flag(&li.dict.get_str("_stopping").unwrap_or(Value::None));
    let timeout = if !ready.is_empty() || stopping || !threadsafe.is_empty() {
        Some(0.0)
    } else {
        sched.head().map(|(when, _)| (when - now()).max(0.0))
    };
    let handlers = match li.dict.get_str("_handlers") {
        Some(Value::Dict(d)) => d,
        _ => return Err(PyErr::type_error("loop._handlers is not a dict")),
    };
    if timeout != Some(0.0) || !handlers.is_empty() {
        let poller = li.dict.get_str("_poller").unwrap_or(Value::None);
        let t = timeout.map_or(Value::None, Value::Float);
        let events = super::aio_poll::poller_poll(vm, &[poller, t], KwArgs::default())?;
        let events = match events {
            Value::List(l) => l.snapshot(),
            _ => vec![],
        };
        for ev in events {
            let Value::Tuple(ev) = ev else { continue };
            io_event(vm, lp, &handlers, &ev)?;
        }
    }
    {
        let moved = std::mem::take(&mut *threadsafe.lock());
        ready.lock().extend(moved);
    }
    due_timers(sched, &ready);
    // Two buffers take turns as the ready queue and the batch being run, keeping their
    // capacity: growing a fresh queue to 100,000 entries every iteration made glibc
    // consolidate its free lists at each large reallocation and free.
    let spare = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut todo = std::mem::replace(&mut *ready.lock(), spare);
    run_entries(vm, lp, todo.drain(..))?;
    SPARE.with(|s| *s.borrow_mut() = todo);
    check_unretrieved(vm, lp, &li, false)?;
    Ok(Value::None)
}

/// Reports "Task exception was never retrieved" for the failed tasks in `loop._failed_tasks`
/// that nothing refers to any more (CPython reports when such a task is garbage-collected), or
/// for all that are still unretrieved when `final` (the loop is closing). Tasks whose exception
/// was retrieved are forgotten.
fn check_unretrieved(vm: &mut Vm, lp: &Value, li: &InstanceObj, final_: bool) -> PyResult<()> {
    let failed = list_field(li, "_failed_tasks")?;
    if failed.is_empty() {
        return Ok(());
    }
    let items = std::mem::take(&mut *failed.lock());
    let mut keep = Vec::new();
    let mut report = Vec::new();
    for t in items {
        let Some(ti) = inst(&t) else { continue };
        if !flag(&get(ti, &keys().log_traceback)) {
            continue;
        }
        // `t` was moved out of the list: a count of 1 means no one else can reach the task.
        if final_ || Arc::strong_count(ti) == 1 {
            report.push(t);
        } else {
            keep.push(t);
        }
    }
    failed.lock().extend(keep);
    for t in report {
        let f = vm.get_attr_str(lp, "_report_unretrieved")?;
        vm.call0(&f, vec![t])?;
    }
    Ok(())
}

pub(super) fn check_unretrieved_fn(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("check_unretrieved", args, 2, 2)?;
    let li = inst(&args[0]).ok_or_else(|| PyErr::type_error("not an event loop"))?;
    check_unretrieved(vm, &args[0], li, flag(&args[1]))?;
    Ok(Value::None)
}

/// A stream transport (`_SocketTransport`) with an empty write buffer: its `_on_write` would
/// do nothing (the edge-triggered poller reports "writable" after nearly every send; a close
/// or a drain waiter only exist with buffered data, or are scheduled by themselves).
fn nothing_to_write(h: &Value) -> bool {
    let Some(i) = inst(h) else { return false };
    matches!(i.dict.get_strkey(&wbuf_key()), Some(Value::List(l)) if l.is_empty())
}

fn wbuf_key() -> Arc<crate::objects::StrObj> {
    static K: std::sync::OnceLock<Arc<crate::objects::StrObj>> = std::sync::OnceLock::new();
    K.get_or_init(|| crate::objects::str::intern("_wbuf"))
        .clone()
}

/// Runs the handler of one readiness event `(fd, readable, writable)`; an exception goes to
/// `loop._io_error(exc)` (the loop's exception handler).
fn io_event(vm: &mut Vm, lp: &Value, handlers: &Arc<DictObj>, ev: &[Value]) -> PyResult<()> {
    if ev.len() != 3 {
        return Ok(());
    }
    let Some(h) = vm.dict_get(handlers, &ev[0])? else {
        return Ok(());
    };
    let mut r = Ok(());
    if flag(&ev[1]) {
        r = vm
            .get_attr_str(&h, "_on_read")
            .and_then(|f| vm.call0(&f, vec![]).map(|_| ()));
    }
    if r.is_ok() && flag(&ev[2]) && !nothing_to_write(&h) {
        let still = vm.dict_get(handlers, &ev[0])?;
        if matches!(&still, Some(h2) if same(h2, &h)) {
            r = vm
                .get_attr_str(&h, "_on_write")
                .and_then(|f| vm.call0(&f, vec![]).map(|_| ()));
        }
    }
    if let Err(e) = r {
        if e.matches(&types().keyboard_interrupt) || e.matches(&types().system_exit) {
            return Err(e);
        }
        let report = vm.get_attr_str(lp, "_io_error")?;
        vm.call0(&report, vec![e.exc])?;
    }
    Ok(())
}
