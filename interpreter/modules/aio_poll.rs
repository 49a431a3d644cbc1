//! `_asyncio_poll`: the readiness poller and non-blocking TCP sockets under `stdlib/asyncio`.
//!
//! `Poller` wraps a `mio::Poll` (epoll/kqueue). Registration is by file descriptor and the
//! token reported back is the descriptor itself. mio is edge-triggered: after a readiness
//! report the caller must read (or accept, or write) until `BlockingIOError`. `poll` releases
//! the GIL around the wait (accounted as `"select"`), in slices of at most 50 ms so a pending
//! Ctrl-C is noticed. `Poller.wake()` may be called from any thread to interrupt a `poll`
//! (what `loop.call_soon_threadsafe` uses).
//!
//! Sockets are native objects holding a mio listener or stream; every operation is
//! non-blocking and maps `WouldBlock` to `BlockingIOError`.

use std::any::Any;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Registry, Token, Waker};
use parking_lot::Mutex;

use crate::builtins::args::arity;
use crate::builtins::{add_methods, builtin};
use crate::objects::class::Layout;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

// The watchdog was born here; the VM and the CLI still reach it by this path.
pub use super::aio_watchdog::{set_loop_watchdog, watchdog_answer};

/// The token of the cross-thread waker (never a valid descriptor).
const WAKE_TOKEN: Token = Token(usize::MAX);
/// The longest single wait between checks for a pending Ctrl-C.
const SLICE: Duration = Duration::from_millis(50);

pub const EVENT_READ: i64 = 1;
pub const EVENT_WRITE: i64 = 2;

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("Poller", new_poller),
        ("listen", listen),
        ("connect", connect),
        ("iscoroutine", iscoroutine),
        ("iscoroutinefunction", iscoroutinefunction),
        ("coro_info", coro_info),
        ("TimerHeap", super::aio_timers::new_timer_heap),
        ("heappush", heappush),
        ("heappop", heappop),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    super::aio_core::build(d);
    super::aio_watchdog::build(d);
    d.set_str("EVENT_READ", Value::Int(EVENT_READ));
    d.set_str("EVENT_WRITE", Value::Int(EVENT_WRITE));
    d.set_str("PollerType", Value::Class(poller_class().clone()));
    d.set_str("SocketType", Value::Class(socket_class().clone()));
    Ok(())
}

fn blocking_io() -> PyErr {
    PyErr::with_args(
        &types().blocking_io_error,
        vec![
            Value::Int(libc::EAGAIN as i64),
            Value::str("Resource temporarily unavailable"),
        ],
    )
}

fn io_err(e: &std::io::Error) -> PyErr {
    if e.kind() == std::io::ErrorKind::WouldBlock {
        blocking_io()
    } else {
        PyErr::os_error(e, None)
    }
}

fn closed_err() -> PyErr {
    PyErr::with_args(
        &types().os_error,
        vec![
            Value::Int(libc::EBADF as i64),
            Value::str("Bad file descriptor"),
        ],
    )
}

/// Ready descriptors as `(token, readable, writable)`, and whether Ctrl-C cut the wait short.
type PollOutcome = (Vec<(usize, bool, bool)>, bool);

// ---- Poller ---------------------------------------------------------------------------------

pub struct Poller {
    poll: Mutex<Poll>,
    registry: Registry,
    waker: Waker,
    registered: Mutex<hashbrown::HashSet<RawFd>>,
}

impl NativeObj for Poller {
    fn class(&self) -> Arc<ClassObj> {
        poller_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn poller_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("Poller", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "Poller",
            &[
                ("register", poller_register),
                ("modify", poller_register),
                ("unregister", poller_unregister),
                ("poll", poller_poll),
                ("wake", poller_wake),
            ],
        );
        c
    })
}

fn new_poller(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("Poller", args, 0, 0)?;
    let poll = Poll::new().map_err(|e| io_err(&e))?;
    let registry = poll.registry().try_clone().map_err(|e| io_err(&e))?;
    let waker = Waker::new(poll.registry(), WAKE_TOKEN).map_err(|e| io_err(&e))?;
    Ok(Value::Native(Arc::new(Poller {
        poll: Mutex::new(poll),
        registry,
        waker,
        registered: Mutex::new(hashbrown::HashSet::new()),
    })))
}

fn this_poller(v: &Value) -> PyResult<&Poller> {
    downcast::<Poller>(v).ok_or_else(|| PyErr::type_error("descriptor requires a 'Poller' object"))
}

/// A descriptor from an int or one of our sockets.
fn fd_of(v: &Value) -> PyResult<RawFd> {
    match v {
        Value::Int(i) if *i >= 0 && *i <= i32::MAX as i64 => Ok(*i as RawFd),
        Value::Int(i) => Err(PyErr::value_error(format!(
            "file descriptor cannot be a negative integer ({i})"
        ))),
        _ => match downcast::<Sock>(v) {
            Some(s) => s.fd().ok_or_else(closed_err),
            None => Err(PyErr::type_error(format!(
                "argument must be an int or a socket, not {}",
                type_name(v)
            ))),
        },
    }
}

fn interest(events: i64) -> PyResult<Interest> {
    match events & 3 {
        1 => Ok(Interest::READABLE),
        2 => Ok(Interest::WRITABLE),
        3 => Ok(Interest::READABLE | Interest::WRITABLE),
        _ => Err(PyErr::value_error(format!("Invalid events: {events}"))),
    }
}

/// `register(fd_or_socket, events)`; registering again modifies the interest.
fn poller_register(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("register", args, 2, 3)?;
    let p = this_poller(&args[0])?;
    let fd = fd_of(&args[1])?;
    let ev = match args.get(2) {
        Some(v) => vm.index_int(v)?,
        None => EVENT_READ | EVENT_WRITE,
    };
    let int = interest(ev)?;
    let mut reg = p.registered.lock();
    let r = if reg.contains(&fd) {
        p.registry
            .reregister(&mut SourceFd(&fd), Token(fd as usize), int)
    } else {
        p.registry
            .register(&mut SourceFd(&fd), Token(fd as usize), int)
    };
    r.map_err(|e| io_err(&e))?;
    reg.insert(fd);
    Ok(Value::None)
}

fn poller_unregister(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("unregister", args, 2, 2)?;
    let p = this_poller(&args[0])?;
    let fd = fd_of(&args[1])?;
    if !p.registered.lock().remove(&fd) {
        return Err(PyErr::key_error(Value::Int(fd as i64)));
    }
    // The descriptor may already be closed (and then gone from epoll): ignore errors.
    let _ = p.registry.deregister(&mut SourceFd(&fd));
    Ok(Value::None)
}

fn poller_wake(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("wake", args, 1, 1)?;
    let p = this_poller(&args[0])?;
    p.waker.wake().map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

/// `poll(timeout)`: waits (GIL released) until some descriptor is ready, `wake()` is called or
/// `timeout` seconds pass (`None`: no limit). Returns `[(fd, readable, writable), ...]`;
/// a wake-up alone returns an empty list.
pub(super) fn poller_poll(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("poll", args, 1, 2)?;
    let p = this_poller(&args[0])?;
    let timeout = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = vm.to_float(v)?;
            if t.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            Some(Duration::from_secs_f64(t.clamp(0.0, 1e9)))
        }
    };
    let deadline = timeout.map(|t| Instant::now() + t);
    let ts = vm.thread.clone();
    let interp = vm.interp.clone();
    let p2 = p;
    let outcome: std::io::Result<PollOutcome> = interp.gil.allow_threads(&ts, "select", || {
        let mut poll = p2.poll.lock();
        let mut events = Events::with_capacity(256);
        loop {
            if interp.gil.interrupt_pending(&ts) {
                return Ok((Vec::new(), true));
            }
            let slice = match deadline {
                None => SLICE,
                Some(d) => d.saturating_duration_since(Instant::now()).min(SLICE),
            };
            match poll.poll(&mut events, Some(slice)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
            let mut out = Vec::new();
            let mut woken = false;
            for ev in events.iter() {
                if ev.token() == WAKE_TOKEN {
                    woken = true;
                    continue;
                }
                let r = ev.is_readable() || ev.is_read_closed() || ev.is_error();
                let w = ev.is_writable() || ev.is_write_closed() || ev.is_error();
                out.push((ev.token().0, r, w));
            }
            if !out.is_empty() || woken {
                return Ok((out, false));
            }
            if let Some(d) = deadline {
                if Instant::now() >= d {
                    return Ok((out, false));
                }
            }
        }
    });
    let (ready, interrupted) = outcome.map_err(|e| io_err(&e))?;
    if interrupted && vm.interp.gil.take_interrupt(&ts) {
        return Err(PyErr::with_args(&types().keyboard_interrupt, vec![]));
    }
    Ok(Value::list(
        ready
            .into_iter()
            .map(|(t, r, w)| {
                Value::tuple(vec![Value::Int(t as i64), Value::Bool(r), Value::Bool(w)])
            })
            .collect(),
    ))
}

// ---- sockets --------------------------------------------------------------------------------

enum Inner {
    Listener(TcpListener),
    Stream(TcpStream),
    Closed,
}

pub struct Sock {
    inner: Mutex<Inner>,
}

impl Sock {
    fn fd(&self) -> Option<RawFd> {
        match &*self.inner.lock() {
            Inner::Listener(l) => Some(l.as_raw_fd()),
            Inner::Stream(s) => Some(s.as_raw_fd()),
            Inner::Closed => None,
        }
    }
}

impl NativeObj for Sock {
    fn class(&self) -> Arc<ClassObj> {
        socket_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn socket_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("socket", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "socket",
            &[
                ("accept", sock_accept),
                ("recv", sock_recv),
                ("try_recv", sock_try_recv),
                ("send", sock_send),
                ("close", sock_close),
                ("fileno", sock_fileno),
                ("getsockname", sock_getsockname),
                ("getpeername", sock_getpeername),
                ("finish_connect", sock_finish_connect),
                ("shutdown_write", sock_shutdown_write),
            ],
        );
        c
    })
}

fn new_sock(inner: Inner) -> Value {
    Value::Native(Arc::new(Sock {
        inner: Mutex::new(inner),
    }))
}

fn this_sock(v: &Value) -> PyResult<&Sock> {
    downcast::<Sock>(v).ok_or_else(|| PyErr::type_error("descriptor requires a 'socket' object"))
}

fn resolve(vm: &mut Vm, host: &Value, port: &Value) -> PyResult<Vec<SocketAddr>> {
    let host = match host {
        Value::None => "0.0.0.0".to_string(),
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "host must be a str, not {}",
                type_name(v)
            )))
        }
    };
    let port = vm.index_int(port)?;
    if !(0..=65535).contains(&port) {
        return Err(PyErr::overflow("port must be 0-65535."));
    }
    let host = if host.is_empty() {
        "0.0.0.0".to_string()
    } else {
        host
    };
    let addrs: Vec<SocketAddr> = (host.as_str(), port as u16)
        .to_socket_addrs()
        .map_err(|_| {
            PyErr::with_args(
                &types().os_error,
                vec![Value::Int(-2), Value::str("Name or service not known")],
            )
        })?
        .collect();
    if addrs.is_empty() {
        return Err(PyErr::with_args(
            &types().os_error,
            vec![Value::Int(-2), Value::str("Name or service not known")],
        ));
    }
    Ok(addrs)
}

fn addr_value(a: &SocketAddr) -> Value {
    match a {
        SocketAddr::V4(v) => Value::tuple(vec![
            Value::string(v.ip().to_string()),
            Value::Int(v.port() as i64),
        ]),
        SocketAddr::V6(v) => Value::tuple(vec![
            Value::string(v.ip().to_string()),
            Value::Int(v.port() as i64),
            Value::Int(v.flowinfo() as i64),
            Value::Int(v.scope_id() as i64),
        ]),
    }
}

/// `listen(host, port, backlog=100)`: a non-blocking listening socket.
fn listen(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("listen", args, 2, 3)?;
    let backlog = match args.get(2) {
        Some(Value::Int(n)) => (*n).clamp(1, i32::MAX as i64) as i32,
        _ => 100,
    };
    let addrs = resolve(vm, &args[0], &args[1])?;
    let mut last = None;
    for a in addrs {
        // std's bind sets SO_REUSEADDR on Unix, like asyncio's create_server.
        match std::net::TcpListener::bind(a) {
            Ok(l) => {
                l.set_nonblocking(true).map_err(|e| io_err(&e))?;
                // std listens with its own backlog (128); listen again with the caller's (the
                // kernel caps it at net.core.somaxconn). Without this, 1,000 clients connecting
                // at once overflow the queue and wait for SYN retransmits (1 s, 3 s, ...).
                // SAFETY: a valid listening descriptor we own; listen(2) only changes its queue.
                unsafe {
                    libc::listen(l.as_raw_fd(), backlog);
                }
                return Ok(new_sock(Inner::Listener(TcpListener::from_std(l))));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => io_err(&e),
        None => closed_err(),
    })
}

/// `connect(host, port)`: starts a non-blocking connect. Wait until the socket is writable,
/// then call `finish_connect()`.
fn connect(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("connect", args, 2, 2)?;
    let addrs = resolve(vm, &args[0], &args[1])?;
    let s = TcpStream::connect(addrs[0]).map_err(|e| io_err(&e))?;
    let _ = s.set_nodelay(true);
    Ok(new_sock(Inner::Stream(s)))
}

/// After a writable report on a connecting socket: `True` when connected, `False` when still
/// in progress; raises the connect error (e.g. `ConnectionRefusedError`).
fn sock_finish_connect(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("finish_connect", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    let g = s.inner.lock();
    let Inner::Stream(st) = &*g else {
        return Err(closed_err());
    };
    if let Some(e) = st.take_error().map_err(|e| io_err(&e))? {
        return Err(io_err(&e));
    }
    match st.peer_addr() {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.kind() == std::io::ErrorKind::NotConnected => Ok(Value::Bool(false)),
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok(Value::Bool(false)),
        Err(e) => Err(io_err(&e)),
    }
}

fn sock_accept(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("accept", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    let g = s.inner.lock();
    let Inner::Listener(l) = &*g else {
        return Err(closed_err());
    };
    loop {
        match l.accept() {
            Ok((st, addr)) => {
                let _ = st.set_nodelay(true);
                return Ok(Value::tuple(vec![
                    new_sock(Inner::Stream(st)),
                    addr_value(&addr),
                ]));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(&e)),
        }
    }
}

fn sock_recv(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("recv", args, 1, 2)?;
    match recv(vm, args)? {
        Some(v) => Ok(v),
        None => Err(blocking_io()),
    }
}

/// `try_recv(n=65536)`: like `recv`, but `None` instead of raising `BlockingIOError`: the
/// event loop drains an edge-triggered socket until it would block, once per readiness report.
fn sock_try_recv(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("try_recv", args, 1, 2)?;
    Ok(recv(vm, args)?.unwrap_or(Value::None))
}

/// The bytes read, or `None` when the read would block.
pub(super) fn recv(vm: &mut Vm, args: &[Value]) -> PyResult<Option<Value>> {
    // Reads land in a per-thread scratch buffer, so a read that finds nothing (or little)
    // does not allocate and zero 64 KiB.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 65536]);
    }
    let s = this_sock(&args[0])?;
    let n = match args.get(1) {
        Some(v) => vm.index_int(v)?,
        None => 65536,
    };
    if n < 0 {
        return Err(PyErr::value_error("negative buffersize in recv"));
    }
    let n = (n as usize).min(1 << 24);
    let mut g = s.inner.lock();
    let Inner::Stream(st) = &mut *g else {
        return Err(closed_err());
    };
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        if scratch.len() < n {
            scratch.resize(n, 0);
        }
        loop {
            match st.read(&mut scratch[..n]) {
                Ok(k) => return Ok(Some(Value::Bytes(Arc::new(scratch[..k].to_vec())))),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(None),
                Err(e) => return Err(io_err(&e)),
            }
        }
    })
}

pub(super) fn sock_send(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 2)?;
    let s = this_sock(&args[0])?;
    let data = match &args[1] {
        Value::Bytes(b) => b.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            )))
        }
    };
    let mut g = s.inner.lock();
    let Inner::Stream(st) = &mut *g else {
        return Err(closed_err());
    };
    loop {
        match st.write(&data) {
            Ok(k) => return Ok(Value::Int(k as i64)),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(&e)),
        }
    }
}

fn sock_shutdown_write(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("shutdown_write", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    let g = s.inner.lock();
    if let Inner::Stream(st) = &*g {
        let _ = st.shutdown(Shutdown::Write);
    }
    Ok(Value::None)
}

fn sock_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("close", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    *s.inner.lock() = Inner::Closed;
    Ok(Value::None)
}

fn sock_fileno(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("fileno", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    Ok(Value::Int(s.fd().map(|f| f as i64).unwrap_or(-1)))
}

fn sock_getsockname(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("getsockname", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    let g = s.inner.lock();
    let a = match &*g {
        Inner::Listener(l) => l.local_addr(),
        Inner::Stream(st) => st.local_addr(),
        Inner::Closed => return Err(closed_err()),
    };
    a.map(|a| addr_value(&a)).map_err(|e| io_err(&e))
}

fn sock_getpeername(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("getpeername", args, 1, 1)?;
    let s = this_sock(&args[0])?;
    let g = s.inner.lock();
    let a = match &*g {
        Inner::Stream(st) => st.peer_addr(),
        Inner::Listener(_) => {
            return Err(PyErr::os_error(
                &std::io::Error::from_raw_os_error(libc::ENOTCONN),
                None,
            ))
        }
        Inner::Closed => return Err(closed_err()),
    };
    a.map(|a| addr_value(&a)).map_err(|e| io_err(&e))
}

// ---- coroutine introspection ----------------------------------------------------------------

fn iscoroutine(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("iscoroutine", args, 1, 1)?;
    Ok(Value::Bool(super::aio_core::is_coroutine(&args[0])))
}

fn iscoroutinefunction(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("iscoroutinefunction", args, 1, 1)?;
    let mut f = args[0].clone();
    if let Value::BoundMethod(m) = &f {
        f = m.func.clone();
    }
    Ok(Value::Bool(match &f {
        Value::Function(func) => func.code.flags.coroutine && !func.code.flags.generator,
        _ => false,
    }))
}

/// `coro_info(coro) -> (qualname, filename, first_line)` for task reprs.
fn coro_info(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("coro_info", args, 1, 1)?;
    match &args[0] {
        Value::Generator(g) => Ok(Value::tuple(vec![
            Value::string(g.qualname()),
            Value::str(&g.func.code.filename),
            Value::Int(g.func.code.first_line as i64),
        ])),
        // The native `asyncio.sleep(...)` coroutine.
        v if super::aio_sleep::as_sleep(v).is_some() => Ok(Value::tuple(vec![
            Value::str("sleep"),
            Value::str("<native>"),
            Value::Int(0),
        ])),
        _ => Ok(Value::None),
    }
}

// ---- the timer heap ---------------------------------------------------------------------------
//
// `heappush(heap, item)` / `heappop(heap)` on a list, as `heapq` (asyncio's `PriorityQueue`;
// the loop's own timers are in `aio_timers`). Items are compared natively when they are
// `(number, int, ...)` tuples, and with `<` otherwise (the list is not locked while a
// comparison runs gil code).

fn num_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn fast_less(a: &Value, b: &Value) -> Option<bool> {
    let (Value::Tuple(x), Value::Tuple(y)) = (a, b) else {
        return None;
    };
    let (xa, ya) = (num_of(x.first()?)?, num_of(y.first()?)?);
    if xa != ya {
        return Some(xa < ya);
    }
    match (x.get(1)?, y.get(1)?) {
        (Value::Int(p), Value::Int(q)) if p != q => Some(p < q),
        _ => None,
    }
}

fn less(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = fast_less(a, b) {
        return Ok(r);
    }
    let r = vm.compare(a, b, crate::syntax::ast::CmpOp::Lt)?;
    vm.truthy(&r)
}

fn heap_list(v: &Value) -> PyResult<Arc<crate::objects::ListObj>> {
    match v {
        Value::List(l) => Ok(l.clone()),
        other => Err(PyErr::type_error(format!(
            "heap argument must be a list, not {}",
            type_name(other)
        ))),
    }
}

/// The item at `i`, or None if the list shrank under us (a comparison ran gil code).
fn at(l: &crate::objects::ListObj, i: usize) -> Option<Value> {
    l.lock().get(i).cloned()
}

fn swap(l: &crate::objects::ListObj, i: usize, j: usize) {
    let mut v = l.lock();
    if i < v.len() && j < v.len() {
        v.swap(i, j);
    }
}

/// Sifts item `i` up while the comparisons are native; returns where a comparison needs gil
/// code (`None` when the item is in place).
fn sift_up_fast(v: &mut [Value], mut i: usize) -> Option<usize> {
    while i > 0 {
        let parent = (i - 1) >> 1;
        match fast_less(&v[i], &v[parent]) {
            Some(true) => {
                v.swap(i, parent);
                i = parent;
            }
            Some(false) => return None,
            None => return Some(i),
        }
    }
    None
}

/// Sifts item `i` down while the comparisons are native (see `sift_up_fast`).
fn sift_down_fast(v: &mut [Value], mut i: usize) -> Option<usize> {
    let n = v.len();
    loop {
        let left = 2 * i + 1;
        if left >= n {
            return None;
        }
        let mut c = left;
        if left + 1 < n {
            match fast_less(&v[left + 1], &v[left]) {
                Some(true) => c = left + 1,
                Some(false) => {}
                None => return Some(i),
            }
        }
        match fast_less(&v[c], &v[i]) {
            Some(true) => {
                v.swap(i, c);
                i = c;
            }
            Some(false) => return None,
            None => return Some(i),
        }
    }
}

pub(super) fn heappush(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("heappush", args, 2, 2)?;
    let l = heap_list(&args[0])?;
    let start = {
        let mut v = l.lock();
        v.push(args[1].clone());
        let last = v.len() - 1;
        sift_up_fast(&mut v, last)
    };
    let Some(mut i) = start else {
        return Ok(Value::None);
    };
    while i > 0 {
        let parent = (i - 1) >> 1;
        let (Some(a), Some(b)) = (at(&l, i), at(&l, parent)) else {
            break;
        };
        if less(vm, &a, &b)? {
            swap(&l, i, parent);
            i = parent;
        } else {
            break;
        }
    }
    Ok(Value::None)
}

pub(super) fn heappop(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("heappop", args, 1, 1)?;
    let l = heap_list(&args[0])?;
    let (top, start) = {
        let mut v = l.lock();
        let Some(last) = v.pop() else {
            return Err(PyErr::index_error("index out of range"));
        };
        if v.is_empty() {
            return Ok(last);
        }
        let top = std::mem::replace(&mut v[0], last);
        (top, sift_down_fast(&mut v, 0))
    };
    let Some(mut i) = start else {
        return Ok(top);
    };
    loop {
        let n = l.len();
        let left = 2 * i + 1;
        if left >= n {
            break;
        }
        let mut c = left;
        let (Some(lv), Some(iv)) = (at(&l, left), at(&l, i)) else {
            break;
        };
        let mut cv = lv;
        if left + 1 < n {
            if let Some(rv) = at(&l, left + 1) {
                if less(vm, &rv, &cv)? {
                    c = left + 1;
                    cv = rv;
                }
            }
        }
        if less(vm, &cv, &iv)? {
            swap(&l, i, c);
            i = c;
        } else {
            break;
        }
    }
    Ok(top)
}
