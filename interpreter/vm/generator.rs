//! Generators and coroutines: a suspended frame kept in a heap object.
//!
//! On `yield` the dispatch loop hands the whole `Frame` (instruction pointer, value stack,
//! locals, handler blocks) back to `resume`, which stores it here; the next `send` moves it
//! back into `execute`. Coroutines (`async def`) are the same object with another name.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::objects::{FunctionObj, Value};

use super::frame::Frame;
use super::run::Exec;
use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};
use crate::modules::aio_core::FutureIter;
use crate::modules::aio_sleep::Sleep;

pub enum GenState {
    /// Created or suspended at a `yield`.
    Suspended(Box<Frame>),
    Running,
    Finished,
}

pub struct GeneratorObj {
    pub state: Mutex<GenState>,
    pub func: Arc<FunctionObj>,
    coroutine: bool,
    /// A coroutine that was never awaited is reported when dropped.
    pub awaited: std::sync::atomic::AtomicBool,
    /// While suspended: the exceptions its `except` blocks are handling (taken off the thread's
    /// stack at `yield`, so that another generator's handlers cannot see or pop them), and the
    /// stack depth its handlers were counted from (CPython's `gi_exc_state`).
    exc_saved: Mutex<(Vec<Value>, usize)>,
    /// Present for an async generator (`async def` with `yield`): see `vm/asyncgen.rs`.
    pub ag: Option<Box<super::asyncgen::AgState>>,
}

/// The outcome of sending a value into a generator (or any iterator, for `yield from`).
pub enum Sent {
    Yielded(Value),
    Returned(Value),
}

impl GeneratorObj {
    pub fn new(frame: Box<Frame>, func: Arc<FunctionObj>) -> GeneratorObj {
        let coroutine = func.code.flags.coroutine && !func.code.flags.generator;
        let asyncgen = func.code.flags.coroutine && func.code.flags.generator;
        GeneratorObj {
            ag: asyncgen.then(Default::default),
            state: Mutex::new(GenState::Suspended(frame)),
            func,
            coroutine,
            awaited: std::sync::atomic::AtomicBool::new(false),
            exc_saved: Mutex::new((Vec::new(), 0)),
        }
    }

    pub fn is_coroutine(&self) -> bool {
        self.coroutine
    }

    pub fn is_asyncgen(&self) -> bool {
        self.ag.is_some()
    }

    pub fn name(&self) -> String {
        self.func.name()
    }

    pub fn qualname(&self) -> String {
        self.func.qualname()
    }

    fn kind(&self) -> &'static str {
        if self.coroutine {
            "coroutine"
        } else if self.ag.is_some() {
            "async generator"
        } else {
            "generator"
        }
    }

    /// `gen.send(value)` (with `next()` being `send(None)`).
    pub fn resume(&self, vm: &mut Vm, value: Value) -> PyResult<Sent> {
        self.resume_with(vm, value, None)
    }

    /// `gen.throw(exc)`.
    pub fn throw(&self, vm: &mut Vm, exc: PyErr) -> PyResult<Sent> {
        self.resume_with(vm, Value::None, Some(exc))
    }

    fn resume_with(&self, vm: &mut Vm, value: Value, throw: Option<PyErr>) -> PyResult<Sent> {
        super::asyncgen::run_pending_finalizers(vm);
        self.awaited
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let mut frame = {
            let mut st = self.state.lock();
            match std::mem::replace(&mut *st, GenState::Running) {
                GenState::Suspended(f) => f,
                GenState::Running => {
                    *st = GenState::Running;
                    return Err(PyErr::value_error(format!(
                        "{} already executing",
                        self.kind()
                    )));
                }
                GenState::Finished => {
                    *st = GenState::Finished;
                    if let Some(e) = throw {
                        return Err(e);
                    }
                    if self.coroutine {
                        return Err(PyErr::runtime_error(
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    return Ok(Sent::Returned(Value::None));
                }
            }
        };
        if frame.started {
            // A delegating generator forwards `throw` to its sub-iterator first.
            if let Some(e) = &throw {
                if let Some(crate::bytecode::Op::YieldFrom) = frame.code.ops.get(frame.ip) {
                    let sub = frame.stack.last().cloned();
                    let forwarded = match &sub {
                        Some(Value::Generator(sub)) => Some(sub.throw(vm, e.clone())),
                        Some(v) => super::asyncgen::throw_into_awaitable(vm, v, e),
                        None => None,
                    };
                    if let Some(r) = forwarded {
                        match r {
                            Ok(Sent::Yielded(v)) => {
                                *self.state.lock() = GenState::Suspended(frame);
                                return Ok(Sent::Yielded(v));
                            }
                            Ok(Sent::Returned(v)) => {
                                frame.stack.pop();
                                frame.stack.push(v);
                                frame.ip += 1;
                                let base = self.enter(vm, &mut frame);
                                let r = vm.execute(frame);
                                return self.finish(vm, r, base);
                            }
                            Err(e2) => {
                                frame.stack.pop();
                                frame.ip += 1;
                                let base = self.enter(vm, &mut frame);
                                let r = vm.execute_inner(frame, Some(e2));
                                return self.finish(vm, r, base);
                            }
                        }
                    }
                }
            }
            if throw.is_none() {
                frame.stack.push(value);
            }
        } else if throw.is_none() && !value.is_none() {
            *self.state.lock() = GenState::Suspended(frame);
            return Err(PyErr::type_error(format!(
                "can't send non-None value to a just-started {}",
                self.kind()
            )));
        }
        let base = self.enter(vm, &mut frame);
        let r = vm.execute_inner(frame, throw);
        self.finish(vm, r, base)
    }

    /// Puts back the exceptions being handled when the frame last yielded, on top of the
    /// thread's stack as it is now; returns where the frame's part of that stack starts.
    fn enter(&self, vm: &mut Vm, frame: &mut Frame) -> usize {
        let base = vm.exc_stack.len();
        let (saved, old_base) = std::mem::take(&mut *self.exc_saved.lock());
        if base != old_base {
            for h in frame.handlers.iter_mut() {
                h.exc_depth =
                    (h.exc_depth as usize - old_base.min(h.exc_depth as usize) + base) as u32;
            }
        }
        vm.exc_stack.extend(saved);
        base
    }

    fn finish(&self, vm: &mut Vm, r: Exec, base: usize) -> PyResult<Sent> {
        let own = if vm.exc_stack.len() > base {
            vm.exc_stack.split_off(base)
        } else {
            Vec::new()
        };
        match r {
            Exec::Yielded(v, frame) => {
                if let Some(ag) = &self.ag {
                    // Its own `yield` has moved past the instruction; an `await` waits on
                    // `YieldFrom` (async generators have no `yield from`).
                    let own_yield = !matches!(
                        frame.code.ops.get(frame.ip),
                        Some(crate::bytecode::Op::YieldFrom)
                    );
                    ag.own_yield
                        .store(own_yield, std::sync::atomic::Ordering::Relaxed);
                }
                *self.exc_saved.lock() = (own, base);
                *self.state.lock() = GenState::Suspended(frame);
                Ok(Sent::Yielded(v))
            }
            Exec::Returned(v) => {
                *self.state.lock() = GenState::Finished;
                Ok(Sent::Returned(v))
            }
            Exec::Raised(e) => {
                *self.state.lock() = GenState::Finished;
                if e.matches(&types().stop_iteration) {
                    return Err(PyErr::runtime_error(format!(
                        "{} raised StopIteration",
                        self.kind()
                    )));
                }
                if self.ag.is_some() && e.matches(&types().stop_async_iteration) {
                    return Err(PyErr::runtime_error(
                        "async generator raised StopAsyncIteration",
                    ));
                }
                Err(e)
            }
        }
    }

    /// Moves a suspended frame into a new object: an async generator's finalizer needs a live
    /// object while this one is being dropped (CPython resurrects it).
    pub(super) fn take_suspended(&mut self) -> Option<GeneratorObj> {
        let GenState::Suspended(frame) =
            std::mem::replace(self.state.get_mut(), GenState::Finished)
        else {
            return None;
        };
        Some(GeneratorObj {
            state: Mutex::new(GenState::Suspended(frame)),
            func: self.func.clone(),
            coroutine: self.coroutine,
            awaited: std::sync::atomic::AtomicBool::new(true),
            exc_saved: Mutex::new(std::mem::take(self.exc_saved.get_mut())),
            ag: self.ag.take(),
        })
    }

    /// `gen.close()`.
    pub fn close(&self, vm: &mut Vm) -> PyResult<()> {
        if matches!(&*self.state.lock(), GenState::Suspended(f) if !f.started) {
            *self.state.lock() = GenState::Finished;
            return Ok(());
        }
        if matches!(&*self.state.lock(), GenState::Finished) {
            return Ok(());
        }
        let exit = PyErr::with_args(&types().generator_exit, vec![]);
        match self.throw(vm, exit) {
            Ok(Sent::Yielded(_)) => Err(PyErr::runtime_error(format!(
                "{} ignored GeneratorExit",
                self.kind()
            ))),
            Ok(Sent::Returned(_)) => Ok(()),
            Err(e) if e.matches(&types().generator_exit) || e.matches(&types().stop_iteration) => {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

impl Drop for GeneratorObj {
    fn drop(&mut self) {
        if self.ag.is_some() {
            super::asyncgen::on_drop(self);
            return;
        }
        if self.coroutine && !self.awaited.load(std::sync::atomic::Ordering::Relaxed) {
            if let GenState::Suspended(f) = &*self.state.lock() {
                if !f.started {
                    eprintln!(
                        "{}: RuntimeWarning: coroutine '{}' was never awaited",
                        f.code.filename,
                        self.func.qualname()
                    );
                }
            }
        }
    }
}

impl Vm {
    /// One step of `yield from` / `await`: send `value` into `sub`.
    pub fn send(&mut self, sub: &Value, value: Value) -> PyResult<Sent> {
        match sub {
            Value::Generator(g) => g.resume(self, value),
            Value::Native(n) if n.as_any().is::<super::asyncgen::AgAwait>() => {
                super::asyncgen::send_awaitable(self, sub, value)
            }
            // asyncio's native awaitables: `await future` and `await asyncio.sleep(...)`.
            Value::Native(n) if value.is_none() => {
                let any = n.as_any();
                if let Some(it) = any.downcast_ref::<FutureIter>() {
                    return it.step(self);
                }
                if let Some(s) = any.downcast_ref::<Sleep>() {
                    return s.step(sub);
                }
                match self.next(sub)? {
                    Some(v) => Ok(Sent::Yielded(v)),
                    None => Ok(Sent::Returned(Value::None)),
                }
            }
            _ => {
                if value.is_none() {
                    match self.next(sub)? {
                        Some(v) => Ok(Sent::Yielded(v)),
                        None => Ok(Sent::Returned(Value::None)),
                    }
                } else {
                    let send = self.get_attr_str(sub, "send")?;
                    match self.call0(&send, vec![value]) {
                        Ok(v) => Ok(Sent::Yielded(v)),
                        Err(e) if e.matches(&types().stop_iteration) => {
                            let v = match &e.exc {
                                Value::Instance(i) => {
                                    i.dict.get_str("value").unwrap_or(Value::None)
                                }
                                _ => Value::None,
                            };
                            Ok(Sent::Returned(v))
                        }
                        Err(e) => Err(e),
                    }
                }
            }
        }
    }

    /// What `await v` iterates: a coroutine itself, or `v.__await__()`.
    pub fn get_awaitable(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Generator(g) = v {
            if g.is_coroutine() {
                return Ok(v.clone());
            }
        }
        // `await agen.__anext__()`: its own awaitable, without a method call per item.
        if let Value::Native(n) = v {
            if n.as_any().is::<super::asyncgen::AgAwait>() {
                return Ok(v.clone());
            }
        }
        if let Some(f) = type_of(v).lookup("__await__") {
            return self.call0(&f, vec![v.clone()]);
        }
        Err(PyErr::type_error(format!(
            "object {} can't be used in 'await' expression",
            type_name(v)
        )))
    }
}
