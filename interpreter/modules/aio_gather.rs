//! `asyncio.gather(*aws)` natively: wrapping each awaitable in a task and the done callback
//! that counts the children and collects their results.
//!
//! With 100,000 children the gil version spent more time in `gather` than in the tasks: a
//! gil call of `ensure_future` and `add_done_callback` per child, a gil closure call per child
//! that finishes, and a gil loop over the children at the end. Here one native callback
//! object (`GatherCb`) holds the state the closure held (`nfinished`, `nfuts`, `children`,
//! `outer`); the loop runs it without a gil call (`aio_loop::run_entries`), and gil code
//! that calls it (a done future's `call_soon`) finds its `__call__`.
//!
//! What is not a coroutine or a plain `Future` goes through the gil `ensure_future`; a child
//! that fails or is cancelled takes the same branches as CPython's `_done_callback`.

use std::any::Any;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::str::intern;
use crate::objects::{ClassObj, StrObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

use super::aio_core::{core, create_task, get, inst, is_a, is_coroutine, keys, ready_push};

/// The gil pieces `gather` needs, given once by `gather_init`.
struct GatherCtx {
    gathering_future: Value,
    ensure_future: Value,
    get_event_loop: Value,
    /// The event loop class whose `create_task` is the native one.
    event_loop: Arc<ClassObj>,
}

static CTX: OnceLock<GatherCtx> = OnceLock::new();

/// `gather_init(_GatheringFuture, ensure_future, get_event_loop, EventLoop)`.
pub(super) fn gather_init(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("gather_init", args, 4, 4)?;
    let Value::Class(el) = &args[3] else {
        return Err(PyErr::type_error("gather_init: EventLoop must be a class"));
    };
    let _ = CTX.set(GatherCtx {
        gathering_future: args[0].clone(),
        ensure_future: args[1].clone(),
        get_event_loop: args[2].clone(),
        event_loop: el.clone(),
    });
    Ok(Value::None)
}

struct State {
    nfuts: usize,
    nfinished: usize,
    children: Vec<Value>,
    /// What each plain child that finished (not cancelled) produced, by the child's address,
    /// taken when its callback ran and the child was still in the cache: the final walk over
    /// 100,000 children otherwise misses the cache three times per child.
    outcomes: Vec<(usize, Value)>,
    /// `None` until `gather` has made it (a child's callback cannot run before).
    outer: Value,
}

/// The done callback shared by the children of one `gather`.
pub struct GatherCb {
    return_exceptions: bool,
    state: Mutex<State>,
}

impl NativeObj for GatherCb {
    fn class(&self) -> Arc<ClassObj> {
        gather_cb_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn gather_cb_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("function", vec![types().object.clone()], Layout::Other);
        add_methods(&c, "function", &[("__call__", gather_cb_call)]);
        // What a future's repr shows for its callbacks (`_cb_name`), as in CPython.
        let name = "gather.<locals>._done_callback";
        c.dict
            .set_str("__qualname__", Value::string(name.to_string()));
        c.dict
            .set_str("__name__", Value::string("_done_callback".to_string()));
        c
    })
}

pub fn as_gather_cb(v: &Value) -> Option<&GatherCb> {
    downcast::<GatherCb>(v)
}

fn gather_cb_call(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_done_callback", args, 2, 2)?;
    let cb = as_gather_cb(&args[0]).ok_or_else(|| PyErr::type_error("not a gather callback"))?;
    cb.done(vm, &args[1])?;
    Ok(Value::None)
}

// ---- field access on children that may be any future-like object ---------------------------

fn plain_future(v: &Value) -> Option<&Arc<crate::objects::InstanceObj>> {
    let c = core().ok()?;
    inst(v).filter(|i| is_a(i, &c.future))
}

fn fget(vm: &mut Vm, v: &Value, k: &Arc<StrObj>) -> PyResult<Value> {
    match plain_future(v) {
        Some(i) => Ok(get(i, k)),
        None => vm.get_attr(v, k),
    }
}

fn clear_log_traceback(vm: &mut Vm, v: &Value) -> PyResult<()> {
    match plain_future(v) {
        Some(i) => {
            super::aio_core::clear_log_traceback(i);
            Ok(())
        }
        None => vm.set_attr(v, &keys().log_traceback, Value::Bool(false)),
    }
}

fn is_state(vm: &mut Vm, v: &Value, want: &str) -> PyResult<bool> {
    Ok(match fget(vm, v, &keys().state)? {
        Value::Str(s) => s.as_str() == want,
        _ => false,
    })
}

fn call_method(vm: &mut Vm, v: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = vm.get_attr_str(v, name)?;
    vm.call0(&m, args)
}

impl GatherCb {
    /// CPython's `gather.<locals>._done_callback(fut)`.
    pub fn done(&self, vm: &mut Vm, fut: &Value) -> PyResult<()> {
        let k = keys();
        let (outer, nfinished, nfuts) = {
            let mut st = self.state.lock();
            st.nfinished += 1;
            (st.outer.clone(), st.nfinished, st.nfuts)
        };
        if outer.is_none() || !is_state(vm, &outer, "PENDING")? {
            if !is_state(vm, fut, "CANCELLED")? {
                clear_log_traceback(vm, fut)?;
            }
            return self.release_if_last(nfinished, nfuts);
        }
        // The child's state and exception, read once while the child is in the cache.
        let cancelled = is_state(vm, fut, "CANCELLED")?;
        let plain = plain_future(fut).filter(|_| !cancelled);
        let exc = match plain {
            Some(f) => get(f, &k.exception),
            None if !cancelled && !self.return_exceptions => fget(vm, fut, &k.exception)?,
            None => Value::None,
        };
        if !self.return_exceptions {
            if cancelled {
                let exc = call_method(vm, fut, "_make_cancelled_error", vec![])?;
                call_method(vm, &outer, "set_exception", vec![exc])?;
                return self.release_if_last(nfinished, nfuts);
            }
            if !exc.is_none() {
                clear_log_traceback(vm, fut)?;
                call_method(vm, &outer, "set_exception", vec![exc])?;
                return self.release_if_last(nfinished, nfuts);
            }
        }
        if let (Some(f), Some(p)) = (plain, fut.ptr()) {
            super::aio_core::clear_log_traceback(f);
            let res = if exc.is_none() {
                get(f, &k.result)
            } else {
                exc
            };
            self.state.lock().outcomes.push((p, res));
        }
        if nfinished != nfuts {
            return Ok(());
        }
        let (children, outcomes) = {
            let mut st = self.state.lock();
            (
                std::mem::take(&mut st.children),
                std::mem::take(&mut st.outcomes),
            )
        };
        let outcomes: foldhash::HashMap<usize, Value> = outcomes.into_iter().collect();
        let mut results = Vec::with_capacity(children.len());
        for f in &children {
            if let Some(r) = f.ptr().and_then(|p| outcomes.get(&p)) {
                results.push(r.clone());
                continue;
            }
            let res = if is_state(vm, f, "CANCELLED")? {
                let msg = fget(vm, f, &k.cancel_message)?;
                let msg = if msg.is_none() {
                    Value::string(String::new())
                } else {
                    msg
                };
                let ce = Value::Class(core()?.cancelled_error.clone());
                vm.call0(&ce, vec![msg])?
            } else {
                clear_log_traceback(vm, f)?;
                let e = fget(vm, f, &k.exception)?;
                if e.is_none() {
                    fget(vm, f, &k.result)?
                } else {
                    e
                }
            };
            results.push(res);
        }
        self.state.lock().outer = Value::None;
        let requested = vm.get_attr(&outer, &cancel_requested())?;
        if vm.truthy(&requested)? {
            let exc = call_method(vm, fut, "_make_cancelled_error", vec![])?;
            call_method(vm, &outer, "set_exception", vec![exc])?;
        } else {
            call_method(vm, &outer, "set_result", vec![Value::list(results)])?;
        }
        Ok(())
    }

    /// Once every child has reported, the callback lets go of them (and of `outer`).
    fn release_if_last(&self, nfinished: usize, nfuts: usize) -> PyResult<()> {
        if nfinished >= nfuts {
            let mut st = self.state.lock();
            st.children.clear();
            st.outer = Value::None;
        }
        Ok(())
    }
}

fn cancel_requested() -> Arc<StrObj> {
    static K: OnceLock<Arc<StrObj>> = OnceLock::new();
    K.get_or_init(|| intern("_cancel_requested")).clone()
}

fn add_done_callback() -> Arc<StrObj> {
    static K: OnceLock<Arc<StrObj>> = OnceLock::new();
    K.get_or_init(|| intern("add_done_callback")).clone()
}

fn same_fn(a: &Value, b: &Value) -> bool {
    match (a.ptr(), b.ptr()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Whether instances of `cls` (a `Future` subclass) keep `Future.add_done_callback`.
fn keeps_add_done_callback(cls: &ClassObj) -> PyResult<bool> {
    let name = add_done_callback();
    let mine = cls.lookup(name.as_str());
    let base = core()?.future.lookup(name.as_str());
    Ok(matches!((&mine, &base), (Some(m), Some(b)) if same_fn(m, b)))
}

/// `fut.add_done_callback(cb)`, natively when `fut` is a `Future` that does not override it.
/// `known` remembers the last class asked about (the children of one `gather` are nearly
/// always of one class), so the method is looked up along the MRO once, not per child.
fn add_callback(
    vm: &mut Vm,
    fut: &Value,
    cb: &Value,
    known: &mut Option<(Arc<ClassObj>, bool)>,
) -> PyResult<()> {
    if let Some(f) = plain_future(fut) {
        let native = {
            let cls = f.class.lock();
            match known {
                Some((c, yes)) if Arc::ptr_eq(c, &cls) => *yes,
                _ => {
                    let yes = keeps_add_done_callback(&cls)?;
                    *known = Some((cls.clone(), yes));
                    yes
                }
            }
        };
        if native {
            let k = keys();
            if is_state(vm, fut, "PENDING")? {
                if let Value::List(l) = get(f, &k.callbacks) {
                    l.push(cb.clone());
                    return Ok(());
                }
            } else {
                // What `call_soon(cb, fut)` does, as a `(callback, future)` entry.
                return ready_push(
                    &get(f, &k.loop_),
                    Value::tuple(vec![cb.clone(), fut.clone()]),
                );
            }
        }
    }
    call_method(vm, fut, "add_done_callback", vec![cb.clone()])?;
    Ok(())
}

fn ctx() -> PyResult<&'static GatherCtx> {
    CTX.get()
        .ok_or_else(|| PyErr::runtime_error("_asyncio_poll.gather_init() was not called"))
}

/// `ensure_future(arg, loop=lp)`: a coroutine becomes a task natively when `lp` is the plain
/// event loop.
fn ensure(vm: &mut Vm, arg: &Value, lp: &mut Value) -> PyResult<Value> {
    let cx = ctx()?;
    if plain_future(arg).is_some() {
        return Ok(arg.clone());
    }
    if is_coroutine(arg) {
        if lp.is_none() {
            *lp = vm.call0(&cx.get_event_loop, vec![])?;
        }
        if let Some(li) = inst(lp) {
            if Arc::ptr_eq(&li.class(), &cx.event_loop) {
                return create_task(vm, lp, arg, &Value::None);
            }
        }
    }
    let kw = KwArgs(vec![(intern("loop"), lp.clone())]);
    vm.call(&cx.ensure_future, vec![arg.clone()], kw)
}

/// `gather_children(coros_or_futures, return_exceptions)`: what `gather` does for a non-empty
/// argument tuple; returns the `_GatheringFuture`.
pub(super) fn gather(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("gather_children", args, 2, 2)?;
    let items = match &args[0] {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.snapshot(),
        _ => return Err(PyErr::type_error("gather_children: a tuple was expected")),
    };
    let return_exceptions = vm.truthy(&args[1])?;
    let cb = Arc::new(GatherCb {
        return_exceptions,
        state: Mutex::new(State {
            nfuts: 0,
            nfinished: 0,
            children: Vec::new(),
            outcomes: Vec::new(),
            outer: Value::None,
        }),
    });
    let cbv = Value::Native(cb.clone());
    let mut lp = Value::None;
    let mut seen: foldhash::HashMap<usize, Value> = Default::default();
    let mut known = None;
    let mut children = Vec::with_capacity(items.len());
    let mut nfuts = 0;
    for arg in &items {
        let key = arg.ptr();
        if let Some(f) = key.and_then(|p| seen.get(&p)) {
            children.push(f.clone());
            continue;
        }
        let fut = ensure(vm, arg, &mut lp)?;
        if lp.is_none() {
            lp = fget(vm, &fut, &keys().loop_)?;
        }
        nfuts += 1;
        // Counted before the callback is added: a done child's callback runs later anyway.
        cb.state.lock().nfuts = nfuts;
        add_callback(vm, &fut, &cbv, &mut known)?;
        if let Some(p) = key {
            seen.insert(p, fut.clone());
        }
        children.push(fut);
    }
    let cx = ctx()?;
    let kw = KwArgs(vec![(intern("loop"), lp)]);
    let outer = vm.call(
        &cx.gathering_future,
        vec![Value::list(children.clone())],
        kw,
    )?;
    {
        let mut st = cb.state.lock();
        st.children = children;
        st.outer = outer.clone();
    }
    Ok(outer)
}
