//! The OS half of `multiprocessing.Pipe` and `multiprocessing.Queue`: connection handles
//! over pipes and socket pairs, a lock that works across processes, and the feeder thread
//! that makes `Queue.put` never block (`stdlib/multiprocessing/connection.py`, `queues.py`).
//! The lock shared by processes is in `mp_lock.rs`.
//!
//! These objects cross to a child process *by inheritance*, as CPython's spawn does: when a
//! `Process` is started, `mp_wire` encodes each handle as its descriptor numbers and lists
//! them; the spawn clears close-on-exec on exactly those descriptors, so the child finds
//! them open under the same numbers and adopts them ([`adopt_conn`], `mp_lock::adopt_lock`).
//! Descriptors are kept at 10 and above, clear of fd 3 where a worker's reply pipe goes.
//!
//! A message is a frame as on the worker pipes (`u32` length, then a `postcard` value). Every
//! wait releases the GIL and runs in slices (`Vm::blocking_wait`), so Ctrl-C gets through.
//! The first half of a queue is here, the connection's feeder thread.

use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

use super::mp::{bytes_arg, read_frame, write_frame, FOREVER};
use super::mp_lock::PipeLock;

/// Inherited descriptors live at or above this number (see the module docs).
pub(super) const MIN_FD: RawFd = 10;

// ---- descriptors ---------------------------------------------------------------------------

/// Moves a new descriptor to `MIN_FD` or above, close-on-exec.
pub(super) fn lift(fd: OwnedFd) -> std::io::Result<OwnedFd> {
    // SAFETY: F_DUPFD_CLOEXEC duplicates a descriptor we own into a new one that nobody else
    // owns; it reads and writes no memory of ours.
    let n = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, MIN_FD) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `n` was just returned by fcntl and is owned by no other object.
    Ok(unsafe { OwnedFd::from_raw_fd(n) })
}

/// Two connected descriptors: a socket pair (`duplex`) or a pipe (read end, write end).
pub(super) fn os_pair(duplex: bool) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: `fds` is a valid two-int buffer that socketpair/pipe2 fill with two new
    // descriptors, owned by us from here on (both close-on-exec).
    let rc = unsafe {
        if duplex {
            libc::socketpair(
                libc::AF_UNIX,
                libc::SOCK_STREAM | libc::SOCK_CLOEXEC,
                0,
                fds.as_mut_ptr(),
            )
        } else {
            libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC)
        }
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just created above and are owned by nobody else.
    let (a, b) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    Ok((lift(a)?, lift(b)?))
}

/// Whether `fd` is readable (or at end of stream) within `timeout`.
pub(super) fn poll_in(fd: RawFd, timeout: Duration) -> std::io::Result<bool> {
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: `p` is one valid pollfd that outlives the call; poll writes only `revents`.
    let r = unsafe { libc::poll(&mut p, 1, ms) };
    if r < 0 {
        let e = std::io::Error::last_os_error();
        return if e.kind() == std::io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(r > 0)
}

/// Adopts a descriptor inherited from the parent, once per process (a value holding the same
/// handle twice decodes to the same object, so the descriptor is closed once).
pub(super) fn adopted<T: NativeObj>(
    registry: &'static OnceLock<Mutex<HashMap<RawFd, Weak<T>>>>,
    fd: RawFd,
    make: impl FnOnce() -> PyResult<Arc<T>>,
) -> PyResult<Arc<T>> {
    let reg = registry.get_or_init(Default::default);
    let mut g = reg.lock();
    if let Some(t) = g.get(&fd).and_then(Weak::upgrade) {
        return Ok(t);
    }
    // The descriptor must really be open: a corrupt or replayed message must not make us
    // own (and later close) a descriptor that is not ours.
    // SAFETY: F_GETFD only reads the descriptor's flags.
    if fd < MIN_FD || unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Err(PyErr::runtime_error(format!(
            "descriptor {fd} was not inherited from the parent process"
        )));
    }
    let t = make()?;
    g.insert(fd, Arc::downgrade(&t));
    Ok(t)
}

/// Re-marks an adopted descriptor close-on-exec, so that only the spawns that pass it on
/// again let it through.
pub(super) fn own_inherited(fd: RawFd) -> OwnedFd {
    // SAFETY: the descriptor was checked to be open (`adopted`), came from the parent for
    // this object alone, and `adopted` guarantees one owner per process.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: F_SETFD on a descriptor we own; touches no memory.
    unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    owned
}

// ---- connections ---------------------------------------------------------------------------

/// Frames waiting to be written by a connection's feeder thread (`Queue.put`).
#[derive(Default)]
struct Feed {
    frames: VecDeque<Vec<u8>>,
    /// The feeder is writing a frame right now.
    writing: bool,
    started: bool,
    /// `Queue.close()`: the feeder ends once the frames queued so far are written, dropping
    /// its hold on the descriptors.
    closing: bool,
}

/// One end of a `Pipe`, or a `Queue`'s reader or writer.
pub struct Conn {
    /// `None` once closed. An `Arc` so a close cannot pull the descriptor from under a read.
    file: Mutex<Option<Arc<File>>>,
    fd: RawFd,
    pub readable: bool,
    pub writable: bool,
    feed: Mutex<Feed>,
    fed: Condvar,
}

impl NativeObj for Conn {
    fn class(&self) -> Arc<ClassObj> {
        conn_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Conn {
    fn new(fd: OwnedFd, readable: bool, writable: bool) -> Arc<Conn> {
        Arc::new(Conn {
            fd: fd.as_raw_fd(),
            file: Mutex::new(Some(Arc::new(File::from(fd)))),
            readable,
            writable,
            feed: Mutex::new(Feed::default()),
            fed: Condvar::new(),
        })
    }

    /// The descriptor number, for `mp_wire` (`None` once closed).
    pub fn fd(&self) -> Option<RawFd> {
        self.file.lock().as_ref().map(|_| self.fd)
    }

    fn open_file(&self) -> PyResult<Arc<File>> {
        self.file
            .lock()
            .clone()
            .ok_or_else(|| PyErr::new(&types().os_error, "handle is closed"))
    }
}

static CONNS: OnceLock<Mutex<HashMap<RawFd, Weak<Conn>>>> = OnceLock::new();

/// The connection for a descriptor inherited from the parent (`mp_wire` decoding).
pub fn adopt_conn(fd: RawFd, readable: bool, writable: bool) -> PyResult<Value> {
    let c = adopted(&CONNS, fd, || {
        Ok(Conn::new(own_inherited(fd), readable, writable))
    })?;
    Ok(Value::Native(c))
}

fn conn_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("Conn", vec![types().object.clone()], Layout::Other);
        c.dict.set_str("__module__", Value::str("_mp"));
        add_methods(
            &c,
            "Conn",
            &[
                ("send_bytes", c_send_bytes),
                ("recv_bytes", c_recv_bytes),
                ("poll", c_poll),
                ("close", c_close),
                ("closed", c_closed),
                ("fileno", c_fileno),
                ("readable", c_readable),
                ("writable", c_writable),
                ("feed", c_feed),
                ("flush", c_flush),
                ("close_feed", c_close_feed),
            ],
        );
        c
    })
}

fn conn(v: &Value) -> PyResult<&Conn> {
    downcast::<Conn>(v).ok_or_else(|| PyErr::type_error("expected an _mp.Conn"))
}

/// A `timeout` argument: `None` for none; NaN and negatives as 0 (never a panic).
pub(super) fn timeout_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = vm.to_float(&v)?;
            Ok(Some(Duration::from_secs_f64(
                if t.is_nan() { 0.0 } else { t }.clamp(0.0, 1e9),
            )))
        }
    }
}

/// `c.send_bytes(frame)`: writes one frame now (the GIL released while the pipe is full).
fn c_send_bytes(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send_bytes", args, 2, 2)?;
    let c = conn(&args[0])?;
    if !c.writable {
        return Err(PyErr::new(&types().os_error, "connection is read-only"));
    }
    let body = bytes_arg(&args[1], "send_bytes")?.to_vec();
    let f = c.open_file()?;
    let ts = vm.thread.clone();
    let r = vm
        .interp
        .gil
        .allow_threads(&ts, "Connection.send", || write_frame(&mut &*f, &body));
    r.map_err(|e| PyErr::os_error(&e, None))?;
    Ok(Value::None)
}

/// Waits until `c` is readable; false on timeout.
fn wait_readable(vm: &mut Vm, c: &Conn, call: &'static str, t: Option<Duration>) -> PyResult<bool> {
    let f = c.open_file()?;
    let fd = f.as_raw_fd();
    let mut err = None;
    let got = vm.blocking_wait(
        call,
        "another process",
        Some(t.unwrap_or(FOREVER)),
        |slice| match poll_in(fd, slice) {
            Ok(r) => r,
            Err(e) => {
                err = Some(e);
                true
            }
        },
    )?;
    match err {
        Some(e) => Err(PyErr::os_error(&e, None)),
        None => Ok(got),
    }
}

/// `c.recv_bytes(timeout=None)`: the next frame; `None` on timeout; `EOFError` when every
/// writer has closed its end.
fn c_recv_bytes(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    arity("recv_bytes", args, 1, 2)?;
    let c = conn(&args[0])?;
    if !c.readable {
        return Err(PyErr::new(&types().os_error, "connection is write-only"));
    }
    let t = timeout_arg(vm, args.get(1).cloned().or_else(|| kw.take("timeout")))?;
    if !wait_readable(vm, c, "Connection.recv", t)? {
        return Ok(Value::None);
    }
    let f = c.open_file()?;
    // Readable: the frame is arriving. The writer writes whole frames, so this read ends soon.
    let ts = vm.thread.clone();
    let r = vm
        .interp
        .gil
        .allow_threads(&ts, "Connection.recv", || read_frame(&mut &*f));
    match r {
        Ok(Some(b)) => Ok(Value::Bytes(Arc::new(b))),
        Ok(None) => Err(PyErr::new(&types().eof_error, "")),
        Err(e) => Err(PyErr::os_error(&e, None)),
    }
}

/// `c.poll(timeout=0.0)`: whether a message (or end of stream) is waiting.
fn c_poll(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    arity("poll", args, 1, 2)?;
    let c = conn(&args[0])?;
    let t = match args.get(1).cloned().or_else(|| kw.take("timeout")) {
        None => Some(Duration::ZERO),
        v => timeout_arg(vm, v)?,
    };
    let f = c.open_file()?;
    if t == Some(Duration::ZERO) {
        return poll_in(f.as_raw_fd(), Duration::ZERO)
            .map(Value::Bool)
            .map_err(|e| PyErr::os_error(&e, None));
    }
    Ok(Value::Bool(wait_readable(vm, c, "Connection.poll", t)?))
}

fn c_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    conn(&args[0])?.file.lock().take();
    Ok(Value::None)
}

fn c_closed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(conn(&args[0])?.file.lock().is_none()))
}

fn c_fileno(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let c = conn(&args[0])?;
    Ok(Value::Int(c.open_file()?.as_raw_fd() as i64))
}

fn c_readable(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(conn(&args[0])?.readable))
}

fn c_writable(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(conn(&args[0])?.writable))
}

// ---- the feeder ------------------------------------------------------------------------------

/// Connections with a feeder in this process, flushed before it exits.
fn feeders() -> &'static Mutex<Vec<Weak<Conn>>> {
    static F: OnceLock<Mutex<Vec<Weak<Conn>>>> = OnceLock::new();
    F.get_or_init(Default::default)
}

/// `c.feed(frame, wlock)`: queues a frame for the feeder thread, which writes it holding
/// `wlock` (so frames from several processes never interleave). Never blocks, as in CPython.
fn c_feed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("feed", args, 3, 3)?;
    let c = conn_arc(&args[0])?;
    let lock = lock_arc(&args[2])?;
    let body = bytes_arg(&args[1], "feed")?.to_vec();
    let f = c.open_file()?;
    let mut g = c.feed.lock();
    if g.closing {
        return Err(PyErr::value_error("Queue is closed"));
    }
    g.frames.push_back(body);
    c.fed.notify_all();
    if !g.started {
        g.started = true;
        let mut all = feeders().lock();
        all.retain(|w| w.strong_count() > 0);
        all.push(Arc::downgrade(&c));
        drop(all);
        let c2 = c.clone();
        std::thread::Builder::new()
            .name("mp-feeder".into())
            .spawn(move || feeder(c2, f, lock))
            .map_err(|e| PyErr::runtime_error(format!("can't start feeder thread: {e}")))?;
    }
    Ok(Value::None)
}

fn conn_arc(v: &Value) -> PyResult<Arc<Conn>> {
    native_arc::<Conn>(v).ok_or_else(|| PyErr::type_error("expected an _mp.Conn"))
}

fn lock_arc(v: &Value) -> PyResult<Arc<PipeLock>> {
    native_arc::<PipeLock>(v).ok_or_else(|| PyErr::type_error("expected an _mp.PipeLock"))
}

/// The `Arc<T>` behind a native value.
pub(super) fn native_arc<T: NativeObj>(v: &Value) -> Option<Arc<T>> {
    match v {
        Value::Native(n) => {
            let any: Arc<dyn Any + Send + Sync> = n.clone();
            any.downcast::<T>().ok()
        }
        _ => None,
    }
}

/// The feeder thread of one connection: writes queued frames in order, for the life of the
/// process. A frame that cannot be written (every reader gone) is dropped, as in CPython.
fn feeder(c: Arc<Conn>, f: Arc<File>, lock: Arc<PipeLock>) {
    loop {
        let body = {
            let mut g = c.feed.lock();
            loop {
                if let Some(b) = g.frames.pop_front() {
                    g.writing = true;
                    break b;
                }
                g.writing = false;
                c.fed.notify_all();
                if g.closing {
                    g.started = false;
                    return;
                }
                c.fed.wait(&mut g);
            }
        };
        lock.acquire_blocking();
        let _ = write_frame(&mut &*f, &body);
        lock.release_raw();
    }
}

/// Waits until this connection's feeder has written everything queued so far.
fn flush(c: &Conn) {
    let mut g = c.feed.lock();
    while g.started && (!g.frames.is_empty() || g.writing) {
        c.fed.wait(&mut g);
    }
}

/// `c.close_feed()`: `Queue.close()` — no more frames; the feeder ends when it has written
/// the ones queued.
fn c_close_feed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let c = conn(&args[0])?;
    c.feed.lock().closing = true;
    c.fed.notify_all();
    Ok(Value::None)
}

/// `c.flush()`: `Queue.join_thread()`.
fn c_flush(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let c = conn(&args[0])?;
    let ts = vm.thread.clone();
    vm.interp
        .gil
        .allow_threads(&ts, "Queue.join_thread", || flush(c));
    Ok(Value::None)
}

/// Before the process exits: every `put` reaches its pipe (CPython joins its feeder threads
/// at exit the same way).
pub fn flush_all() {
    let conns: Vec<Arc<Conn>> = feeders().lock().iter().filter_map(Weak::upgrade).collect();
    for c in conns {
        flush(&c);
    }
}

/// [`flush_all`] with the GIL released, as `Queue.join_thread` — only when a frame is still
/// on its way, so that a program that never used a queue shows no such wait in its stats.
pub fn flush_all_released(vm: &mut Vm) {
    let pending = feeders().lock().iter().filter_map(Weak::upgrade).any(|c| {
        let g = c.feed.lock();
        g.started && (!g.frames.is_empty() || g.writing)
    });
    if pending {
        let ts = vm.thread.clone();
        vm.interp
            .gil
            .allow_threads(&ts, "Queue.join_thread", flush_all);
    }
}

// ---- constructors ------------------------------------------------------------------------------

/// `_mp.pipe(duplex)`: two connected `Conn`s (reader first when not duplex).
pub fn pipe(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("pipe", args, 1, 1)?;
    let duplex = vm.truthy(&args[0])?;
    let (a, b) = os_pair(duplex).map_err(|e| PyErr::os_error(&e, None))?;
    let a = Conn::new(a, true, duplex);
    let b = Conn::new(b, duplex, true);
    Ok(Value::tuple(vec![Value::Native(a), Value::Native(b)]))
}
