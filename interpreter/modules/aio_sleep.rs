//! `asyncio.sleep(delay, result=None)` as one small native coroutine object.
//!
//! CPython's `sleep` is a coroutine that creates a `Future` and a `TimerHandle` and awaits the
//! future. Here all three are one object, which is at once the coroutine (`send`, `throw`,
//! `close`, `__await__`), the future the task waits on (`cancel`, `done`, `cancelled`) and
//! the timer-heap entry (in `loop._scheduled`, see `aio_timers`). With 100,000 sleeping
//! tasks that is ~100 bytes per sleep instead of three gil objects with instance dicts.
//!
//! Life: `Created` until the first `send`; then, for a positive delay, it pushes itself on the
//! running loop's timer heap and yields itself: the task (see `aio_core::wait_on`) registers
//! as its waiter (`Waiting`). When the timer is due, the loop wakes the task (`Fired`) and the
//! next `send` returns `result`. `sleep(0)` (or less) just yields `None` once, like CPython's
//! bare `yield`. `cancel()` while waiting wakes the task with `CancelledError`.

use std::any::Any;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};
use crate::vm::attr::downcast;
use crate::vm::generator::Sent;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

enum State {
    Created,
    /// On the timer heap; `task` waits on it once it has yielded.
    Waiting {
        task: Value,
    },
    /// The timer fired: the next `send` returns the result.
    Fired,
    Cancelled {
        msg: Value,
    },
    /// Returned, raised or closed.
    Done,
}

pub struct Sleep {
    delay: f64,
    result: Value,
    state: Mutex<State>,
}

impl NativeObj for Sleep {
    fn class(&self) -> Arc<ClassObj> {
        sleep_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn sleep_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        // Named like the type of any coroutine object, as CPython's `sleep()` returns one.
        let c = new_class("coroutine", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "coroutine",
            &[
                ("send", sleep_send),
                ("throw", sleep_throw),
                ("close", sleep_close),
                ("__await__", same),
                ("__next__", sleep_next),
                ("__iter__", same),
                ("__repr__", sleep_repr),
                ("cancel", sleep_cancel),
                ("cancelled", sleep_cancelled),
                ("done", sleep_done),
            ],
        );
        c
    })
}

pub fn as_sleep(v: &Value) -> Option<&Sleep> {
    downcast::<Sleep>(v)
}

/// `_asyncio_poll.sleep(delay, result=None)`.
pub fn sleep(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let result_kw = kw.take("result");
    if !kw.0.is_empty() {
        return Err(PyErr::type_error(format!(
            "sleep() got an unexpected keyword argument '{}'",
            kw.0[0].0.as_str()
        )));
    }
    arity("sleep", args, 1, 2)?;
    let result = match (args.get(1), result_kw) {
        (Some(_), Some(_)) => {
            return Err(PyErr::type_error(
                "sleep() got multiple values for argument 'result'",
            ))
        }
        (Some(r), None) => r.clone(),
        (None, Some(r)) => r,
        (None, None) => Value::None,
    };
    let delay = match &args[0] {
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        Value::BigInt(_) => vm.to_float(&args[0])?,
        // CPython's `sleep` starts with `if delay <= 0`.
        other => {
            return Err(PyErr::type_error(format!(
                "'<=' not supported between instances of '{}' and 'int'",
                crate::vm::types::type_name(other)
            )))
        }
    };
    Ok(Value::Native(Arc::new(Sleep {
        delay,
        result,
        state: Mutex::new(State::Created),
    })))
}

impl Sleep {
    /// One `send(None)` from the awaiting coroutine (or the task driving it directly).
    pub fn step(&self, me: &Value) -> PyResult<Sent> {
        let mut st = self.state.lock();
        match std::mem::replace(&mut *st, State::Done) {
            State::Created => {
                if self.delay <= 0.0 || self.delay.is_nan() {
                    *st = State::Fired;
                    return Ok(Sent::Yielded(Value::None));
                }
                *st = State::Waiting { task: Value::None };
                drop(st);
                super::aio_core::push_timer(self.delay, me.clone())?;
                Ok(Sent::Yielded(me.clone()))
            }
            State::Waiting { task } => {
                // Resumed before the timer fired (sent into by hand): wait on.
                *st = State::Waiting { task };
                Ok(Sent::Yielded(me.clone()))
            }
            State::Fired => Ok(Sent::Returned(self.result.clone())),
            State::Cancelled { msg } => Err(cancelled_error(msg)?),
            State::Done => Err(PyErr::runtime_error(
                "cannot reuse already awaited coroutine",
            )),
        }
    }

    /// The task that awaits this sleep registers here (instead of a done callback).
    pub fn set_waiter(&self, task: Value) {
        if let State::Waiting { task: t } = &mut *self.state.lock() {
            *t = task;
        }
    }

    /// The timer is due: returns the waiting task to wake, if any.
    pub fn fire(&self) -> Option<Value> {
        let mut st = self.state.lock();
        if let State::Waiting { task } = &*st {
            let t = task.clone();
            *st = State::Fired;
            return (!t.is_none()).then_some(t);
        }
        None
    }

    /// No longer waiting on the heap (fired, cancelled or done): the entry can be dropped.
    pub fn stale(&self) -> bool {
        !matches!(&*self.state.lock(), State::Waiting { .. })
    }

    /// What the woken task sees: the result, or the `CancelledError` to throw in.
    pub fn outcome(&self) -> PyResult<Result<Value, Value>> {
        match &*self.state.lock() {
            State::Cancelled { msg } => Ok(Err(cancelled_error(msg.clone())?.exc)),
            _ => Ok(Ok(Value::None)),
        }
    }
}

fn cancelled_error(msg: Value) -> PyResult<PyErr> {
    let cls = super::aio_core::cancelled_error_class()?;
    let args = if msg.is_none() { vec![] } else { vec![msg] };
    Ok(PyErr::with_args(&cls, args))
}

fn this(v: &Value) -> PyResult<&Sleep> {
    as_sleep(v).ok_or_else(|| PyErr::type_error("a sleep coroutine was expected"))
}

fn same(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__await__", args, 1, 1)?;
    Ok(args[0].clone())
}

fn sleep_send(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 2)?;
    let s = this(&args[0])?;
    if !args[1].is_none() && matches!(&*s.state.lock(), State::Created) {
        return Err(PyErr::type_error(
            "can't send non-None value to a just-started coroutine",
        ));
    }
    match s.step(&args[0])? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(Some(v))),
    }
}

fn sleep_next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__next__", args, 1, 1)?;
    sleep_send(vm, &[args[0].clone(), Value::None], KwArgs::default())
}

fn sleep_throw(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("throw", args, 2, 2)?;
    let s = this(&args[0])?;
    *s.state.lock() = State::Done;
    Err(vm.make_exception(args[1].clone())?)
}

fn sleep_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("close", args, 1, 1)?;
    *this(&args[0])?.state.lock() = State::Done;
    Ok(Value::None)
}

/// `cancel(msg=None)` while the task waits on it: wakes the task with `CancelledError`.
fn sleep_cancel(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let msg = kw
        .take("msg")
        .or_else(|| args.get(1).cloned())
        .unwrap_or(Value::None);
    arity("cancel", args, 1, 2)?;
    let s = this(&args[0])?;
    let task = {
        let mut st = s.state.lock();
        let State::Waiting { task } = &*st else {
            return Ok(Value::Bool(false));
        };
        let t = task.clone();
        *st = State::Cancelled { msg };
        t
    };
    if !task.is_none() {
        super::aio_core::wake_later(vm, &task, &args[0])?;
    }
    Ok(Value::Bool(true))
}

fn sleep_cancelled(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("cancelled", args, 1, 1)?;
    Ok(Value::Bool(matches!(
        &*this(&args[0])?.state.lock(),
        State::Cancelled { .. }
    )))
}

fn sleep_done(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("done", args, 1, 1)?;
    Ok(Value::Bool(!matches!(
        &*this(&args[0])?.state.lock(),
        State::Created | State::Waiting { .. }
    )))
}

/// As the future a task waits for, it shows as CPython's sleep future does.
fn sleep_repr(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__repr__", args, 1, 1)?;
    let s = match &*this(&args[0])?.state.lock() {
        State::Created => format!(
            "<coroutine object sleep at {}>",
            crate::vm::convert::addr(&args[0])
        ),
        State::Waiting { .. } => "<Future pending cb=[Task.task_wakeup()]>".to_string(),
        State::Fired | State::Done => "<Future finished result=None>".to_string(),
        State::Cancelled { .. } => "<Future cancelled>".to_string(),
    };
    Ok(Value::string(s))
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if matches!(&*self.state.lock(), State::Created) {
            eprintln!("sys:1: RuntimeWarning: coroutine 'sleep' was never awaited");
        }
    }
}
