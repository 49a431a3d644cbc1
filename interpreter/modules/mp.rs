//! `_mp`: worker child processes of this same binary, for `multiprocessing` and
//! `concurrent.futures` (`stdlib/multiprocessing/`, `stdlib/concurrent/futures/`).
//!
//! A worker is `gil --mp-worker SCRIPT`: it runs the parent's main script as `__mp_main__`
//! (so the `if __name__ == "__main__":` block does not run again), then serves tasks. Tasks
//! arrive on its stdin, replies leave on fd 3 (stdout and stderr stay the parent's, so a
//! worker's `print` shows up as in CPython). Both directions are frames: a `u32`
//! little-endian length, then a `postcard` message (`mp_wire`).
//!
//! In the parent, a reader thread per worker moves reply frames into an inbox and, when the
//! pipe closes (the child exited or was killed), reaps the child and records its exit code.
//! Waiting on the inbox releases the GIL (`Vm::blocking_wait`). Children are spawned by one
//! long-lived thread, because Linux's parent-death signal fires when the *thread* that
//! forked the child exits, not the process.
//!
//! A worker dies with its parent: it reads EOF on stdin when idle, and on Linux it also gets
//! `PR_SET_PDEATHSIG(SIGKILL)` when busy.

use std::any::Any;
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
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

use super::mp_children as children;
use super::mp_wire;

/// The fd on which a worker writes its replies.
const REPLY_FD: i32 = 3;

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let fns: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("dumps", dumps),
        ("loads", loads),
        ("spawn", spawn),
        ("read_task", read_task),
        ("write_reply", write_reply),
        ("format_exception", format_exception),
        ("is_worker", is_worker),
        ("pipe", super::mp_conn::pipe),
        ("assert_spawning", assert_spawning),
        ("flush_queues", flush_queues),
        ("PipeLock", super::mp_lock::new_lock),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    d.set_str(
        "PicklingError",
        Value::Class(mp_wire::pickling_error().clone()),
    );
    d.set_str("Worker", Value::Class(worker_class().clone()));
    Ok(())
}

pub(super) fn bytes_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a [u8]> {
    match v {
        Value::Bytes(b) => Ok(b.as_slice()),
        other => Err(PyErr::type_error(format!(
            "{what}: a bytes-like object is required, not '{}'",
            type_name(other)
        ))),
    }
}

/// `_mp.dumps(obj, fds=None)`: with a list `fds` (starting a `Process`), pipes and queues
/// may be in `obj`, and the descriptors the child must inherit are appended to `fds`.
fn dumps(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("dumps", args, 1, 2)?;
    match args.get(1) {
        Some(Value::List(out)) => {
            let (b, fds) = mp_wire::dumps_passing(vm, &args[0])?;
            for fd in fds {
                out.push(Value::Int(fd as i64));
            }
            Ok(Value::Bytes(Arc::new(b)))
        }
        _ => Ok(Value::Bytes(Arc::new(mp_wire::dumps(vm, &args[0])?))),
    }
}

/// `_mp.assert_spawning(what)`: the error CPython raises when a queue or lock is pickled
/// other than for a starting process.
fn assert_spawning(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("assert_spawning", args, 1, 1)?;
    if mp_wire::spawning() {
        return Ok(Value::None);
    }
    let what = vm.to_str(&args[0])?;
    Err(mp_wire::inheritance_only(&what))
}

fn loads(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("loads", args, 1, 1)?;
    let b = bytes_arg(&args[0], "loads")?.to_vec();
    mp_wire::loads(vm, &b)
}

fn format_exception(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("format_exception", args, 1, 1)?;
    Ok(Value::string(vm.format_exception(&args[0])))
}

fn is_worker(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(std::env::var_os("GIL_MP_WORKER").is_some()))
}

// ---- frames --------------------------------------------------------------------------------

/// The top bit of a frame's length marks a control frame (the child's figures at exit),
/// which the reader keeps out of the replies.
const CONTROL: u32 = 1 << 31;

pub(super) fn write_frame(w: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    write_frame_flagged(w, body, 0)
}

fn write_frame_flagged(w: &mut impl Write, body: &[u8], flag: u32) -> std::io::Result<()> {
    let len = u32::try_from(body.len())
        .ok()
        .filter(|l| l & CONTROL == 0)
        .ok_or_else(|| std::io::Error::other("message larger than 2 GiB"))?
        | flag;
    let mut buf = Vec::with_capacity(4 + body.len());
    buf.extend_from_slice(&len.to_le_bytes());
    buf.extend_from_slice(body);
    w.write_all(&buf)?;
    w.flush()
}

/// The next frame, or `None` at a clean end of stream.
pub(super) fn read_frame(r: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    Ok(read_frame_flagged(r)?.map(|(_, b)| b))
}

/// The next frame and whether it is a control frame.
fn read_frame_flagged(r: &mut impl Read) -> std::io::Result<Option<(bool, Vec<u8>)>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len);
    let mut body = vec![0u8; (len & !CONTROL) as usize];
    r.read_exact(&mut body)?;
    Ok(Some((len & CONTROL != 0, body)))
}

// ---- the worker side -----------------------------------------------------------------------

/// `_mp.read_task()`: the next task frame from stdin (GIL released), or `None` at EOF.
fn read_task(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let ts = vm.thread.clone();
    let r = vm.interp.gil.allow_threads(&ts, "mp.read_task", || {
        read_frame(&mut std::io::stdin().lock())
    });
    match r {
        Ok(Some(b)) => Ok(Value::Bytes(Arc::new(b))),
        Ok(None) => Ok(Value::None),
        Err(e) => Err(PyErr::os_error(&e, None)),
    }
}

fn reply_pipe() -> &'static Mutex<std::fs::File> {
    static F: OnceLock<Mutex<std::fs::File>> = OnceLock::new();
    F.get_or_init(|| {
        use std::os::fd::FromRawFd;
        // SAFETY: fd 3 was set up by the parent (`spawn_child`'s pre_exec dup2) as the write
        // end of the reply pipe, is open for the worker's whole life, and nothing else in the
        // worker owns or closes it.
        Mutex::new(unsafe { std::fs::File::from_raw_fd(REPLY_FD) })
    })
}

/// `_mp.write_reply(bytes)`: one reply frame to the parent.
fn write_reply(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("write_reply", args, 1, 1)?;
    let body = bytes_arg(&args[0], "write_reply")?.to_vec();
    crate::builtins::io::flush_stdout();
    // The figures go ahead of replies too (at most every 10 ms), so that a worker killed
    // by `Pool.terminate` still has them in the parent's reports.
    static LAST: Mutex<Option<std::time::Instant>> = Mutex::new(None);
    let due = {
        let mut last = LAST.lock();
        let due = last.is_none_or(|t| t.elapsed() >= Duration::from_millis(10));
        if due {
            *last = Some(std::time::Instant::now());
        }
        due
    };
    if due {
        send_final_stats(&vm.interp.gil);
    }
    let ts = vm.thread.clone();
    let r = vm.interp.gil.allow_threads(&ts, "mp.write_reply", || {
        write_frame(&mut *reply_pipe().lock(), &body)
    });
    r.map_err(|e| PyErr::os_error(&e, None))?;
    Ok(Value::None)
}

/// `_mp.flush_queues()`: waits until every `Queue.put` of this process is in its pipe.
fn flush_queues(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    super::mp_conn::flush_all_released(vm);
    Ok(Value::None)
}

/// A worker's own GIL figures to the parent (`mp_children`), as a control frame: at exit,
/// and ahead of replies. Errors are ignored: the parent may be gone.
pub fn send_final_stats(gil: &crate::gil::Gil) {
    if std::env::var_os("GIL_MP_WORKER").is_none() {
        return;
    }
    if let Ok(body) = postcard::to_stdvec(&super::mp_children::ChildGil::of(gil)) {
        let _ = write_frame_flagged(&mut *reply_pipe().lock(), &body, CONTROL);
    }
}

// ---- the parent side -----------------------------------------------------------------------

/// Replies received from one child, and how it ended.
#[derive(Default)]
struct Inbox {
    frames: VecDeque<Vec<u8>>,
    /// The reply pipe closed: the child has exited (or is about to be reaped).
    eof: bool,
    /// The exit code once reaped: the status, or minus the signal number.
    exitcode: Option<i64>,
}

pub struct Worker {
    pid: u32,
    /// The child's entry in `mp_children`.
    rec: usize,
    stdin: Mutex<Option<ChildStdin>>,
    inbox: Mutex<Inbox>,
    cv: Condvar,
}

impl NativeObj for Worker {
    fn class(&self) -> Arc<ClassObj> {
        worker_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn worker_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("Worker", vec![types().object.clone()], Layout::Other);
        c.dict.set_str("__module__", Value::str("_mp"));
        add_methods(
            &c,
            "Worker",
            &[
                ("send", w_send),
                ("recv", w_recv),
                ("close_stdin", w_close_stdin),
                ("pid", w_pid),
                ("poll", w_poll),
                ("wait", w_wait),
                ("kill", w_kill),
                ("terminate", w_terminate),
            ],
        );
        c
    })
}

type SpawnRequest = (Command, mpsc::Sender<std::io::Result<Child>>);

/// Spawns children from one thread that lives as long as the process (see the module docs).
fn spawner() -> &'static Mutex<mpsc::Sender<SpawnRequest>> {
    static S: OnceLock<Mutex<mpsc::Sender<SpawnRequest>>> = OnceLock::new();
    S.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnRequest>();
        std::thread::Builder::new()
            .name("mp-spawner".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    let _ = reply.send(cmd.spawn());
                }
            })
            .expect("cannot start the process spawner thread");
        Mutex::new(tx)
    })
}

/// Starts a worker; `pass` are descriptors (`mp_conn`, all at 10 or above) it inherits.
fn spawn_child(script: &str, pass: Vec<i32>) -> std::io::Result<(Child, std::fs::File)> {
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::process::CommandExt;
    let mut fds = [0i32; 2];
    // SAFETY: `fds` is a valid two-int buffer; pipe2 fills it with two new descriptors that
    // we own from here on (both close-on-exec, so no other child inherits them).
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just created by pipe2 and are owned by nobody else.
    let (read_end, write_end) = unsafe {
        (
            std::fs::File::from_raw_fd(fds[0]),
            std::fs::File::from_raw_fd(fds[1]),
        )
    };
    let exe = std::env::current_exe()?;
    let mut cmd = Command::new(exe);
    cmd.arg("--mp-worker")
        .arg(script)
        .env("GIL_MP_WORKER", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit());
    let w = write_end.as_raw_fd();
    // SAFETY: the closure runs in the forked child before exec and calls only
    // async-signal-safe functions (dup2, fcntl, prctl, getppid, _exit); it only reads `pass`,
    // allocated before the fork, and touches no memory shared with the parent's other threads.
    let parent = std::process::id() as libc::pid_t;
    unsafe {
        cmd.pre_exec(move || {
            if w == REPLY_FD {
                if libc::fcntl(REPLY_FD, libc::F_SETFD, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            } else if libc::dup2(w, REPLY_FD) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            for &fd in &pass {
                if libc::fcntl(fd, libc::F_SETFD, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            #[cfg(target_os = "linux")]
            {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // The parent may have died before prctl took effect.
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
            }
            let _ = parent;
            Ok(())
        });
    }
    let (tx, rx) = mpsc::channel();
    spawner()
        .lock()
        .send((cmd, tx))
        .map_err(|_| std::io::Error::other("the spawner thread is gone"))?;
    let child = rx
        .recv()
        .map_err(|_| std::io::Error::other("the spawner thread is gone"))??;
    drop(write_end);
    Ok((child, read_end))
}

/// `_mp.spawn(script, fds=None, name="worker")`: a new worker running `script` as
/// `__mp_main__` ("" for none), inheriting the descriptors listed in `fds` (collected by
/// `_mp.dumps(task, fds)`).
fn spawn(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("spawn", args, 1, 3)?;
    let mut pass = Vec::new();
    if let Some(Value::List(l)) = args.get(1) {
        for v in l.snapshot() {
            match v {
                Value::Int(fd) if fd >= 10 && fd <= i32::MAX as i64 => pass.push(fd as i32),
                _ => return Err(PyErr::value_error("spawn: bad descriptor to pass")),
            }
        }
    }
    let name = match args.get(2) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "worker".to_string(),
    };
    let script = match &args[0] {
        Value::Str(s) if !s.as_str().is_empty() => std::path::absolute(s.as_str())
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| s.as_str().to_string()),
        _ => String::new(),
    };
    // As CPython's spawn does: what the parent printed so far comes before the child's output.
    crate::builtins::io::flush_stdout();
    let ts = vm.thread.clone();
    let r = vm
        .interp
        .gil
        .allow_threads(&ts, "Process.start", || spawn_child(&script, pass));
    let (mut child, mut read_end) = r.map_err(|e| PyErr::os_error(&e, None))?;
    let rec = children::register(child.id(), &name);
    let worker = Arc::new(Worker {
        pid: child.id(),
        rec,
        stdin: Mutex::new(child.stdin.take()),
        inbox: Mutex::new(Inbox::default()),
        cv: Condvar::new(),
    });
    let w2 = worker.clone();
    let interp = vm.interp.clone();
    std::thread::Builder::new()
        .name(format!("mp-reader-{}", worker.pid))
        .spawn(move || {
            while let Ok(Some((control, f))) = read_frame_flagged(&mut read_end) {
                if control {
                    if let Ok(g) = postcard::from_bytes(&f) {
                        children::gil_figures(rec, g);
                    }
                    continue;
                }
                children::task_done(rec);
                w2.inbox.lock().frames.push_back(f);
                w2.cv.notify_all();
                interp.waits.progressed();
            }
            w2.inbox.lock().eof = true;
            w2.cv.notify_all();
            // `wait4` rather than `Child::wait`: it also gives the child's CPU time and RSS.
            let (code, ru) = children::wait4(child.id());
            children::reaped(rec, code, ru.as_ref());
            drop(child);
            w2.inbox.lock().exitcode = Some(code);
            w2.cv.notify_all();
            interp.waits.progressed();
        })
        .map_err(|e| PyErr::runtime_error(format!("can't start reader thread: {e}")))?;
    Ok(Value::Native(worker))
}

fn this(v: &Value) -> PyResult<&Worker> {
    downcast::<Worker>(v).ok_or_else(|| PyErr::type_error("expected an _mp.Worker"))
}

fn timeout_of(vm: &mut Vm, args: &[Value], kw: &mut KwArgs) -> PyResult<Option<Duration>> {
    super::mp_conn::timeout_arg(vm, args.get(1).cloned().or_else(|| kw.take("timeout")))
}

/// Waits that other processes end are not part of deadlock detection: the other side is
/// not a gil thread, so "every thread is waiting" says nothing. A very long timeout keeps
/// them out of the registry.
pub(super) const FOREVER: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// `w.send(bytes)`: one task frame to the child's stdin. Raises `BrokenPipeError` if the
/// child is gone.
fn w_send(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 2)?;
    let w = this(&args[0])?;
    let body = bytes_arg(&args[1], "send")?.to_vec();
    children::task_sent(w.rec);
    let ts = vm.thread.clone();
    let r = vm.interp.gil.allow_threads(&ts, "mp.send", || {
        let mut g = w.stdin.lock();
        match g.as_mut() {
            Some(s) => write_frame(s, &body),
            None => Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe)),
        }
    });
    r.map_err(|e| PyErr::os_error(&e, None))?;
    Ok(Value::None)
}

/// `w.recv(timeout=None, call="Pool.wait")`: the next reply frame; `None` on timeout;
/// `EOFError` once the child has exited and every reply has been read.
fn w_recv(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let w = this(&args[0])?;
    let timeout = timeout_of(vm, args, &mut kw)?;
    let got = vm.blocking_wait(
        "Pool.wait",
        "a worker process",
        Some(timeout.unwrap_or(FOREVER)),
        |slice| {
            let mut g = w.inbox.lock();
            if g.frames.is_empty() && !g.eof {
                w.cv.wait_for(&mut g, slice);
            }
            !g.frames.is_empty() || g.eof
        },
    )?;
    if !got {
        return Ok(Value::None);
    }
    let mut g = w.inbox.lock();
    match g.frames.pop_front() {
        Some(f) => Ok(Value::Bytes(Arc::new(f))),
        None => Err(PyErr::new(
            &types().eof_error,
            format!("worker process {} exited", w.pid),
        )),
    }
}

fn w_close_stdin(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let w = this(&args[0])?;
    w.stdin.lock().take();
    Ok(Value::None)
}

fn w_pid(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this(&args[0])?.pid as i64))
}

fn w_poll(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let w = this(&args[0])?;
    let code = w.inbox.lock().exitcode;
    Ok(code.map(Value::Int).unwrap_or(Value::None))
}

/// `w.wait(timeout=None)`: the exit code, or `None` if still running after `timeout`.
fn w_wait(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let w = this(&args[0])?;
    let timeout = timeout_of(vm, args, &mut kw)?;
    vm.blocking_wait(
        "Process.join",
        "a child process",
        Some(timeout.unwrap_or(FOREVER)),
        |slice| {
            let mut g = w.inbox.lock();
            if g.exitcode.is_none() {
                w.cv.wait_for(&mut g, slice);
            }
            g.exitcode.is_some()
        },
    )?;
    w_poll(vm, &args[..1], KwArgs::default())
}

fn signal(w: &Worker, sig: i32) {
    if w.inbox.lock().exitcode.is_none() {
        // SAFETY: kill(2) takes two integers and touches no memory of ours. The pid is one we
        // spawned and had not reaped when checked just above (the reader thread records the
        // exit code right after reaping), so it names our child, not a recycled pid, except
        // in the instant between that check and this call.
        unsafe {
            libc::kill(w.pid as libc::pid_t, sig);
        }
    }
}

fn w_kill(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    signal(this(&args[0])?, libc::SIGKILL);
    Ok(Value::None)
}

fn w_terminate(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    signal(this(&args[0])?, libc::SIGTERM);
    Ok(Value::None)
}
