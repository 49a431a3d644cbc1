//! `print`, `input`, `open`, file objects, and `sys.stdout` / `sys.stderr`.
//!
//! Standard output is buffered (and flushed at exit, before errors and on `flush=True`) when it
//! is not a terminal, as CPython does. File reads and writes and `input` release the GIL.

use std::any::Any;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, type_name, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

use super::args::arity;
use super::{add_methods, builtin};

struct Stdout {
    buf: Vec<u8>,
    tty: bool,
}

fn stdout() -> &'static Mutex<Stdout> {
    static OUT: OnceLock<Mutex<Stdout>> = OnceLock::new();
    OUT.get_or_init(|| {
        Mutex::new(Stdout {
            buf: Vec::with_capacity(8192),
            tty: std::io::stdout().is_terminal(),
        })
    })
}

/// Where standard output goes instead of the terminal while one is installed: the REPL installs
/// one while its prompt is active, so that text printed by background threads is written above
/// the line being edited (rustyline's `ExternalPrinter`) instead of through it.
pub type StdoutSink = Box<dyn FnMut(&str) + Send>;

static SINK: Mutex<Option<StdoutSink>> = Mutex::new(None);
/// Whether `SINK` is set: one relaxed load on the path of every write when it is not.
static SINK_ON: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Installs (`Some`) or removes (`None`) the standard-output sink; returns the previous one.
pub fn set_stdout_sink(sink: Option<StdoutSink>) -> Option<StdoutSink> {
    let mut slot = SINK.lock();
    if sink.is_some() {
        flush_stdout();
    }
    SINK_ON.store(sink.is_some(), std::sync::atomic::Ordering::SeqCst);
    std::mem::replace(&mut *slot, sink)
}

/// Writes to standard output through the shared buffer.
pub fn write_stdout(_vm: &mut Vm, s: &str) -> PyResult<()> {
    if SINK_ON.load(std::sync::atomic::Ordering::Relaxed) {
        if let Some(sink) = SINK.lock().as_mut() {
            sink(s);
            return Ok(());
        }
    }
    let mut out = stdout().lock();
    out.buf.extend_from_slice(s.as_bytes());
    if out.tty || out.buf.len() > 8192 {
        let data = std::mem::take(&mut out.buf);
        let mut so = std::io::stdout().lock();
        let _ = so.write_all(&data);
        let _ = so.flush();
    }
    Ok(())
}

pub fn flush_stdout() {
    let mut out = stdout().lock();
    let data = std::mem::take(&mut out.buf);
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(&data);
    let _ = so.flush();
}

pub fn write_stderr(s: &str) {
    flush_stdout();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(s.as_bytes());
    let _ = e.flush();
}

/// `sys.stdout` / `sys.stderr`.
pub struct StdStream {
    pub err: bool,
}

pub struct FileObj {
    pub name: String,
    pub mode: String,
    pub state: Mutex<FileState>,
}

pub enum FileState {
    Reading(BufReader<File>),
    Writing(File),
    Closed,
}

fn file_class() -> &'static Arc<ClassObj> {
    &types().file
}

fn stream_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class(
            "TextIOWrapper",
            vec![types().object.clone()],
            crate::objects::class::Layout::Other,
        );
        add_methods(
            &c,
            "TextIOWrapper",
            &[("write", stream_write), ("flush", stream_flush)],
        );
        c
    })
}

impl NativeObj for StdStream {
    fn class(&self) -> Arc<ClassObj> {
        stream_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObj for FileObj {
    fn class(&self) -> Arc<ClassObj> {
        file_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn register(t: &Types) {
    add_methods(
        &t.file,
        "TextIOWrapper",
        &[
            ("read", file_read),
            ("readline", file_readline),
            ("readlines", file_readlines),
            ("write", file_write),
            ("writelines", file_writelines),
            ("close", file_close),
            ("flush", file_flush),
            ("__enter__", file_enter),
            ("__exit__", file_exit),
            ("__iter__", file_enter),
            ("__next__", file_next),
        ],
    );
}

pub fn fill(b: &DictObj) {
    b.set_str("print", builtin("print", print));
    b.set_str("input", builtin("input", input));
    b.set_str("open", builtin("open", open));
}

pub fn std_stream(err: bool) -> Value {
    Value::Native(Arc::new(StdStream { err }))
}

fn print(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let sep = match kw.take("sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "sep must be None or a string, not {}",
                type_name(&v)
            )))
        }
    };
    let end = match kw.take("end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "end must be None or a string, not {}",
                type_name(&v)
            )))
        }
    };
    let file = kw.take("file").filter(|f| !f.is_none());
    let flush = match kw.take("flush") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    super::args::no_kwargs("print", &kw)?;
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match a {
            Value::Str(s) => out.push_str(s.as_str()),
            _ => out.push_str(&vm.to_str(a)?),
        }
    }
    out.push_str(&end);
    match file {
        None => {
            write_stdout(vm, &out)?;
            if flush {
                flush_stdout();
            }
        }
        Some(f) => {
            if let Some(s) = downcast::<StdStream>(&f) {
                if s.err {
                    write_stderr(&out);
                } else {
                    write_stdout(vm, &out)?;
                    if flush {
                        flush_stdout();
                    }
                }
            } else {
                let w = vm.get_attr_str(&f, "write")?;
                vm.call0(&w, vec![Value::string(out)])?;
                if flush {
                    if let Ok(fl) = vm.get_attr_str(&f, "flush") {
                        vm.call0(&fl, vec![])?;
                    }
                }
            }
        }
    }
    Ok(Value::None)
}

fn input(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("input", args, 0, 1)?;
    if let Some(p) = args.first() {
        let s = vm.to_str(p)?;
        write_stdout(vm, &s)?;
    }
    flush_stdout();
    let mut line = String::new();
    let ts = vm.thread.clone();
    let n = vm.interp.gil.allow_threads(&ts, "input", || {
        std::io::stdin().lock().read_line(&mut line)
    });
    match n {
        Ok(0) => Err(PyErr::new(&types().eof_error, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Value::string(line))
        }
        Err(e) => Err(PyErr::os_error(&e, None)),
    }
}

fn open(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let mode_kw = kw.take("mode");
    let _ = kw.take("encoding");
    let _ = kw.take("newline");
    arity("open", args, 1, 3)?;
    let path = match &args[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(v)
            )))
        }
    };
    let mode = match args.get(1).cloned().or(mode_kw) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        None => "r".into(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                type_name(&v)
            )))
        }
    };
    let ts = vm.thread.clone();
    let m = mode.replace(['t', 'b'], "");
    let result = vm
        .interp
        .gil
        .allow_threads(&ts, "open", || -> std::io::Result<FileState> {
            Ok(match m.as_str() {
                "r" => FileState::Reading(BufReader::new(File::open(&path)?)),
                "w" => FileState::Writing(File::create(&path)?),
                "a" => FileState::Writing(
                    std::fs::OpenOptions::new()
                        .append(true)
                        .create(true)
                        .open(&path)?,
                ),
                "x" => FileState::Writing(
                    std::fs::OpenOptions::new()
                        .write(true)
                        .create_new(true)
                        .open(&path)?,
                ),
                "r+" | "w+" | "a+" => FileState::Writing(
                    std::fs::OpenOptions::new()
                        .read(true)
                        .write(true)
                        .create(m != "r+")
                        .truncate(m == "w+")
                        .append(m == "a+")
                        .open(&path)?,
                ),
                _ => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "mode",
                    ))
                }
            })
        });
    match result {
        Ok(state) => Ok(Value::Native(Arc::new(FileObj {
            name: path,
            mode,
            state: Mutex::new(state),
        }))),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            Err(PyErr::value_error(format!("invalid mode: '{mode}'")))
        }
        Err(e) => Err(PyErr::os_error(&e, Some(&path))),
    }
}

fn file_of(v: &Value) -> PyResult<&FileObj> {
    downcast::<FileObj>(v).ok_or_else(|| PyErr::type_error("descriptor requires a file object"))
}

fn closed() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

/// Runs `f` on the file's state with the GIL released (it may block on the disk).
fn with_file<R>(
    vm: &mut Vm,
    f: &FileObj,
    call: &'static str,
    op: impl FnOnce(&mut FileState) -> std::io::Result<R>,
) -> PyResult<R> {
    let ts = vm.thread.clone();
    let r = vm.interp.gil.allow_threads(&ts, call, || {
        let mut st = f.state.lock();
        if matches!(*st, FileState::Closed) {
            return Err(std::io::Error::other("closed"));
        }
        op(&mut st)
    });
    r.map_err(|e| {
        if e.to_string() == "closed" {
            closed()
        } else if e.kind() == std::io::ErrorKind::Unsupported {
            PyErr::new(&types().os_error, "not readable")
        } else {
            PyErr::os_error(&e, None)
        }
    })
}

fn not_readable() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Unsupported, "not readable")
}

fn file_read(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let f = file_of(&args[0])?;
    if f.mode.contains('b') {
        let b = with_file(vm, f, "file.read", |st| match st {
            FileState::Reading(r) => {
                let mut b = Vec::new();
                r.read_to_end(&mut b)?;
                Ok(b)
            }
            _ => Err(not_readable()),
        })?;
        return Ok(Value::Bytes(Arc::new(b)));
    }
    let s = with_file(vm, f, "file.read", |st| match st {
        FileState::Reading(r) => {
            let mut s = String::new();
            r.read_to_string(&mut s)?;
            Ok(s)
        }
        _ => Err(not_readable()),
    })?;
    Ok(Value::string(s))
}

fn file_readline(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let f = file_of(&args[0])?;
    let s = with_file(vm, f, "file.readline", |st| match st {
        FileState::Reading(r) => {
            let mut s = String::new();
            r.read_line(&mut s)?;
            Ok(s)
        }
        _ => Err(not_readable()),
    })?;
    Ok(Value::string(s))
}

fn file_readlines(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let f = file_of(&args[0])?;
    let lines = with_file(vm, f, "file.read", |st| match st {
        FileState::Reading(r) => {
            let mut out = Vec::new();
            loop {
                let mut s = String::new();
                if r.read_line(&mut s)? == 0 {
                    break;
                }
                out.push(s);
            }
            Ok(out)
        }
        _ => Err(not_readable()),
    })?;
    Ok(Value::list(lines.into_iter().map(Value::string).collect()))
}

fn file_next(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let line = file_readline(vm, args, kw)?;
    match &line {
        Value::Str(s) if s.as_str().is_empty() => Err(PyErr::stop_iteration(None)),
        _ => Ok(line),
    }
}

fn file_write(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("write", args, 2, 2)?;
    let f = file_of(&args[0])?;
    if let (Value::Bytes(b), true) = (&args[1], f.mode.contains('b')) {
        let data = b.clone();
        with_file(vm, f, "file.write", |st| match st {
            FileState::Writing(w) => w.write_all(&data),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "not writable",
            )),
        })?;
        return Ok(Value::Int(b.len() as i64));
    }
    let s = match &args[1] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "write() argument must be str, not {}",
                type_name(v)
            )))
        }
    };
    let n = s.chars().count();
    with_file(vm, f, "file.write", |st| match st {
        FileState::Writing(w) => w.write_all(s.as_bytes()),
        _ => Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "not writable",
        )),
    })?;
    Ok(Value::Int(n as i64))
}

fn file_writelines(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    arity("writelines", args, 2, 2)?;
    let _ = kw;
    for line in vm.collect(&args[1])? {
        file_write(vm, &[args[0].clone(), line], KwArgs::default())?;
    }
    Ok(Value::None)
}

fn file_close(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let f = file_of(&args[0])?;
    let mut st = f.state.lock();
    if let FileState::Writing(w) = &mut *st {
        let _ = w.flush();
    }
    *st = FileState::Closed;
    Ok(Value::None)
}

fn file_flush(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let f = file_of(&args[0])?;
    if let FileState::Writing(w) = &mut *f.state.lock() {
        let _ = w.flush();
    }
    Ok(Value::None)
}

fn file_enter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn file_exit(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    file_close(vm, &args[..1], KwArgs::default())?;
    Ok(Value::Bool(false))
}

fn stream_write(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("write", args, 2, 2)?;
    let Some(s) = downcast::<StdStream>(&args[0]) else {
        return Err(PyErr::type_error("write() needs a stream"));
    };
    let text = match &args[1] {
        Value::Str(t) => t.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "write() argument must be str, not {}",
                type_name(v)
            )))
        }
    };
    if s.err {
        write_stderr(&text);
    } else {
        write_stdout(vm, &text)?;
    }
    Ok(Value::Int(text.chars().count() as i64))
}

fn stream_flush(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    flush_stdout();
    Ok(Value::None)
}

pub fn native_attr(_vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(v) = crate::modules::thread::handle_attr(obj, name) {
        return Ok(Some(v));
    }
    if let Some(tb) = downcast::<crate::vm::attr::Traceback>(obj) {
        return Ok(match name {
            "tb_lineno" => tb.0.first().map(|e| Value::Int(e.line as i64)),
            "tb_next" => Some(Value::None),
            _ => None,
        });
    }
    if let Some(f) = downcast::<FileObj>(obj) {
        return Ok(match name {
            "name" => Some(Value::str(&f.name)),
            "mode" => Some(Value::str(&f.mode)),
            "closed" => Some(Value::Bool(matches!(*f.state.lock(), FileState::Closed))),
            _ => None,
        });
    }
    Ok(None)
}

pub fn native_repr(_vm: &mut Vm, obj: &Value) -> PyResult<Option<String>> {
    if let Some(f) = downcast::<FileObj>(obj) {
        return Ok(Some(format!(
            "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
            f.name, f.mode
        )));
    }
    if let Some(s) = downcast::<StdStream>(obj) {
        return Ok(Some(format!(
            "<_io.TextIOWrapper name='<{}>' mode='w' encoding='utf-8'>",
            if s.err { "stderr" } else { "stdout" }
        )));
    }
    Ok(None)
}
