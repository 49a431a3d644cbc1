//! `_thread`: OS threads running gil code, locks, and thread identity. `stdlib/threading.py`
//! builds the familiar `threading` API on top of it, as CPython's does.
//!
//! Each gil thread is a real OS thread with its own `Vm`. It takes the GIL before running
//! bytecode and gives it back when it finishes; in between, the lock changes hands at check
//! points (see `gil/lock.rs`) and around blocking calls.

use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::builtins::args::arity;
use crate::builtins::{add_methods, builtin};
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let fns: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("start_new_thread", start_new_thread),
        ("start_joinable_thread", start_joinable_thread),
        ("allocate_lock", allocate_lock),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", count),
        ("_local_key", local_key),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    d.set_str("LockType", Value::Class(lock_class().clone()));
    d.set_str("RLock", Value::Class(rlock_class().clone()));
    d.set_str("error", Value::Class(types().runtime_error.clone()));
    d.set_str("TIMEOUT_MAX", Value::Float(4294967.0));
    Ok(())
}

// ---- threads -------------------------------------------------------------------------------

/// What `join` waits on: set when the thread's function has returned.
pub struct ThreadHandle {
    done: Mutex<bool>,
    cv: Condvar,
    /// `get_ident()` of the thread: set by whichever of the thread and its parent (from the
    /// `JoinHandle`) comes first; both compute the same value.
    ident: OnceLock<i64>,
    /// Its OS thread id, set by the thread itself first thing (`None` until then).
    native_id: Mutex<Option<i64>>,
    id_cv: Condvar,
}

impl ThreadHandle {
    /// The thread's `get_ident()` (set before `start_*_thread` returns).
    fn ident(&self) -> i64 {
        self.ident.get().copied().unwrap_or(0)
    }

    /// The OS thread id, waiting (briefly, without needing the GIL) for the new thread to
    /// publish it.
    fn native_id(&self) -> i64 {
        let mut id = self.native_id.lock();
        while id.is_none() {
            self.id_cv.wait(&mut id);
        }
        id.unwrap_or(0)
    }
}

impl NativeObj for ThreadHandle {
    fn class(&self) -> Arc<ClassObj> {
        handle_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn handle_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("_ThreadHandle", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "_ThreadHandle",
            &[("join", handle_join), ("is_done", handle_is_done)],
        );
        c
    })
}

fn start_new_thread(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let h = spawn(vm, args, kw)?;
    Ok(Value::Int(h.ident()))
}

fn start_joinable_thread(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let h = spawn(vm, args, kw)?;
    Ok(Value::Native(h))
}

/// Starts an OS thread that calls `func(*args, **kwargs)` with its own VM, and hands it the
/// GIL: the caller gets the GIL back once the new thread blocks, finishes or is asked to
/// switch (see `Gil::hand_over`), as after CPython's `start()`. If the thread cannot be
/// created, the reservation is withdrawn and `RuntimeError` raised.
fn spawn(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Arc<ThreadHandle>> {
    /// Numbers unnamed threads (`Thread-N`), as CPython's `_thread` does.
    static UNNAMED: AtomicU64 = AtomicU64::new(0);
    let name = match kw.take("name") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => format!("Thread-{}", UNNAMED.fetch_add(1, Ordering::Relaxed) + 1),
    };
    arity("start_new_thread", args, 1, 3)?;
    let func = args[0].clone();
    let fargs = match args.get(1) {
        Some(Value::Tuple(t)) => (**t).clone(),
        None => Vec::new(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "2nd arg must be a tuple, not {}",
                type_name(v)
            )))
        }
    };
    let fkw = match args.get(2) {
        Some(Value::Dict(d)) => vm.kwargs_from_dict(d)?,
        _ => KwArgs::default(),
    };
    let interp = vm.interp.clone();
    let ts = interp.gil.register_thread(name.clone());
    let handle = Arc::new(ThreadHandle {
        done: Mutex::new(false),
        cv: Condvar::new(),
        ident: OnceLock::new(),
        native_id: Mutex::new(None),
        id_cv: Condvar::new(),
    });
    let h2 = handle.clone();
    let ts2 = ts.clone();
    interp.waits.live.fetch_add(1, Ordering::Relaxed);
    let body = move || {
        let _ = h2.ident.set(current_ident());
        ts2.bind_current_thread();
        *h2.native_id.lock() = Some(ts2.native_id().unwrap_or(0) as i64);
        h2.id_cv.notify_all();
        // Reserved for us by the parent's `hand_over`: no waiting behind other threads.
        interp.gil.acquire(&ts2);
        let mut tvm = Vm::new(interp.clone(), ts2.clone());
        if let Err(e) = tvm.call(&func, fargs, fkw) {
            if !e.matches(&types().system_exit) {
                let text = tvm.format_exception(&e.exc);
                crate::builtins::io::write_stderr(&text);
            }
        }
        crate::profile::finish_thread(&mut tvm);
        crate::builtins::io::flush_stdout();
        interp.waits.live.fetch_sub(1, Ordering::Relaxed);
        interp.waits.progressed();
        // Done before the GIL is given up: a joiner that wakes on the release finds the
        // thread finished without waiting again (it has run its last bytecode).
        *h2.done.lock() = true;
        h2.cv.notify_all();
        drop(tvm);
        interp.gil.unregister_thread(&ts2);
    };
    // The OS thread is created with the GIL already dropped (reserved for it), so the
    // parent's clone() overlaps nothing else and the child never waits for the lock.
    let me = vm.thread.clone();
    let spawned = vm.interp.gil.hand_over(&me, &ts, "Thread.start", || {
        super::thread_pool::run(name, Box::new(body))
    });
    match spawned {
        Ok(ident) => {
            let _ = handle.ident.set(ident);
            Ok(handle)
        }
        Err(e) => {
            vm.interp.waits.live.fetch_sub(1, Ordering::Relaxed);
            vm.interp.gil.unregister_thread(&ts);
            Err(PyErr::runtime_error(format!("can't start new thread: {e}")))
        }
    }
}

/// A stable integer per OS thread (`threading.get_ident()`), cached per thread.
pub(crate) fn current_ident() -> i64 {
    thread_local! {
        static IDENT: i64 = ident_of(std::thread::current().id());
    }
    IDENT.with(|i| *i)
}

/// The `get_ident()` value of a thread, computable by its parent before it runs.
pub(crate) fn ident_of(id: std::thread::ThreadId) -> i64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    (h.finish() >> 16) as i64
}

fn timeout_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = vm.to_float(v)?;
            if t < 0.0 {
                Ok(None)
            } else {
                Ok(Some(Duration::from_secs_f64(t.min(1e9))))
            }
        }
    }
}

fn handle_join(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let h = downcast::<ThreadHandle>(&args[0]).ok_or_else(|| PyErr::type_error("bad handle"))?;
    let t = args.get(1).cloned().or_else(|| kw.take("timeout"));
    let timeout = timeout_arg(vm, t.as_ref())?;
    if *h.done.lock() {
        // Finished: no need to give up the GIL and register as a waiter.
        return Ok(Value::Bool(true));
    }
    let h2 = h;
    let done = vm.blocking_wait("Thread.join", "Thread.join()", timeout, |slice| {
        let mut d = h2.done.lock();
        if !*d {
            h2.cv.wait_for(&mut d, slice);
        }
        *d
    })?;
    Ok(Value::Bool(done))
}

fn handle_is_done(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let h = downcast::<ThreadHandle>(&args[0]).ok_or_else(|| PyErr::type_error("bad handle"))?;
    Ok(Value::Bool(*h.done.lock()))
}

pub fn handle_attr(obj: &Value, name: &str) -> Option<Value> {
    let h = downcast::<ThreadHandle>(obj)?;
    match name {
        "ident" => Some(Value::Int(h.ident())),
        "native_id" => Some(Value::Int(h.native_id())),
        _ => None,
    }
}

fn get_ident(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(current_ident()))
}

fn get_native_id(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.thread.native_id().unwrap_or(0) as i64))
}

/// A number for the calling gil thread that no other thread of the process ever gets (unlike
/// `get_ident()`, reused when an OS thread runs another gil thread): `threading.local`'s key.
fn local_key(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.thread.id() as i64))
}

fn count(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(
        vm.interp.waits.live.load(Ordering::Relaxed) as i64 - 1,
    ))
}

// ---- locks ---------------------------------------------------------------------------------

/// `_thread.LockType`: a plain mutex whose waits release the GIL.
pub struct LockObj {
    locked: Mutex<bool>,
    cv: Condvar,
}

/// `_thread.RLock`: re-entrant; owned by one thread, counted.
pub struct RLockObj {
    state: Mutex<(i64, usize)>,
    cv: Condvar,
}

impl NativeObj for LockObj {
    fn class(&self) -> Arc<ClassObj> {
        lock_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObj for RLockObj {
    fn class(&self) -> Arc<ClassObj> {
        rlock_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn lock_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("lock", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "lock",
            &[
                ("acquire", lock_acquire),
                ("acquire_lock", lock_acquire),
                ("release", lock_release),
                ("release_lock", lock_release),
                ("locked", lock_locked),
                ("__enter__", lock_acquire),
                ("__exit__", lock_exit),
            ],
        );
        crate::builtins::add_static(&c, "lock", "__new__", lock_new);
        c
    })
}

fn rlock_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("RLock", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "RLock",
            &[
                ("acquire", rlock_acquire),
                ("release", rlock_release),
                ("_is_owned", rlock_is_owned),
                ("__enter__", rlock_acquire),
                ("__exit__", rlock_exit),
            ],
        );
        crate::builtins::add_static(&c, "RLock", "__new__", rlock_new);
        c
    })
}

pub fn new_lock() -> Value {
    Value::Native(Arc::new(LockObj {
        locked: Mutex::new(false),
        cv: Condvar::new(),
    }))
}

fn allocate_lock(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(new_lock())
}

fn lock_new(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(new_lock())
}

fn rlock_new(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Native(Arc::new(RLockObj {
        state: Mutex::new((0, 0)),
        cv: Condvar::new(),
    })))
}

/// `(blocking, timeout)` of `acquire`, with CPython's checks.
fn acquire_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &mut KwArgs,
) -> PyResult<(bool, Option<Duration>)> {
    let blocking = match args.get(1).cloned().or_else(|| kw.take("blocking")) {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    let t = args.get(2).cloned().or_else(|| kw.take("timeout"));
    let timeout = match &t {
        None => None,
        Some(v) => {
            let secs = vm.to_float(v)?;
            if !blocking && secs != -1.0 {
                return Err(PyErr::value_error(
                    "can't specify a timeout for a non-blocking call",
                ));
            }
            if secs < 0.0 && secs != -1.0 {
                return Err(PyErr::value_error(
                    "timeout value must be a non-negative number",
                ));
            }
            if secs < 0.0 {
                None
            } else {
                Some(Duration::from_secs_f64(secs.min(1e9)))
            }
        }
    };
    Ok((blocking, timeout))
}

fn lock_acquire(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<LockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    let (blocking, timeout) = acquire_args(vm, args, &mut kw)?;
    {
        let mut g = l.locked.lock();
        if !*g {
            *g = true;
            return Ok(Value::Bool(true));
        }
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    let got = vm.blocking_wait("Lock.acquire", "Lock.acquire()", timeout, |slice| {
        let mut g = l.locked.lock();
        if *g {
            l.cv.wait_for(&mut g, slice);
        }
        if !*g {
            *g = true;
            return true;
        }
        false
    })?;
    Ok(Value::Bool(got))
}

fn lock_release(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<LockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    let mut g = l.locked.lock();
    if !*g {
        return Err(PyErr::runtime_error("release unlocked lock"));
    }
    *g = false;
    l.cv.notify_one();
    vm.interp.waits.progressed();
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    lock_release(vm, &args[..1], KwArgs::default())?;
    Ok(Value::Bool(false))
}

fn lock_locked(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<LockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    Ok(Value::Bool(*l.locked.lock()))
}

fn rlock_acquire(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<RLockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    let (blocking, timeout) = acquire_args(vm, args, &mut kw)?;
    let me = current_ident();
    {
        let mut g = l.state.lock();
        if g.1 == 0 || g.0 == me {
            *g = (me, g.1 + 1);
            return Ok(Value::Bool(true));
        }
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    let got = vm.blocking_wait("RLock.acquire", "RLock.acquire()", timeout, |slice| {
        let mut g = l.state.lock();
        if g.1 != 0 {
            l.cv.wait_for(&mut g, slice);
        }
        if g.1 == 0 {
            *g = (me, 1);
            return true;
        }
        false
    })?;
    Ok(Value::Bool(got))
}

fn rlock_release(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<RLockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    let mut g = l.state.lock();
    if g.1 == 0 || g.0 != current_ident() {
        return Err(PyErr::runtime_error("cannot release un-acquired lock"));
    }
    g.1 -= 1;
    if g.1 == 0 {
        g.0 = 0;
        l.cv.notify_one();
        vm.interp.waits.progressed();
    }
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    rlock_release(vm, &args[..1], KwArgs::default())?;
    Ok(Value::Bool(false))
}

fn rlock_is_owned(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let l = downcast::<RLockObj>(&args[0]).ok_or_else(|| PyErr::type_error("bad lock"))?;
    let g = l.state.lock();
    Ok(Value::Bool(g.1 > 0 && g.0 == current_ident()))
}
