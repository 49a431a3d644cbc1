//! The hot core of `asyncio`'s `Future` and `Task`, in Rust (CPython has `_asyncio` in C).
//!
//! `Future` and `Task` stay gil classes (so they can be subclassed and their attributes read
//! from gil code), but the per-step work reads and writes their instance dicts from here:
//! stepping a task's coroutine (`Task._step`), waking it when the future it awaits is done
//! (`Task._wakeup`), scheduling a future's done callbacks, iterating a future in `await`, and
//! running the loop's ready queue.
//!
//! The ready queue (`loop._ready`, a list) holds three kinds of entries, so that scheduling
//! allocates no `Handle` on the hot paths:
//! - a `Task`: step it (`task._step()`);
//! - a 2-tuple `(callback, future)`: a done callback, `callback(future)`; when `callback` is a
//!   `Task` (that is how a task waiting on a future is registered in `future._callbacks`,
//!   CPython's `TaskWakeupMethWrapper`) the task is woken natively;
//! - a `Handle` (`call_soon`, `call_later`): `handle._callback(*handle._args)` unless cancelled.

use std::any::Any;
use std::sync::{Arc, OnceLock};

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::{Layout, Payload};
use crate::objects::dict::DictTable;
use crate::objects::function::{Binding, BuiltinFn, KwArgs, NativeFn};
use crate::objects::native::NativeObj;
use crate::objects::str::intern;
use crate::objects::{ClassObj, DictObj, InstanceObj, ListObj, StrObj, Value};
use crate::vm::attr::downcast;
use crate::vm::generator::Sent;
use crate::vm::hashing::identity_hash;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

use super::aio_sleep::as_sleep;

/// A coroutine object: a gil `async def`'s, or the native `asyncio.sleep(...)`.
pub fn is_coroutine(v: &Value) -> bool {
    match v {
        Value::Generator(g) => g.is_coroutine(),
        other => as_sleep(other).is_some() || crate::vm::asyncgen::is_ag_awaitable(other),
    }
}

/// The gil-level classes and values the core works with, given once by `core_init`.
pub(super) struct Core {
    pub(super) future: Arc<ClassObj>,
    pub(super) task: Arc<ClassObj>,
    pub(super) cancelled_error: Arc<ClassObj>,
    pub(super) invalid_state: Arc<ClassObj>,
    /// `_report_callback_error(loop, entry, callback, args, exc)`, gil code.
    pub(super) report: Value,
    pub(super) pending: Value,
    pub(super) finished: Value,
}

static CORE: OnceLock<Core> = OnceLock::new();

pub(super) fn core() -> PyResult<&'static Core> {
    CORE.get()
        .ok_or_else(|| PyErr::runtime_error("_asyncio_poll.core_init() was not called"))
}

/// Interned attribute names, so dict lookups hash nothing and allocate no key.
pub(super) struct Keys {
    pub(super) state: Arc<StrObj>,
    pub(super) result: Arc<StrObj>,
    pub(super) exception: Arc<StrObj>,
    pub(super) callbacks: Arc<StrObj>,
    pub(super) loop_: Arc<StrObj>,
    pub(super) coro: Arc<StrObj>,
    pub(super) must_cancel: Arc<StrObj>,
    pub(super) fut_waiter: Arc<StrObj>,
    pub(super) current_task: Arc<StrObj>,
    pub(super) ready: Arc<StrObj>,
    pub(super) tasks: Arc<StrObj>,
    pub(super) cancel_message: Arc<StrObj>,
    pub(super) cancelled_exc: Arc<StrObj>,
    pub(super) log_traceback: Arc<StrObj>,
    pub(super) blocking: Arc<StrObj>,
    pub(super) cancelled: Arc<StrObj>,
    pub(super) callback: Arc<StrObj>,
    pub(super) args: Arc<StrObj>,
    pub(super) finished_failed: Arc<StrObj>,
    pub(super) name: Arc<StrObj>,
    pub(super) closed: Arc<StrObj>,
    pub(super) scheduled: Arc<StrObj>,
}

pub(super) fn keys() -> &'static Keys {
    static K: OnceLock<Keys> = OnceLock::new();
    K.get_or_init(|| Keys {
        state: intern("_state"),
        result: intern("_result"),
        exception: intern("_exception"),
        callbacks: intern("_callbacks"),
        loop_: intern("_loop"),
        coro: intern("_coro"),
        must_cancel: intern("_must_cancel"),
        fut_waiter: intern("_fut_waiter"),
        current_task: intern("_current_task"),
        ready: intern("_ready"),
        tasks: intern("_tasks"),
        cancel_message: intern("_cancel_message"),
        cancelled_exc: intern("_cancelled_exc"),
        log_traceback: intern("_log_traceback"),
        blocking: intern("_asyncio_future_blocking"),
        cancelled: intern("_cancelled"),
        callback: intern("_callback"),
        args: intern("_args"),
        finished_failed: intern("_failed_tasks"),
        name: intern("_name"),
        closed: intern("_closed"),
        scheduled: intern("_scheduled"),
    })
}

pub fn build(d: &DictObj) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("core_init", core_init),
        ("run_ready", super::aio_loop::run_ready),
        ("run_once", super::aio_loop::run_once),
        ("check_unretrieved", super::aio_loop::check_unretrieved_fn),
        ("prune_timers", super::aio_loop::prune_timers_fn),
        ("due_timers", super::aio_loop::due_timers_fn),
        ("sleep", super::aio_sleep::sleep),
        ("new_task", new_task),
        ("gather_init", super::aio_gather::gather_init),
        ("gather_children", super::aio_gather::gather),
        ("stream_init", super::aio_stream::stream_init),
        ("new_future", new_future_fn),
        ("next_task_id", next_task_id),
        ("set_result_unless_cancelled", set_result_unless_cancelled),
        ("set_running_loop", set_running_loop),
        ("get_running_loop", get_running_loop),
        ("_get_running_loop", get_running_loop_opt),
    ];
    for (name, f) in fns {
        d.set_str(name, crate::builtins::builtin(name, *f));
    }
    // Methods for the gil classes: they bind like `def`s when stored in a class dict.
    let methods: &[(&'static str, &'static str, NativeFn)] = &[
        ("task_step", "Task", task_step),
        ("task_wakeup", "Task", task_wakeup),
        ("future_schedule_callbacks", "Future", future_schedule),
        ("future_await", "Future", future_await),
        (
            "transport_on_read",
            "_SocketTransport",
            super::aio_stream::transport_on_read,
        ),
        (
            "transport_write",
            "_SocketTransport",
            super::aio_stream::transport_write,
        ),
        (
            "writer_write",
            "StreamWriter",
            super::aio_stream::writer_write,
        ),
    ];
    for (name, owner, f) in methods {
        d.set_str(
            name,
            Value::Builtin(Arc::new(BuiltinFn {
                name,
                func: *f,
                owner: Some(owner),
                binding: Binding::Method,
            })),
        );
    }
}

// ---- field access -------------------------------------------------------------------------

pub(super) fn inst(v: &Value) -> Option<&Arc<InstanceObj>> {
    match v {
        Value::Instance(i) => Some(i),
        _ => None,
    }
}

/// An attribute from the instance dict, else the class (where the defaults live); the
/// interned key's hash is reused all along the MRO.
pub(super) fn get(i: &InstanceObj, k: &Arc<StrObj>) -> Value {
    if let Some(v) = i.dict.get_strkey(k) {
        return v;
    }
    let cls = i.class.lock();
    if let Some(core) = CORE.get() {
        if Arc::ptr_eq(&cls, &core.task) || Arc::ptr_eq(&cls, &core.future) {
            return plain_default(&cls, k);
        }
    }
    class_attr(&cls, k)
}

fn class_attr(cls: &ClassObj, k: &Arc<StrObj>) -> Value {
    if let Some(v) = cls.dict.get_strkey(k) {
        return v;
    }
    cls.mro_rest
        .iter()
        .find_map(|c| c.dict.get_strkey(k))
        .unwrap_or(Value::None)
}

thread_local! {
    /// Class-level defaults of plain `Task` and `Future` fields: (class, key) addresses, the
    /// class's `mro_versions` when read, and the value.
    static DEFAULTS: std::cell::RefCell<Vec<(usize, usize, u64, Value)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The class default of a field a plain `Task` or `Future` has not set (`_must_cancel`,
/// `_exception`, `_log_traceback`, ...), cached per thread while no class on the MRO changes:
/// a step reads several, and each was two hashed class-dict lookups after a miss in the
/// instance dict.
fn plain_default(cls: &Arc<ClassObj>, k: &Arc<StrObj>) -> Value {
    let key = (Arc::as_ptr(cls) as usize, Arc::as_ptr(k) as usize);
    let versions = cls.mro_versions();
    let hit = DEFAULTS.with(|d| {
        d.borrow()
            .iter()
            .find(|e| (e.0, e.1, e.2) == (key.0, key.1, versions))
            .map(|e| e.3.clone())
    });
    if let Some(v) = hit {
        return v;
    }
    let v = class_attr(cls, k);
    // Keys are interned (`intern` keeps them for the life of the process) and the classes are
    // asyncio's own (kept by `CORE`): an address is never reused for another name or class.
    DEFAULTS.with(|d| {
        let mut d = d.borrow_mut();
        match d.iter_mut().find(|e| (e.0, e.1) == key) {
            Some(e) => (e.2, e.3) = (versions, v.clone()),
            None => d.push((key.0, key.1, versions, v.clone())),
        }
    });
    v
}

/// `fut._log_traceback = False`, written only when it is not already false: the class
/// default is false, and a 100,000th field write would regrow 100,000 instance dicts.
pub(super) fn clear_log_traceback(f: &InstanceObj) {
    let k = keys();
    if flag(&get(f, &k.log_traceback)) {
        set(f, &k.log_traceback, Value::Bool(false));
    }
}

/// Whether `v` is exactly a `Task` (no subclass): its hash and equality are the identity.
fn plain_task(core: &Core, v: &Value) -> bool {
    matches!(v, Value::Instance(i) if Arc::ptr_eq(&i.class.lock(), &core.task))
}

pub(super) fn set(i: &InstanceObj, k: &Arc<StrObj>, v: Value) {
    i.dict.set_strkey(k, v);
}

/// Plain truthiness for the flags the core keeps (bools, ints, None).
pub(super) fn flag(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Int(n) => *n != 0,
        Value::None => false,
        _ => true,
    }
}

pub(super) fn is_a(i: &InstanceObj, c: &Arc<ClassObj>) -> bool {
    // Under the lock rather than `i.class()`: no atomic count on the class for each check.
    let cls = i.class.lock();
    Arc::ptr_eq(&cls, c) || cls.is_subclass(c)
}

pub(super) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Instance(x), Value::Instance(y)) => Arc::ptr_eq(x, y),
        (Value::None, Value::None) => true,
        _ => false,
    }
}

fn state_is(i: &InstanceObj, want: &Value) -> bool {
    match (get(i, &keys().state), want) {
        (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(&a, b) || a.as_str() == b.as_str(),
        _ => false,
    }
}

fn task_arg<'a>(core: &Core, v: &'a Value) -> PyResult<&'a Arc<InstanceObj>> {
    match inst(v) {
        Some(i) if is_a(i, &core.task) => Ok(i),
        _ => Err(PyErr::type_error("a Task was expected")),
    }
}

/// The loop's current ready list (`loop._ready` is replaced on every loop iteration).
pub(super) fn ready_push(lp: &Value, entry: Value) -> PyResult<()> {
    let li = inst(lp).ok_or_else(|| PyErr::type_error("not an event loop"))?;
    match get(li, &keys().ready) {
        Value::List(l) => {
            l.push(entry);
            Ok(())
        }
        _ => Err(PyErr::type_error("loop._ready is not a list")),
    }
}

fn kw(name: &str, v: Value) -> KwArgs {
    KwArgs(vec![(intern(name), v)])
}

// ---- futures --------------------------------------------------------------------------------

/// `Future._schedule_callbacks()`: each done callback goes on the ready queue as `(cb, fut)`.
fn schedule(fut: &Value, f: &InstanceObj) -> PyResult<()> {
    let k = keys();
    let cbs = match get(f, &k.callbacks) {
        Value::List(l) => std::mem::take(&mut *l.lock()),
        _ => return Ok(()),
    };
    if cbs.is_empty() {
        return Ok(());
    }
    let lp = get(f, &k.loop_);
    for cb in cbs {
        ready_push(&lp, Value::tuple(vec![cb, fut.clone()]))?;
    }
    Ok(())
}

fn future_schedule(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_schedule_callbacks", args, 1, 1)?;
    let f = inst(&args[0]).ok_or_else(|| PyErr::type_error("a Future was expected"))?;
    schedule(&args[0], f)?;
    Ok(Value::None)
}

fn set_result(core: &Core, fut: &Value, f: &InstanceObj, v: Value) -> PyResult<()> {
    let k = keys();
    set(f, &k.result, v);
    set(f, &k.state, core.finished.clone());
    schedule(fut, f)
}

fn set_exception(core: &Core, fut: &Value, f: &InstanceObj, exc: Value) -> PyResult<()> {
    let k = keys();
    set(f, &k.exception, exc);
    set(f, &k.state, core.finished.clone());
    schedule(fut, f)?;
    set(f, &k.log_traceback, Value::Bool(true));
    Ok(())
}

/// `future.result()` as the task's wake-up sees it: `Err` carries what `result()` raises.
fn outcome(vm: &mut Vm, core: &Core, fut: &Value) -> PyResult<Result<Value, Value>> {
    if let Some(s) = as_sleep(fut) {
        return s.outcome();
    }
    if let Some(f) = inst(fut) {
        if is_a(f, &core.future) && state_is(f, &core.finished) {
            let k = keys();
            clear_log_traceback(f);
            let exc = get(f, &k.exception);
            return Ok(if exc.is_none() {
                Ok(get(f, &k.result))
            } else {
                Err(exc)
            });
        }
    }
    let result = vm.get_attr_str(fut, "result")?;
    match vm.call0(&result, vec![]) {
        Ok(v) => Ok(Ok(v)),
        Err(e) => Ok(Err(e.exc)),
    }
}

/// What `await future` iterates (CPython's `FutureIter`): yields the future while it is
/// pending, then returns its result.
pub struct FutureIter {
    fut: Value,
}

impl NativeObj for FutureIter {
    fn class(&self) -> Arc<ClassObj> {
        future_iter_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn future_iter_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("FutureIter", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "FutureIter",
            &[("__next__", future_iter_next), ("__iter__", same_object)],
        );
        c
    })
}

fn same_object(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__iter__", args, 1, 1)?;
    Ok(args[0].clone())
}

fn future_await(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__await__", args, 1, 1)?;
    Ok(Value::Native(Arc::new(FutureIter {
        fut: args[0].clone(),
    })))
}

impl FutureIter {
    /// One step: `Yielded(fut)` while pending, else `Returned(result)` or the exception.
    pub fn step(&self, vm: &mut Vm) -> PyResult<Sent> {
        let core = core()?;
        let fut = &self.fut;
        let done = match inst(fut) {
            Some(f) if is_a(f, &core.future) => !state_is(f, &core.pending),
            _ => {
                let d = vm.get_attr_str(fut, "done")?;
                let r = vm.call0(&d, vec![])?;
                vm.truthy(&r)?
            }
        };
        if !done {
            vm.set_attr(fut, &keys().blocking, Value::Bool(true))?;
            return Ok(Sent::Yielded(fut.clone()));
        }
        match outcome(vm, core, fut)? {
            Ok(v) => Ok(Sent::Returned(v)),
            Err(exc) => Err(PyErr::from_value(exc)),
        }
    }
}

fn future_iter_next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__next__", args, 1, 1)?;
    let it = downcast::<FutureIter>(&args[0])
        .ok_or_else(|| PyErr::type_error("a FutureIter was expected"))?;
    match it.step(vm)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(Some(v))),
    }
}

// ---- tasks ----------------------------------------------------------------------------------

fn core_init(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("core_init", args, 7, 7)?;
    let class = |v: &Value| match v {
        Value::Class(c) => Ok(c.clone()),
        _ => Err(PyErr::type_error("core_init: a class was expected")),
    };
    let c = Core {
        future: class(&args[0])?,
        task: class(&args[1])?,
        cancelled_error: class(&args[2])?,
        invalid_state: class(&args[3])?,
        report: args[4].clone(),
        pending: args[5].clone(),
        finished: args[6].clone(),
    };
    // One asyncio per process: a second import (there is none) keeps the first core.
    let _ = CORE.set(c);
    Ok(Value::None)
}

/// Sends into (or throws into) the task's coroutine.
fn advance(vm: &mut Vm, coro: &Value, exc: Option<Value>) -> PyResult<Sent> {
    let Some(exc) = exc else {
        return vm.send(coro, Value::None);
    };
    if let Value::Generator(g) = coro {
        return g.throw(vm, PyErr::from_value(exc));
    }
    let throw = vm.get_attr_str(coro, "throw")?;
    match vm.call0(&throw, vec![exc]) {
        Ok(v) => Ok(Sent::Yielded(v)),
        Err(e) if e.matches(&types().stop_iteration) => {
            let v = inst(&e.exc)
                .and_then(|i| i.dict.get_str("value"))
                .unwrap_or(Value::None);
            Ok(Sent::Returned(v))
        }
        Err(e) => Err(e),
    }
}

/// `Task._step(exc=None)`: one run of the coroutine up to its next suspension.
fn task_step(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_step", args, 1, 2)?;
    let exc = args.get(1).cloned().filter(|e| !e.is_none());
    step(vm, &args[0], exc)?;
    Ok(Value::None)
}

pub(super) fn step(vm: &mut Vm, task: &Value, exc: Option<Value>) -> PyResult<()> {
    let core = core()?;
    let k = keys();
    let t = task_arg(core, task)?;
    if !state_is(t, &core.pending) {
        let e = exc.clone().unwrap_or(Value::None);
        let msg = format!(
            "_step(): already done: {}, {}",
            vm.repr(task)?,
            vm.repr(&e)?
        );
        return Err(PyErr::new(&core.invalid_state, msg));
    }
    let mut exc = exc;
    if flag(&get(t, &k.must_cancel)) {
        let is_cancel = matches!(&exc, Some(Value::Instance(e)) if is_a(e, &core.cancelled_error));
        if !is_cancel {
            let make = vm.get_attr_str(task, "_make_cancelled_error")?;
            exc = Some(vm.call0(&make, vec![])?);
        }
        set(t, &k.must_cancel, Value::Bool(false));
    }
    let coro = get(t, &k.coro);
    set(t, &k.fut_waiter, Value::None);
    let lp = get(t, &k.loop_);
    let li = inst(&lp)
        .ok_or_else(|| PyErr::type_error("task has no loop"))?
        .clone();
    let prev = get(&li, &k.current_task);
    set(&li, &k.current_task, task.clone());
    let sent = advance(vm, &coro, exc);
    let out = after(vm, core, task, t, &lp, sent);
    if prev.is_none() {
        if same(&get(&li, &k.current_task), task) {
            set(&li, &k.current_task, Value::None);
        }
    } else {
        set(&li, &k.current_task, prev);
    }
    out
}

/// What the task does with the outcome of one send: finish, or wait on what was yielded.
fn after(
    vm: &mut Vm,
    core: &Core,
    task: &Value,
    t: &InstanceObj,
    lp: &Value,
    sent: PyResult<Sent>,
) -> PyResult<()> {
    let k = keys();
    match sent {
        Ok(Sent::Returned(v)) => {
            if flag(&get(t, &k.must_cancel)) {
                set(t, &k.must_cancel, Value::Bool(false));
                let cancel = core.future.lookup("cancel").unwrap_or(Value::None);
                let msg = get(t, &k.cancel_message);
                vm.call(&cancel, vec![task.clone()], kw("msg", msg))?;
            } else {
                set_result(core, task, t, v)?;
            }
            finish(vm, task, lp)
        }
        Err(e) if e.matches(&core.cancelled_error) => {
            set(t, &k.cancelled_exc, e.exc.clone());
            let cancel = core.future.lookup("cancel").unwrap_or(Value::None);
            vm.call0(&cancel, vec![task.clone()])?;
            finish(vm, task, lp)
        }
        Err(e) if e.matches(&types().keyboard_interrupt) || e.matches(&types().system_exit) => {
            set_exception(core, task, t, e.exc.clone())?;
            finish(vm, task, lp)?;
            Err(e)
        }
        Err(e) => {
            set_exception(core, task, t, e.exc.clone())?;
            finish(vm, task, lp)
        }
        Ok(Sent::Yielded(res)) => {
            if res.is_none() {
                // A bare `yield` (`sleep(0)`): step again on the next loop iteration.
                return ready_push(lp, task.clone());
            }
            wait_on(vm, core, task, t, lp, res)
        }
    }
}

fn wait_on(
    vm: &mut Vm,
    core: &Core,
    task: &Value,
    t: &InstanceObj,
    lp: &Value,
    res: Value,
) -> PyResult<()> {
    let k = keys();
    if let Some(s) = as_sleep(&res) {
        // `asyncio.sleep`: the task waits on the sleep object itself.
        s.set_waiter(task.clone());
        set(t, &k.fut_waiter, res.clone());
        return cancel_if_asked(vm, t, &res);
    }
    let Some(blocking) = vm.get_attr_opt(&res, &k.blocking)? else {
        let msg = format!("Task got bad yield: {}", vm.repr(&res)?);
        return step_later(task, lp, msg);
    };
    let rloop = vm.get_attr(&res, &k.loop_)?;
    if !same(&rloop, lp) {
        let msg = format!(
            "Task {} got Future {} attached to a different loop",
            vm.repr(task)?,
            vm.repr(&res)?
        );
        return step_later(task, lp, msg);
    }
    if !vm.truthy(&blocking)? {
        let msg = format!(
            "yield was used instead of yield from in task {} with {}",
            vm.repr(task)?,
            vm.repr(&res)?
        );
        return step_later(task, lp, msg);
    }
    if same(&res, task) {
        let msg = format!("Task cannot await on itself: {}", vm.repr(task)?);
        return step_later(task, lp, msg);
    }
    vm.set_attr(&res, &k.blocking, Value::Bool(false))?;
    match inst(&res) {
        Some(f) if is_a(f, &core.future) => {
            if state_is(f, &core.pending) {
                match get(f, &k.callbacks) {
                    Value::List(l) => l.push(task.clone()),
                    _ => set(
                        f,
                        &k.callbacks,
                        Value::List(Arc::new(ListObj::new(vec![task.clone()]))),
                    ),
                }
            } else {
                ready_push(lp, Value::tuple(vec![task.clone(), res.clone()]))?;
            }
        }
        _ => {
            let add = vm.get_attr_str(&res, "add_done_callback")?;
            let wake = vm.get_attr_str(task, "_wakeup")?;
            vm.call0(&add, vec![wake])?;
        }
    }
    set(t, &k.fut_waiter, res.clone());
    cancel_if_asked(vm, t, &res)
}

/// A cancel requested while the task was running goes to the future it now waits on.
fn cancel_if_asked(vm: &mut Vm, t: &InstanceObj, res: &Value) -> PyResult<()> {
    let k = keys();
    if flag(&get(t, &k.must_cancel)) {
        let cancel = vm.get_attr_str(res, "cancel")?;
        let msg = get(t, &k.cancel_message);
        let r = vm.call(&cancel, vec![], kw("msg", msg))?;
        if vm.truthy(&r)? {
            set(t, &k.must_cancel, Value::Bool(false));
        }
    }
    Ok(())
}

pub fn cancelled_error_class() -> PyResult<Arc<ClassObj>> {
    Ok(core()?.cancelled_error.clone())
}

/// Wakes `task` (waiting on `fut`) on the next loop iteration.
pub fn wake_later(_vm: &mut Vm, task: &Value, fut: &Value) -> PyResult<()> {
    let t = inst(task).ok_or_else(|| PyErr::type_error("a Task was expected"))?;
    let lp = get(t, &keys().loop_);
    ready_push(&lp, Value::tuple(vec![task.clone(), fut.clone()]))
}

/// Pushes `entry` on the running loop's timer heap, due `delay` seconds from now.
pub fn push_timer(delay: f64, entry: Value) -> PyResult<f64> {
    let lp = RUNNING.with(|r| r.borrow().clone());
    let li = inst(&lp).ok_or_else(|| PyErr::runtime_error("no running event loop"))?;
    let when = super::aio_loop::now() + delay;
    let sched = li.dict.get_strkey(&keys().scheduled).unwrap_or(Value::None);
    super::aio_timers::as_timer_heap(&sched)?.push(when, entry);
    Ok(when)
}

/// Schedules `task._step(RuntimeError(msg))`.
fn step_later(task: &Value, lp: &Value, msg: String) -> PyResult<()> {
    let exc = PyErr::runtime_error(msg).exc;
    let step = Value::BoundMethod(Arc::new(crate::objects::function::BoundMethod {
        receiver: task.clone(),
        func: task_method("_step")?,
    }));
    ready_push(lp, Value::tuple(vec![step, exc]))
}

pub(super) fn task_method(name: &str) -> PyResult<Value> {
    core()?
        .task
        .lookup(name)
        .ok_or_else(|| PyErr::attribute_error(format!("Task has no {name}")))
}

/// A finished task leaves `loop._tasks`; one that failed is remembered in
/// `loop._failed_tasks` so that "Task exception was never retrieved" can be reported.
fn finish(vm: &mut Vm, task: &Value, lp: &Value) -> PyResult<()> {
    let k = keys();
    let Some(li) = inst(lp) else { return Ok(()) };
    if let Value::Dict(d) = get(li, &k.tasks) {
        if plain_task(core()?, task) {
            d.lock().remove(identity_hash(task), task);
        } else {
            vm.dict_del(&d, task)?;
        }
    }
    if let (Some(t), Value::List(l)) = (inst(task), get(li, &k.finished_failed)) {
        if !get(t, &k.exception).is_none() {
            l.push(task.clone());
        }
    }
    Ok(())
}

/// `Task._wakeup(future)`: step the task with the future's result or exception.
fn task_wakeup(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_wakeup", args, 2, 2)?;
    wakeup(vm, &args[0], &args[1])?;
    Ok(Value::None)
}

pub(super) fn wakeup(vm: &mut Vm, task: &Value, fut: &Value) -> PyResult<()> {
    let core = core()?;
    match outcome(vm, core, fut)? {
        Ok(_) => step(vm, task, None),
        Err(exc) => step(vm, task, Some(exc)),
    }
}

// ---- creating futures, tasks and timers natively ---------------------------------------------

/// A new gil instance of `cls` whose `__init__` is not run, its dict holding `fields`
/// (distinct keys) and sized for `room` fields over its life (no regrowing with 100,000
/// tasks).
fn bare<'a>(
    cls: &Arc<ClassObj>,
    room: usize,
    fields: impl IntoIterator<Item = (&'a Arc<StrObj>, Value)>,
) -> (Value, Arc<InstanceObj>) {
    let mut t = DictTable::with_capacity(room);
    for (k, v) in fields {
        t.push_distinct(k.hash(), Value::Str(k.clone()), v);
    }
    let i = Arc::new(InstanceObj {
        class: parking_lot::Mutex::new(cls.clone()),
        dict: Arc::new(DictObj::from_table(t)),
        payload: Payload::None,
    });
    (Value::Instance(i.clone()), i)
}

/// What `Future.__init__` sets, then `more`; the other fields are class-level defaults.
fn new_future<const N: usize>(
    core: &Core,
    cls: &Arc<ClassObj>,
    lp: &Value,
    more: [(&'static Arc<StrObj>, Value); N],
) -> (Value, Arc<InstanceObj>) {
    let k = keys();
    // A task's: _loop, _state, _callbacks, _name, _coro, _fut_waiter, _result.
    let room = if Arc::ptr_eq(cls, &core.task) { 7 } else { 4 };
    let fields = [
        (&k.loop_, lp.clone()),
        (&k.state, core.pending.clone()),
        (&k.callbacks, Value::List(Arc::new(ListObj::new(vec![])))),
    ];
    bare(cls, room, fields.into_iter().chain(more))
}

/// `loop.create_future()`.
fn new_future_fn(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("new_future", args, 1, 1)?;
    let core = core()?;
    Ok(new_future(core, &core.future, &args[0], []).0)
}

static TASK_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// `f"Task-{n}"` without the formatting machinery (a third of the cost of creating a task).
fn task_name(n: u64) -> String {
    let mut buf = [0u8; 21];
    let digits = crate::objects::int::decimal(n as i64, &mut buf);
    // Exactly sized: a `str` keeps its text as allocated (a larger buffer is reallocated).
    let mut s = String::with_capacity(5 + digits.len());
    s.push_str("Task-");
    s.push_str(digits);
    s
}

/// The number in the next default task name (`Task-N`).
fn next_task_id(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("next_task_id", args, 0, 0)?;
    let n = TASK_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    Ok(Value::Int(n as i64))
}

fn check_open(li: &InstanceObj) -> PyResult<()> {
    if flag(&li.dict.get_strkey(&keys().closed).unwrap_or(Value::None)) {
        return Err(PyErr::runtime_error("Event loop is closed"));
    }
    Ok(())
}

/// `loop.create_task(coro, name=None)` for a plain `Task`: what `Task.__init__` does, and the
/// task goes on the ready queue for its first step.
fn new_task(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("new_task", args, 3, 3)?;
    create_task(vm, &args[0], &args[1], &args[2])
}

pub(super) fn create_task(vm: &mut Vm, lp: &Value, coro: &Value, name: &Value) -> PyResult<Value> {
    let core = core()?;
    let li = inst(lp).ok_or_else(|| PyErr::type_error("not an event loop"))?;
    check_open(li)?;
    if !is_coroutine(coro) {
        return Err(PyErr::type_error(format!(
            "a coroutine was expected, got {}",
            vm.repr(coro)?
        )));
    }
    let name = if name.is_none() {
        let n = TASK_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        Value::string(task_name(n))
    } else {
        Value::string(vm.to_str(name)?)
    };
    let k = keys();
    let (task, _) = new_future(
        core,
        &core.task,
        lp,
        [(&k.name, name), (&k.coro, coro.clone())],
    );
    ready_push(lp, task.clone())?;
    if let Value::Dict(d) = get(li, &k.tasks) {
        // A new plain Task: no gil `__hash__`/`__eq__` to ask.
        d.lock()
            .insert(identity_hash(&task), task.clone(), Value::None);
    }
    Ok(task)
}

pub(super) fn set_result_unless_cancelled(
    vm: &mut Vm,
    args: &[Value],
    _kw: KwArgs,
) -> PyResult<Value> {
    arity("_set_result_unless_cancelled", args, 2, 2)?;
    let core = core()?;
    let fut = &args[0];
    if let Some(f) = inst(fut) {
        if is_a(f, &core.future) && !is_a(f, &core.task) && state_is(f, &core.pending) {
            set_result(core, fut, f, args[1].clone())?;
            return Ok(Value::None);
        }
    }
    let cancelled = vm.get_attr_str(fut, "cancelled")?;
    let c = vm.call0(&cancelled, vec![])?;
    if !vm.truthy(&c)? {
        let sr = vm.get_attr_str(fut, "set_result")?;
        vm.call0(&sr, vec![args[1].clone()])?;
    }
    Ok(Value::None)
}

// ---- the running loop of this thread ----------------------------------------------------------

thread_local! {
    static RUNNING: std::cell::RefCell<Value> = const { std::cell::RefCell::new(Value::None) };
}

fn set_running_loop(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("set_running_loop", args, 1, 1)?;
    RUNNING.with(|r| *r.borrow_mut() = args[0].clone());
    Ok(Value::None)
}

fn get_running_loop_opt(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_get_running_loop", args, 0, 0)?;
    Ok(RUNNING.with(|r| r.borrow().clone()))
}

fn get_running_loop(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("get_running_loop", args, 0, 0)?;
    let lp = RUNNING.with(|r| r.borrow().clone());
    if lp.is_none() {
        return Err(PyErr::runtime_error("no running event loop"));
    }
    Ok(lp)
}

#[cfg(test)]
mod tests {
    #[test]
    fn task_names_count_in_decimal() {
        assert_eq!(super::task_name(1), "Task-1");
        assert_eq!(super::task_name(100_000), "Task-100000");
        assert_eq!(
            super::task_name(i64::MAX as u64),
            format!("Task-{}", i64::MAX)
        );
    }
}
