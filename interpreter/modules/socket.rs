//! `socket`: blocking IPv4 TCP sockets, CPython's API for the calls threads and processes use
//! (`socket`, `setsockopt`, `bind`, `listen`, `accept`, `connect`, `recv`, `sendall`,
//! `settimeout`, `create_connection`).
//!
//! Every descriptor is non-blocking underneath. A call that would block waits for readiness
//! with poll(2), the GIL released (accounted as `socket.recv`, `socket.accept`, ...), in slices
//! of at most 50 ms so a pending Ctrl-C is noticed; `settimeout(t)` bounds the wait and raises
//! `TimeoutError("timed out")`, `settimeout(0.0)` gives `BlockingIOError` as in CPython.
//!
//! A socket is created as a bare descriptor (so that options such as `SO_REUSEPORT` can be set
//! before `bind`) and becomes a `std::net` listener or stream on `listen` or `connect`. The
//! operation in progress holds its own `Arc` of the listener or stream, so `close()` from
//! another thread never waits for it (the descriptor closes when the operation ends).

use std::any::Any;
use std::io::{Read, Write};
use std::net::{
    Ipv4Addr, Shutdown, SocketAddr, SocketAddrV4, TcpListener, TcpStream, ToSocketAddrs,
};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::builtins::args::{arity, int_arg};
use crate::builtins::{add_methods, add_static, builtin};
use crate::objects::class::Layout;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

/// The longest single wait between checks for a pending Ctrl-C.
const SLICE: Duration = Duration::from_millis(50);

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let ints: &[(&str, i64)] = &[
        ("AF_INET", libc::AF_INET as i64),
        ("SOCK_STREAM", libc::SOCK_STREAM as i64),
        ("SOL_SOCKET", libc::SOL_SOCKET as i64),
        ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
        ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
        ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
        ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
        ("TCP_NODELAY", libc::TCP_NODELAY as i64),
        ("SHUT_RD", libc::SHUT_RD as i64),
        ("SHUT_WR", libc::SHUT_WR as i64),
        ("SHUT_RDWR", libc::SHUT_RDWR as i64),
        ("SOMAXCONN", libc::SOMAXCONN as i64),
    ];
    for (name, v) in ints {
        d.set_str(name, Value::Int(*v));
    }
    let fns: &[(&'static str, NativeFn)] = &[("create_connection", create_connection)];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    d.set_str("socket", Value::Class(socket_class().clone()));
    d.set_str("SocketType", Value::Class(socket_class().clone()));
    d.set_str("error", Value::Class(types().os_error.clone()));
    d.set_str("timeout", Value::Class(types().timeout_error.clone()));
    // Name resolution fails with a plain OSError here (CPython's gaierror is a subclass).
    d.set_str("gaierror", Value::Class(types().os_error.clone()));
    Ok(())
}

// ---- the socket object ----------------------------------------------------------------------

enum State {
    /// Created (and perhaps bound), neither listening nor connected.
    Fresh(Arc<OwnedFd>),
    Listener(Arc<TcpListener>),
    Stream(Arc<TcpStream>),
    Closed,
}

pub struct Socket {
    state: Mutex<State>,
    /// `None`: blocking without limit; `Some(0)`: non-blocking.
    timeout: Mutex<Option<Duration>>,
}

impl NativeObj for Socket {
    fn class(&self) -> Arc<ClassObj> {
        socket_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Socket {
    fn fd(&self) -> Option<RawFd> {
        match &*self.state.lock() {
            State::Fresh(f) => Some(f.as_raw_fd()),
            State::Listener(l) => Some(l.as_raw_fd()),
            State::Stream(s) => Some(s.as_raw_fd()),
            State::Closed => None,
        }
    }
    fn stream(&self) -> PyResult<Arc<TcpStream>> {
        match &*self.state.lock() {
            State::Stream(s) => Ok(s.clone()),
            State::Closed => Err(bad_fd()),
            _ => Err(errno_err(libc::ENOTCONN)),
        }
    }
}

fn socket_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("socket", vec![types().object.clone()], Layout::Other);
        c.dict.set_str("__module__", Value::str("socket"));
        add_methods(
            &c,
            "socket",
            &[
                ("setsockopt", sock_setsockopt),
                ("bind", sock_bind),
                ("listen", sock_listen),
                ("accept", sock_accept),
                ("connect", sock_connect),
                ("recv", sock_recv),
                ("send", sock_send),
                ("sendall", sock_sendall),
                ("shutdown", sock_shutdown),
                ("close", sock_close),
                ("fileno", sock_fileno),
                ("getsockname", sock_getsockname),
                ("getpeername", sock_getpeername),
                ("settimeout", sock_settimeout),
                ("gettimeout", sock_gettimeout),
                ("setblocking", sock_setblocking),
                ("__enter__", sock_enter),
                ("__exit__", sock_exit),
            ],
        );
        add_static(&c, "socket", "__new__", sock_new);
        c
    })
}

fn this(v: &Value) -> PyResult<&Socket> {
    downcast::<Socket>(v).ok_or_else(|| PyErr::type_error("descriptor requires a 'socket' object"))
}

fn wrap(state: State, timeout: Option<Duration>) -> Value {
    Value::Native(Arc::new(Socket {
        state: Mutex::new(state),
        timeout: Mutex::new(timeout),
    }))
}

fn errno_err(code: i32) -> PyErr {
    PyErr::os_error(&std::io::Error::from_raw_os_error(code), None)
}

fn bad_fd() -> PyErr {
    errno_err(libc::EBADF)
}

fn timed_out() -> PyErr {
    PyErr::with_args(&types().timeout_error, vec![Value::str("timed out")])
}

fn io_err(e: &std::io::Error) -> PyErr {
    if e.kind() == std::io::ErrorKind::WouldBlock {
        PyErr::with_args(
            &types().blocking_io_error,
            vec![
                Value::Int(libc::EAGAIN as i64),
                Value::str("Resource temporarily unavailable"),
            ],
        )
    } else {
        PyErr::os_error(e, None)
    }
}

/// Checks a libc return value.
fn cvt(rc: libc::c_int) -> std::io::Result<libc::c_int> {
    if rc < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(rc)
    }
}

/// A new non-blocking IPv4 TCP descriptor.
fn new_fd() -> std::io::Result<OwnedFd> {
    let flags = libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC;
    // SAFETY: socket(2) takes integers only; a non-negative result is a descriptor nobody else
    // owns, so handing it to `OwnedFd` (which closes it once) is sound.
    let fd = cvt(unsafe { libc::socket(libc::AF_INET, flags, 0) })?;
    // SAFETY: see above: `fd` is freshly created and owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn sockaddr(a: &SocketAddrV4) -> libc::sockaddr_in {
    libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: a.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(*a.ip()).to_be(),
        },
        sin_zero: [0; 8],
    }
}

const SOCKADDR_LEN: libc::socklen_t = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;

fn local_addr(fd: RawFd) -> std::io::Result<SocketAddr> {
    let mut sa = sockaddr(&SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    let mut len = SOCKADDR_LEN;
    // SAFETY: `sa` and `len` are valid and writable for the whole call; `len` tells the kernel
    // the size of `sa`, so it writes at most that many bytes.
    cvt(unsafe {
        libc::getsockname(
            fd,
            &mut sa as *mut libc::sockaddr_in as *mut libc::sockaddr,
            &mut len,
        )
    })?;
    let ip = Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr));
    Ok(SocketAddr::V4(SocketAddrV4::new(
        ip,
        u16::from_be(sa.sin_port),
    )))
}

fn addr_value(a: &SocketAddr) -> Value {
    Value::tuple(vec![
        Value::string(a.ip().to_string()),
        Value::Int(a.port() as i64),
    ])
}

/// An `(host, port)` address, resolved to IPv4 (`""` is any address).
fn resolve(vm: &mut Vm, addr: &Value) -> PyResult<SocketAddrV4> {
    let items = match addr {
        Value::Tuple(t) if t.len() == 2 => t.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "AF_INET address must be tuple, not {}",
                type_name(v)
            )))
        }
    };
    let host = match &items[0] {
        Value::Str(s) if s.as_str().is_empty() => "0.0.0.0".to_string(),
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "str, bytes or bytearray expected, not {}",
                type_name(v)
            )))
        }
    };
    let port = vm.index_int(&items[1])?;
    if !(0..=65535).contains(&port) {
        return Err(PyErr::overflow("getsockaddrarg: port must be 0-65535."));
    }
    let not_known = || {
        PyErr::with_args(
            &types().os_error,
            vec![Value::Int(-2), Value::str("Name or service not known")],
        )
    };
    (host.as_str(), port as u16)
        .to_socket_addrs()
        .map_err(|_| not_known())?
        .find_map(|a| match a {
            SocketAddr::V4(v) => Some(v),
            SocketAddr::V6(_) => None,
        })
        .ok_or_else(not_known)
}

/// Waits (GIL released) until `fd` is readable (or writable), or the deadline passes.
fn wait_ready(
    vm: &mut Vm,
    call: &'static str,
    fd: RawFd,
    write: bool,
    deadline: Option<Instant>,
) -> PyResult<()> {
    let ts = vm.thread.clone();
    let interp = vm.interp.clone();
    let events = if write { libc::POLLOUT } else { libc::POLLIN };
    enum End {
        Ready,
        TimedOut,
        Interrupted,
    }
    let end = interp.gil.allow_threads(&ts, call, || loop {
        if interp.gil.interrupt_pending(&ts) {
            return End::Interrupted;
        }
        let slice = match deadline {
            None => SLICE,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return End::TimedOut;
                }
                left.min(SLICE)
            }
        };
        let mut p = libc::pollfd {
            fd,
            events,
            revents: 0,
        };
        // SAFETY: `p` is one valid, writable pollfd for the whole call, and the count says 1.
        // The descriptor stays open: the caller holds an `Arc` of its owner.
        let n = unsafe { libc::poll(&mut p, 1, slice.as_millis().max(1) as libc::c_int) };
        if n > 0 {
            return End::Ready;
        }
    });
    match end {
        End::Ready => Ok(()),
        End::TimedOut => Err(timed_out()),
        End::Interrupted => {
            if vm.interp.gil.take_interrupt(&ts) {
                Err(PyErr::with_args(&types().keyboard_interrupt, vec![]))
            } else {
                Ok(())
            }
        }
    }
}

/// Runs the non-blocking `op` until it stops saying `WouldBlock`, waiting for readiness in
/// between, as a blocking socket call would.
fn blocking<T>(
    vm: &mut Vm,
    s: &Socket,
    call: &'static str,
    fd: RawFd,
    write: bool,
    mut op: impl FnMut() -> std::io::Result<T>,
) -> PyResult<T> {
    let timeout = *s.timeout.lock();
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        match op() {
            Ok(v) => return Ok(v),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if timeout == Some(Duration::ZERO) {
                    return Err(io_err(&e));
                }
            }
            Err(e) => return Err(io_err(&e)),
        }
        wait_ready(vm, call, fd, write, deadline)?;
    }
}

// ---- methods --------------------------------------------------------------------------------

/// `socket(family=AF_INET, type=SOCK_STREAM, proto=0)`.
fn sock_new(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let mut vals: Vec<Value> = args.iter().skip(1).cloned().collect();
    for (k, v) in kw.0 {
        let i = match k.as_str() {
            "family" => 0,
            "type" => 1,
            "proto" => 2,
            n => {
                return Err(PyErr::type_error(format!(
                    "socket() got an unexpected keyword argument '{n}'"
                )))
            }
        };
        while vals.len() <= i {
            vals.push(Value::None);
        }
        vals[i] = v;
    }
    let int_or = |vm: &mut Vm, v: Option<&Value>, d: i64| match v {
        None | Some(Value::None) => Ok(d),
        Some(v) => int_arg(vm, v),
    };
    let family = int_or(vm, vals.first(), libc::AF_INET as i64)?;
    let ty = int_or(vm, vals.get(1), libc::SOCK_STREAM as i64)?;
    if family != libc::AF_INET as i64 || ty != libc::SOCK_STREAM as i64 {
        return Err(PyErr::os_error(
            &std::io::Error::from_raw_os_error(libc::EAFNOSUPPORT),
            None,
        ));
    }
    let fd = new_fd().map_err(|e| io_err(&e))?;
    Ok(wrap(State::Fresh(Arc::new(fd)), None))
}

fn sock_setsockopt(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setsockopt", args, 4, 4)?;
    let s = this(&args[0])?;
    let level = int_arg(vm, &args[1])? as libc::c_int;
    let opt = int_arg(vm, &args[2])? as libc::c_int;
    let val = int_arg(vm, &args[3])? as libc::c_int;
    let fd = s.fd().ok_or_else(bad_fd)?;
    // SAFETY: `val` is a valid c_int for the whole call and the length says so; the kernel
    // only reads it.
    cvt(unsafe {
        libc::setsockopt(
            fd,
            level,
            opt,
            &val as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    })
    .map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn fresh(s: &Socket) -> PyResult<Arc<OwnedFd>> {
    match &*s.state.lock() {
        State::Fresh(f) => Ok(f.clone()),
        State::Closed => Err(bad_fd()),
        _ => Err(errno_err(libc::EINVAL)),
    }
}

/// Takes the descriptor out of a fresh socket (leaving it closed until the caller stores the
/// listener or stream). An operation still holding the Arc gets a duplicate instead.
fn take_fresh(st: &mut State) -> PyResult<OwnedFd> {
    match std::mem::replace(st, State::Closed) {
        State::Fresh(fd) => Arc::try_unwrap(fd)
            .or_else(|a| a.try_clone())
            .map_err(|e| io_err(&e)),
        State::Closed => Err(bad_fd()),
        other => {
            *st = other;
            Err(errno_err(libc::EISCONN))
        }
    }
}

fn sock_bind(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("bind", args, 2, 2)?;
    let s = this(&args[0])?;
    let addr = resolve(vm, &args[1])?;
    let fd = fresh(s)?;
    let sa = sockaddr(&addr);
    // SAFETY: `sa` is a valid sockaddr_in for the whole call and SOCKADDR_LEN is its size.
    cvt(unsafe {
        libc::bind(
            fd.as_raw_fd(),
            &sa as *const libc::sockaddr_in as *const libc::sockaddr,
            SOCKADDR_LEN,
        )
    })
    .map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn sock_listen(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("listen", args, 1, 2)?;
    let s = this(&args[0])?;
    let backlog = match args.get(1) {
        Some(v) => int_arg(vm, v)?.clamp(0, i32::MAX as i64) as libc::c_int,
        None => libc::SOMAXCONN.min(128),
    };
    let mut st = s.state.lock();
    let fd = match &*st {
        State::Fresh(f) => f.as_raw_fd(),
        State::Listener(l) => l.as_raw_fd(),
        State::Closed => return Err(bad_fd()),
        State::Stream(_) => return Err(errno_err(libc::EINVAL)),
    };
    // SAFETY: listen(2) on a descriptor `st` keeps open; it only changes the queue length.
    cvt(unsafe { libc::listen(fd, backlog) }).map_err(|e| io_err(&e))?;
    if let State::Fresh(_) = &*st {
        let fd = take_fresh(&mut st)?;
        *st = State::Listener(Arc::new(TcpListener::from(fd)));
    }
    Ok(Value::None)
}

fn sock_accept(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("accept", args, 1, 1)?;
    let s = this(&args[0])?;
    let l = match &*s.state.lock() {
        State::Listener(l) => l.clone(),
        State::Closed => return Err(bad_fd()),
        _ => return Err(errno_err(libc::EINVAL)),
    };
    let (st, addr) = blocking(vm, s, "socket.accept", l.as_raw_fd(), false, || l.accept())?;
    // Accepted sockets are blocking in CPython whatever the listener's timeout; ours stay
    // non-blocking underneath and wait in `blocking`.
    st.set_nonblocking(true).map_err(|e| io_err(&e))?;
    let _ = st.set_nodelay(true);
    Ok(Value::tuple(vec![
        wrap(State::Stream(Arc::new(st)), None),
        addr_value(&addr),
    ]))
}

/// Connects the fresh descriptor of `s` to `addr`, waiting as a blocking call would.
fn connect_to(vm: &mut Vm, s: &Socket, addr: &SocketAddrV4) -> PyResult<()> {
    let fd = fresh(s)?;
    let sa = sockaddr(addr);
    // SAFETY: `sa` is a valid sockaddr_in for the whole call and SOCKADDR_LEN is its size.
    let rc = unsafe {
        libc::connect(
            fd.as_raw_fd(),
            &sa as *const libc::sockaddr_in as *const libc::sockaddr,
            SOCKADDR_LEN,
        )
    };
    if rc < 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINPROGRESS) {
            return Err(io_err(&e));
        }
        let timeout = *s.timeout.lock();
        if timeout == Some(Duration::ZERO) {
            // Non-blocking: the kernel goes on connecting; the socket is a stream from now on
            // and says so with BlockingIOError, as in CPython.
            drop(fd);
            let mut state = s.state.lock();
            let st = TcpStream::from(take_fresh(&mut state)?);
            *state = State::Stream(Arc::new(st));
            return Err(PyErr::with_args(
                &types().blocking_io_error,
                vec![
                    Value::Int(libc::EINPROGRESS as i64),
                    Value::str("Operation now in progress"),
                ],
            ));
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        wait_ready(vm, "socket.connect", fd.as_raw_fd(), true, deadline)?;
    }
    drop(fd);
    let mut state = s.state.lock();
    let st = TcpStream::from(take_fresh(&mut state)?);
    if let Some(e) = st.take_error().map_err(|e| io_err(&e))? {
        return Err(io_err(&e));
    }
    let _ = st.set_nodelay(true);
    *state = State::Stream(Arc::new(st));
    Ok(())
}

fn sock_connect(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("connect", args, 2, 2)?;
    let s = this(&args[0])?;
    let addr = resolve(vm, &args[1])?;
    connect_to(vm, s, &addr)?;
    Ok(Value::None)
}

/// `create_connection((host, port), timeout=None)`.
fn create_connection(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    arity("create_connection", args, 1, 3)?;
    let mut timeout_v = args.get(1).cloned();
    for (k, v) in kw.0 {
        match k.as_str() {
            "timeout" => timeout_v = Some(v),
            "source_address" => {}
            n => {
                return Err(PyErr::type_error(format!(
                    "create_connection() got an unexpected keyword argument '{n}'"
                )))
            }
        }
    }
    let addr = resolve(vm, &args[0])?;
    let timeout = timeout_arg(vm, timeout_v.as_ref())?;
    let fd = new_fd().map_err(|e| io_err(&e))?;
    let v = wrap(State::Fresh(Arc::new(fd)), timeout);
    connect_to(vm, this(&v)?, &addr)?;
    Ok(v)
}

fn sock_recv(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("recv", args, 2, 3)?;
    let s = this(&args[0])?;
    let n = vm.index_int(&args[1])?;
    if n < 0 {
        return Err(PyErr::value_error("negative buffersize in recv"));
    }
    let st = s.stream()?;
    let mut buf = vec![0u8; (n as usize).min(1 << 24)];
    let k = blocking(vm, s, "socket.recv", st.as_raw_fd(), false, || {
        (&*st).read(&mut buf)
    })?;
    buf.truncate(k);
    Ok(Value::Bytes(Arc::new(buf)))
}

fn data_arg(v: &Value) -> PyResult<Arc<Vec<u8>>> {
    match v {
        Value::Bytes(b) => Ok(b.clone()),
        v => Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

fn sock_send(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 3)?;
    let s = this(&args[0])?;
    let data = data_arg(&args[1])?;
    let st = s.stream()?;
    let k = blocking(vm, s, "socket.send", st.as_raw_fd(), true, || {
        (&*st).write(&data)
    })?;
    Ok(Value::Int(k as i64))
}

fn sock_sendall(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("sendall", args, 2, 3)?;
    let s = this(&args[0])?;
    let data = data_arg(&args[1])?;
    let st = s.stream()?;
    let mut sent = 0;
    while sent < data.len() {
        let rest = &data[sent..];
        sent += blocking(vm, s, "socket.send", st.as_raw_fd(), true, || {
            (&*st).write(rest)
        })?;
    }
    Ok(Value::None)
}

fn sock_shutdown(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("shutdown", args, 2, 2)?;
    let s = this(&args[0])?;
    let how = match int_arg(vm, &args[1])? as libc::c_int {
        libc::SHUT_RD => Shutdown::Read,
        libc::SHUT_WR => Shutdown::Write,
        libc::SHUT_RDWR => Shutdown::Both,
        _ => return Err(errno_err(libc::EINVAL)),
    };
    s.stream()?.shutdown(how).map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn sock_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("close", args, 1, 1)?;
    *this(&args[0])?.state.lock() = State::Closed;
    Ok(Value::None)
}

fn sock_fileno(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("fileno", args, 1, 1)?;
    Ok(Value::Int(this(&args[0])?.fd().map_or(-1, |f| f as i64)))
}

fn sock_getsockname(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("getsockname", args, 1, 1)?;
    let fd = this(&args[0])?.fd().ok_or_else(bad_fd)?;
    local_addr(fd)
        .map(|a| addr_value(&a))
        .map_err(|e| io_err(&e))
}

fn sock_getpeername(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("getpeername", args, 1, 1)?;
    let st = this(&args[0])?.stream()?;
    st.peer_addr()
        .map(|a| addr_value(&a))
        .map_err(|e| io_err(&e))
}

fn timeout_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = vm.to_float(v)?;
            if t.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            if t < 0.0 {
                return Err(PyErr::value_error("Timeout value out of range"));
            }
            Ok(Some(Duration::from_secs_f64(t.min(1e9))))
        }
    }
}

fn sock_settimeout(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("settimeout", args, 2, 2)?;
    let s = this(&args[0])?;
    *s.timeout.lock() = timeout_arg(vm, Some(&args[1]))?;
    Ok(Value::None)
}

fn sock_gettimeout(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("gettimeout", args, 1, 1)?;
    Ok(match *this(&args[0])?.timeout.lock() {
        None => Value::None,
        Some(t) => Value::Float(t.as_secs_f64()),
    })
}

fn sock_setblocking(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setblocking", args, 2, 2)?;
    let s = this(&args[0])?;
    let blocking = vm.truthy(&args[1])?;
    *s.timeout.lock() = if blocking { None } else { Some(Duration::ZERO) };
    Ok(Value::None)
}

fn sock_enter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__enter__", args, 1, 1)?;
    this(&args[0])?;
    Ok(args[0].clone())
}

fn sock_exit(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__exit__", args, 1, 4)?;
    *this(&args[0])?.state.lock() = State::Closed;
    Ok(Value::Bool(false))
}
