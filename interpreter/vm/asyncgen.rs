//! Async generators (`async def` with `yield`), after CPython 3.11's `genobject.c`.
//!
//! An async generator is a `GeneratorObj` with an `AgState`. Its frame yields two kinds of
//! values: its own `yield x` (the frame moved past `Op::Yield`) and whatever an `await` inside
//! it passes up to the event loop (the frame waits on `Op::YieldFrom`). `__anext__()`,
//! `asend()`, `athrow()` and `aclose()` return an `AgAwait`, the awaitable that steps the
//! frame: an own yield ends the `await` with that value (CPython's wrapped value turned into
//! `StopIteration`), anything else is passed through to the task, and the frame returning
//! raises `StopAsyncIteration`.
//!
//! Finalization: the first `__anext__`/`asend`/`athrow`/`aclose` calls the thread's
//! `firstiter` hook and remembers its `finalizer` hook (`sys.set_asyncgen_hooks`, set by the
//! asyncio loop). An unfinished async generator that is dropped hands its frame to a new
//! object which is queued for its finalizer (asyncio schedules `aclose()`); the queue is run
//! at the next generator resume, since `Drop` has no `Vm`.

use std::any::Any;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};

use super::attr::downcast;
use super::generator::{GeneratorObj, Sent};
use super::types::{new_class, types, Types};
use super::{PyErr, PyResult, Vm};

/// The async-generator part of a `GeneratorObj`.
#[derive(Default)]
pub struct AgState {
    /// The last suspension was the generator's own `yield` (not an `await` inside it).
    pub own_yield: AtomicBool,
    /// An `asend`/`athrow` awaitable is being awaited (`ag_running`).
    running_async: AtomicBool,
    /// Returned, raised, or `aclose()` started: the finalizer is not needed.
    closed: AtomicBool,
    hooks_inited: AtomicBool,
    /// Handed to its finalizer once already (the revived object is not finalized again).
    finalized: AtomicBool,
    finalizer: Mutex<Option<Value>>,
}

impl AgState {
    pub fn running(&self) -> bool {
        self.running_async.load(Relaxed)
    }
}

thread_local! {
    /// `sys.set_asyncgen_hooks(firstiter, finalizer)`: per thread, as in CPython.
    static HOOKS: RefCell<(Value, Value)> = const { RefCell::new((Value::None, Value::None)) };
}

/// Finalizer calls owed for dropped async generators: `(finalizer, revived generator)`.
static PENDING: Mutex<Vec<(Value, Value)>> = Mutex::new(Vec::new());
static HAS_PENDING: AtomicBool = AtomicBool::new(false);

/// Called from `GeneratorObj::drop` for an async generator.
pub(super) fn on_drop(g: &mut GeneratorObj) {
    let Some(ag) = &g.ag else { return };
    if ag.closed.load(Relaxed) || ag.finalized.swap(true, Relaxed) {
        return;
    }
    let Some(fin) = ag.finalizer.lock().clone() else {
        return;
    };
    if let Some(revived) = g.take_suspended() {
        PENDING
            .lock()
            .push((fin, Value::Generator(Arc::new(revived))));
        HAS_PENDING.store(true, Relaxed);
    }
}

/// Calls the finalizers of async generators dropped since the last call.
pub fn run_pending_finalizers(vm: &mut Vm) {
    if !HAS_PENDING.load(Relaxed) {
        return;
    }
    let owed = {
        let mut p = PENDING.lock();
        HAS_PENDING.store(false, Relaxed);
        std::mem::take(&mut *p)
    };
    for (fin, agen) in owed {
        if let Err(e) = vm.call0(&fin, vec![agen]) {
            // CPython reports it as unraisable and goes on.
            let msg = vm.repr(&e.exc).unwrap_or_default();
            eprintln!("Exception ignored in async generator finalizer: {msg}");
        }
    }
}

/// First use of an async generator: the `firstiter` hook, and keep the `finalizer`.
fn init_hooks(vm: &mut Vm, me: &Value, g: &GeneratorObj) -> PyResult<()> {
    let Some(ag) = &g.ag else { return Ok(()) };
    if ag.hooks_inited.swap(true, Relaxed) {
        return Ok(());
    }
    let (first, fin) = HOOKS.with(|h| h.borrow().clone());
    if !fin.is_none() {
        *ag.finalizer.lock() = Some(fin);
    }
    if !first.is_none() {
        vm.call0(&first, vec![me.clone()])?;
    }
    Ok(())
}

enum Mode {
    Send(Value),
    Throw(PyErr),
    Close,
}

#[derive(Clone, Copy, PartialEq)]
enum AwState {
    Init,
    Iter,
    Closed,
}

/// What `__anext__()`/`asend(v)` (CPython's `async_generator_asend`) and
/// `athrow(...)`/`aclose()` (`async_generator_athrow`) return.
pub struct AgAwait {
    gen: Arc<GeneratorObj>,
    mode: Mode,
    state: Mutex<AwState>,
    /// `anext(agen, default)`: what the end of the generator gives instead.
    default: Option<Value>,
}

impl NativeObj for AgAwait {
    fn class(&self) -> Arc<ClassObj> {
        match self.mode {
            Mode::Send(_) => awaitable_class("async_generator_asend").clone(),
            _ => awaitable_class("async_generator_athrow").clone(),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn awaitable_class(name: &'static str) -> &'static Arc<ClassObj> {
    static ASEND: OnceLock<Arc<ClassObj>> = OnceLock::new();
    static ATHROW: OnceLock<Arc<ClassObj>> = OnceLock::new();
    let cell = if name == "async_generator_asend" {
        &ASEND
    } else {
        &ATHROW
    };
    cell.get_or_init(|| {
        let c = new_class(name, vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            name,
            &[
                ("send", aw_send),
                ("throw", aw_throw),
                ("close", aw_close),
                ("__next__", aw_next),
                ("__await__", identity),
                ("__iter__", identity),
            ],
        );
        c
    })
}

fn stop_async() -> PyErr {
    PyErr::with_args(&types().stop_async_iteration, vec![])
}

fn ag(g: &GeneratorObj) -> &AgState {
    g.ag.as_ref().expect("an async generator")
}

/// CPython's `async_gen_unwrap_value`.
fn unwrap(g: &GeneratorObj, r: PyResult<Sent>) -> PyResult<Sent> {
    let a = ag(g);
    match r {
        Ok(Sent::Yielded(v)) if a.own_yield.load(Relaxed) => {
            a.running_async.store(false, Relaxed);
            Ok(Sent::Returned(v))
        }
        Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
        Ok(Sent::Returned(_)) => {
            a.closed.store(true, Relaxed);
            a.running_async.store(false, Relaxed);
            Err(stop_async())
        }
        Err(e) => {
            if e.matches(&types().stop_async_iteration) || e.matches(&types().generator_exit) {
                a.closed.store(true, Relaxed);
            }
            a.running_async.store(false, Relaxed);
            Err(e)
        }
    }
}

fn reuse_error(mode: &Mode) -> PyErr {
    PyErr::runtime_error(match mode {
        Mode::Send(_) => "cannot reuse already awaited __anext__()/asend()",
        _ => "cannot reuse already awaited aclose()/athrow()",
    })
}

impl AgAwait {
    fn send(&self, vm: &mut Vm, value: Value) -> PyResult<Sent> {
        let r = self.send_inner(vm, value);
        self.or_default(r)
    }

    fn or_default(&self, r: PyResult<Sent>) -> PyResult<Sent> {
        match (r, &self.default) {
            (Err(e), Some(d)) if e.matches(&types().stop_async_iteration) => {
                Ok(Sent::Returned(d.clone()))
            }
            (r, _) => r,
        }
    }

    fn send_inner(&self, vm: &mut Vm, value: Value) -> PyResult<Sent> {
        let g = &self.gen;
        let a = ag(g);
        let st = *self.state.lock();
        if st == AwState::Closed {
            return Err(reuse_error(&self.mode));
        }
        let r = match &self.mode {
            Mode::Send(sendval) => {
                let mut value = value;
                if st == AwState::Init {
                    if a.running_async.load(Relaxed) {
                        *self.state.lock() = AwState::Closed;
                        return Err(PyErr::runtime_error(
                            "anext(): asynchronous generator is already running",
                        ));
                    }
                    if value.is_none() {
                        value = sendval.clone();
                    }
                    *self.state.lock() = AwState::Iter;
                }
                a.running_async.store(true, Relaxed);
                unwrap(g, g.resume(vm, value))
            }
            Mode::Throw(_) | Mode::Close if st == AwState::Iter => {
                let r = g.resume(vm, value);
                self.athrow_result(r)
            }
            mode => {
                if a.running_async.load(Relaxed) {
                    *self.state.lock() = AwState::Closed;
                    return Err(PyErr::runtime_error(match mode {
                        Mode::Close => "aclose(): asynchronous generator is already running",
                        _ => "athrow(): asynchronous generator is already running",
                    }));
                }
                if a.closed.load(Relaxed) {
                    *self.state.lock() = AwState::Closed;
                    return Err(stop_async());
                }
                if !value.is_none() {
                    return Err(PyErr::runtime_error(
                        "can't send non-None value to a just-started coroutine",
                    ));
                }
                *self.state.lock() = AwState::Iter;
                a.running_async.store(true, Relaxed);
                let exc = match mode {
                    Mode::Throw(e) => e.clone(),
                    _ => {
                        a.closed.store(true, Relaxed);
                        PyErr::with_args(&types().generator_exit, vec![])
                    }
                };
                let r = g.throw(vm, exc);
                self.athrow_result(r)
            }
        };
        if !matches!(r, Ok(Sent::Yielded(_))) {
            *self.state.lock() = AwState::Closed;
        }
        r
    }

    fn throw(&self, vm: &mut Vm, exc: PyErr) -> PyResult<Sent> {
        let r = self.throw_inner(vm, exc);
        self.or_default(r)
    }

    fn throw_inner(&self, vm: &mut Vm, exc: PyErr) -> PyResult<Sent> {
        if *self.state.lock() == AwState::Closed {
            return Err(reuse_error(&self.mode));
        }
        let r = self.gen.throw(vm, exc);
        let r = match self.mode {
            Mode::Send(_) => unwrap(&self.gen, r),
            _ => self.athrow_result(r),
        };
        if !matches!(r, Ok(Sent::Yielded(_))) {
            *self.state.lock() = AwState::Closed;
        }
        r
    }

    /// The outcome of a step of `athrow()`/`aclose()`.
    fn athrow_result(&self, r: PyResult<Sent>) -> PyResult<Sent> {
        let g = &self.gen;
        let a = ag(g);
        if !matches!(self.mode, Mode::Close) {
            return unwrap(g, r);
        }
        match r {
            Ok(Sent::Yielded(_)) if a.own_yield.load(Relaxed) => {
                a.running_async.store(false, Relaxed);
                Err(PyErr::runtime_error(
                    "async generator ignored GeneratorExit",
                ))
            }
            Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
            Ok(Sent::Returned(_)) => {
                a.running_async.store(false, Relaxed);
                Ok(Sent::Returned(Value::None))
            }
            Err(e) => {
                a.running_async.store(false, Relaxed);
                if e.matches(&types().stop_async_iteration) || e.matches(&types().generator_exit) {
                    // `await agen.aclose()` is done.
                    return Ok(Sent::Returned(Value::None));
                }
                Err(e)
            }
        }
    }
}

/// `asyncio.iscoroutine`: CPython's awaitables register as `collections.abc.Coroutine`, so
/// `create_task(agen.aclose())` works.
pub fn is_ag_awaitable(v: &Value) -> bool {
    downcast::<AgAwait>(v).is_some()
}

/// `yield from`/`await` step into an `AgAwait` (see `Vm::send`).
pub(super) fn send_awaitable(vm: &mut Vm, sub: &Value, value: Value) -> PyResult<Sent> {
    match downcast::<AgAwait>(sub) {
        Some(a) => a.send(vm, value),
        None => Err(PyErr::type_error("expected an async generator awaitable")),
    }
}

/// `throw` into a frame awaiting an `AgAwait` is forwarded to it (e.g. `CancelledError`).
pub(super) fn throw_into_awaitable(vm: &mut Vm, v: &Value, e: &PyErr) -> Option<PyResult<Sent>> {
    downcast::<AgAwait>(v).map(|a| a.throw(vm, e.clone()))
}

fn sent_to_value(s: PyResult<Sent>) -> PyResult<Value> {
    match s? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(if v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

fn this(v: &Value) -> PyResult<&AgAwait> {
    downcast::<AgAwait>(v)
        .ok_or_else(|| PyErr::type_error("descriptor requires an async generator awaitable"))
}

fn identity(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn aw_send(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 2)?;
    sent_to_value(this(&args[0])?.send(vm, args[1].clone()))
}

fn aw_next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    sent_to_value(this(&args[0])?.send(vm, Value::None))
}

fn make_exc(vm: &mut Vm, args: &[Value]) -> PyResult<PyErr> {
    match (&args[0], args.get(1)) {
        (Value::Class(c), Some(v)) if !v.is_none() => {
            let inst = vm.call0(&Value::Class(c.clone()), vec![v.clone()])?;
            vm.make_exception(inst)
        }
        (v, _) => vm.make_exception(v.clone()),
    }
}

fn aw_throw(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("throw", args, 2, 4)?;
    let exc = make_exc(vm, &args[1..])?;
    sent_to_value(this(&args[0])?.throw(vm, exc))
}

fn aw_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    *this(&args[0])?.state.lock() = AwState::Closed;
    Ok(Value::None)
}

fn agen_of(v: &Value) -> PyResult<&Arc<GeneratorObj>> {
    match v {
        Value::Generator(g) if g.is_asyncgen() => Ok(g),
        _ => Err(PyErr::type_error(
            "descriptor requires an 'async_generator' object",
        )),
    }
}

fn awaitable(vm: &mut Vm, me: &Value, mode: Mode) -> PyResult<Value> {
    awaitable_or(vm, me, mode, None)
}

fn awaitable_or(vm: &mut Vm, me: &Value, mode: Mode, default: Option<Value>) -> PyResult<Value> {
    let g = agen_of(me)?.clone();
    init_hooks(vm, me, &g)?;
    Ok(Value::Native(Arc::new(AgAwait {
        gen: g,
        mode,
        state: Mutex::new(AwState::Init),
        default,
    })))
}

/// Built-in `aiter(obj)`.
pub fn builtin_aiter(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("aiter", args, 1, 1)?;
    let Some(f) = super::types::type_of(&args[0]).lookup("__aiter__") else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterable",
            super::types::type_name(&args[0])
        )));
    };
    vm.call0(&f, vec![args[0].clone()])
}

/// Built-in `anext(aiterator[, default])`; the default form only for async generators.
pub fn builtin_anext(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("anext", args, 1, 2)?;
    let it = &args[0];
    if let (Value::Generator(g), Some(d)) = (it, args.get(1)) {
        if g.is_asyncgen() {
            return awaitable_or(vm, it, Mode::Send(Value::None), Some(d.clone()));
        }
    }
    let Some(f) = super::types::type_of(it).lookup("__anext__") else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterator",
            super::types::type_name(it)
        )));
    };
    if args.len() == 2 {
        return Err(PyErr::type_error(
            "anext() with a default supports only async generators in gil",
        ));
    }
    vm.call0(&f, vec![it.clone()])
}

fn ag_anext(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__anext__", args, 1, 1)?;
    awaitable(vm, &args[0], Mode::Send(Value::None))
}

fn ag_asend(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("asend", args, 2, 2)?;
    awaitable(vm, &args[0], Mode::Send(args[1].clone()))
}

fn ag_athrow(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("athrow", args, 2, 4)?;
    agen_of(&args[0])?;
    let exc = make_exc(vm, &args[1..])?;
    awaitable(vm, &args[0], Mode::Throw(exc))
}

fn ag_aclose(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("aclose", args, 1, 1)?;
    awaitable(vm, &args[0], Mode::Close)
}

pub fn register(t: &Types) {
    add_methods(
        &t.async_generator,
        "async_generator",
        &[
            ("__aiter__", identity),
            ("__anext__", ag_anext),
            ("asend", ag_asend),
            ("athrow", ag_athrow),
            ("aclose", ag_aclose),
        ],
    );
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: an argument left out keeps its
/// current value.
pub fn set_hooks(_vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    arity("set_asyncgen_hooks", args, 0, 2)?;
    let first = args.first().cloned().or_else(|| kw.take("firstiter"));
    let fin = args.get(1).cloned().or_else(|| kw.take("finalizer"));
    if let Some((name, _)) = kw.0.first() {
        return Err(PyErr::type_error(format!(
            "set_asyncgen_hooks() got an unexpected keyword argument '{}'",
            name.as_str()
        )));
    }
    for (v, what) in [(&first, "firstiter"), (&fin, "finalizer")] {
        if let Some(v) = v {
            if !v.is_none() && !is_callable(v) {
                return Err(PyErr::type_error(format!(
                    "callable {what} expected, got {}",
                    super::types::type_name(v)
                )));
            }
        }
    }
    HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        if let Some(f) = first {
            h.0 = f;
        }
        if let Some(f) = fin {
            h.1 = f;
        }
    });
    Ok(Value::None)
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => {
            super::types::type_of(v).lookup("__call__").is_some()
        }
        _ => false,
    }
}

/// `sys.get_asyncgen_hooks()`: `(firstiter, finalizer)`.
pub fn get_hooks(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (a, b) = HOOKS.with(|h| h.borrow().clone());
    Ok(Value::tuple(vec![a, b]))
}

/// The event loop's set of live async generators (CPython keeps a `weakref.WeakSet`): it must
/// not keep an abandoned generator alive, or its finalizer would never run.
#[derive(Default)]
pub struct WeakAgSet {
    items: Mutex<Vec<std::sync::Weak<GeneratorObj>>>,
}

impl NativeObj for WeakAgSet {
    fn class(&self) -> Arc<ClassObj> {
        static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
        C.get_or_init(|| {
            let c = new_class(
                "AsyncGenWeakSet",
                vec![types().object.clone()],
                Layout::Other,
            );
            add_methods(
                &c,
                "AsyncGenWeakSet",
                &[
                    ("add", ws_add),
                    ("discard", ws_discard),
                    ("__len__", ws_len),
                    ("snapshot", ws_snapshot),
                    ("clear", ws_clear),
                ],
            );
            c
        })
        .clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `sys._asyncgen_weakset()`.
pub fn new_weakset(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Native(Arc::new(WeakAgSet::default())))
}

fn ws(v: &Value) -> PyResult<&WeakAgSet> {
    downcast::<WeakAgSet>(v).ok_or_else(|| PyErr::type_error("expected an AsyncGenWeakSet"))
}

fn ws_add(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("add", args, 2, 2)?;
    let s = ws(&args[0])?;
    let g = agen_of(&args[1])?;
    let mut items = s.items.lock();
    items.retain(|w| w.strong_count() > 0);
    if !items
        .iter()
        .any(|w| std::ptr::eq(w.as_ptr(), Arc::as_ptr(g)))
    {
        items.push(Arc::downgrade(g));
    }
    Ok(Value::None)
}

fn ws_discard(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("discard", args, 2, 2)?;
    let s = ws(&args[0])?;
    if let Value::Generator(g) = &args[1] {
        s.items
            .lock()
            .retain(|w| w.strong_count() > 0 && !std::ptr::eq(w.as_ptr(), Arc::as_ptr(g)));
    }
    Ok(Value::None)
}

fn live(s: &WeakAgSet) -> Vec<Value> {
    let mut items = s.items.lock();
    items.retain(|w| w.strong_count() > 0);
    items
        .iter()
        .filter_map(|w| w.upgrade().map(Value::Generator))
        .collect()
}

fn ws_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(live(ws(&args[0])?).len() as i64))
}

fn ws_snapshot(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::list(live(ws(&args[0])?)))
}

fn ws_clear(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    ws(&args[0])?.items.lock().clear();
    Ok(Value::None)
}
