//! `multiprocessing.Lock`, and the read and write locks of a `Queue`: a mutex shared by
//! processes, made of nothing but a pipe holding one token byte. Acquiring reads the byte
//! (the read end is non-blocking, and polled), releasing writes it back. It reaches a child by
//! inheritance, like a pipe (`mp_conn`).

use std::any::Any;
use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use parking_lot::Mutex;

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

use super::mp::FOREVER;
use super::mp_conn::{adopted, os_pair, own_inherited, poll_in, timeout_arg, MIN_FD};

/// A mutex that works across processes (see the module docs). `Queue` holds two, so that
/// frames from several readers and writers never interleave.
pub struct PipeLock {
    r: OwnedFd,
    w: OwnedFd,
}

impl NativeObj for PipeLock {
    fn class(&self) -> Arc<ClassObj> {
        lock_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl PipeLock {
    fn new() -> std::io::Result<Arc<PipeLock>> {
        let (r, w) = os_pair(false)?;
        set_nonblocking(&r)?;
        let l = PipeLock { r, w };
        l.release_raw();
        Ok(Arc::new(l))
    }

    /// The descriptor numbers, for `mp_wire`.
    pub fn fds(&self) -> (RawFd, RawFd) {
        (self.r.as_raw_fd(), self.w.as_raw_fd())
    }

    fn try_acquire(&self) -> bool {
        let mut b = [0u8; 1];
        // SAFETY: reads at most one byte into a valid one-byte buffer from a descriptor we own.
        unsafe { libc::read(self.r.as_raw_fd(), b.as_mut_ptr().cast(), 1) == 1 }
    }

    fn acquire_for(&self, slice: Duration) -> bool {
        if self.try_acquire() {
            return true;
        }
        let _ = poll_in(self.r.as_raw_fd(), slice);
        self.try_acquire()
    }

    pub(super) fn acquire_blocking(&self) {
        while !self.acquire_for(Duration::from_millis(50)) {}
    }

    pub(super) fn release_raw(&self) {
        let b = [1u8; 1];
        // SAFETY: writes one byte from a valid buffer to a descriptor we own.
        unsafe { libc::write(self.w.as_raw_fd(), b.as_ptr().cast(), 1) };
    }
}

fn set_nonblocking(fd: &OwnedFd) -> std::io::Result<()> {
    // SAFETY: F_GETFL/F_SETFL on a descriptor we own; no memory is touched.
    unsafe {
        let fl = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
        if fl < 0 || libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, fl | libc::O_NONBLOCK) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

static LOCKS: OnceLock<Mutex<HashMap<RawFd, Weak<PipeLock>>>> = OnceLock::new();

/// The lock for descriptors inherited from the parent (`mp_wire` decoding).
pub fn adopt_lock(r: RawFd, w: RawFd) -> PyResult<Value> {
    let l = adopted(&LOCKS, r, || {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        if w < MIN_FD || w == r || unsafe { libc::fcntl(w, libc::F_GETFD) } < 0 {
            return Err(PyErr::runtime_error(format!(
                "descriptor {w} was not inherited from the parent process"
            )));
        }
        Ok(Arc::new(PipeLock {
            r: own_inherited(r),
            w: own_inherited(w),
        }))
    })?;
    Ok(Value::Native(l))
}

fn lock_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("PipeLock", vec![types().object.clone()], Layout::Other);
        c.dict.set_str("__module__", Value::str("_mp"));
        add_methods(
            &c,
            "PipeLock",
            &[
                ("acquire", l_acquire),
                ("release", l_release),
                ("__enter__", l_acquire),
                ("__exit__", l_exit),
            ],
        );
        c
    })
}

fn plock(v: &Value) -> PyResult<&PipeLock> {
    downcast::<PipeLock>(v).ok_or_else(|| PyErr::type_error("expected an _mp.PipeLock"))
}

/// `l.acquire(block=True, timeout=None)`.
fn l_acquire(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let l = plock(&args[0])?;
    let block = match args.get(1).cloned().or_else(|| kw.take("block")) {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    // A free lock is taken at once, without releasing the GIL (and with `timeout=0`, which
    // the wait below would give up on before trying).
    if l.try_acquire() {
        return Ok(Value::Bool(true));
    }
    if !block {
        return Ok(Value::Bool(false));
    }
    let t = timeout_arg(vm, args.get(2).cloned().or_else(|| kw.take("timeout")))?;
    let got = vm.blocking_wait(
        "Queue.lock",
        "another process",
        Some(t.unwrap_or(FOREVER)),
        |s| l.acquire_for(s),
    )?;
    Ok(Value::Bool(got))
}

fn l_release(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    plock(&args[0])?.release_raw();
    Ok(Value::None)
}

fn l_exit(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    plock(&args[0])?.release_raw();
    Ok(Value::Bool(false))
}

/// `_mp.PipeLock()`: a new unlocked process-shared lock.
pub fn new_lock(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("PipeLock", args, 0, 0)?;
    let l = PipeLock::new().map_err(|e| PyErr::os_error(&e, None))?;
    Ok(Value::Native(l))
}
