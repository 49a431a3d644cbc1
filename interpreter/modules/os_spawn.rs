//! `os.posix_spawn`, `os.waitpid` and `os.waitstatus_to_exitcode`: start a program and reap
//! it, as CPython's `os` does (no `subprocess` needed to run `sys.executable` on a script).

use std::os::unix::process::CommandExt;
use std::time::Duration;

use crate::builtins::args::{arity, int_arg};
use crate::builtins::builtin;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::{DictObj, Value};
use crate::vm::types::{type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

/// How often a blocking `waitpid` looks again (and checks for Ctrl-C).
const POLL: Duration = Duration::from_millis(5);

pub fn add(d: &DictObj) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("posix_spawn", posix_spawn),
        ("waitpid", waitpid),
        ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    d.set_str("WNOHANG", Value::Int(libc::WNOHANG as i64));
}

fn str_items(v: &Value, what: &str) -> PyResult<Vec<String>> {
    let items = match v {
        Value::List(l) => l.snapshot(),
        Value::Tuple(t) => t.to_vec(),
        v => {
            return Err(PyErr::type_error(format!(
                "posix_spawn: {what} must be a tuple or list, not {}",
                type_name(v)
            )))
        }
    };
    items
        .iter()
        .map(|x| match x {
            Value::Str(s) => Ok(s.as_str().to_string()),
            x => Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(x)
            ))),
        })
        .collect()
}

/// `posix_spawn(path, argv, env, *, setpgroup=None)`: the child's pid. The child inherits
/// stdin, stdout and stderr; it must be reaped with `waitpid`. `setpgroup=0` puts it in a new
/// process group (a terminal's Ctrl-C then reaches only its parent).
fn posix_spawn(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    arity("posix_spawn", args, 3, 3)?;
    let mut pgroup = None;
    for (k, v) in kw.0 {
        match k.as_str() {
            "setpgroup" if !matches!(v, Value::None) => pgroup = Some(int_arg(vm, &v)?),
            "setpgroup" => {}
            k => {
                return Err(PyErr::type_error(format!(
                    "posix_spawn: keyword '{k}' is not supported by gil"
                )))
            }
        }
    }
    let path = match &args[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                type_name(v)
            )))
        }
    };
    let argv = str_items(&args[1], "argv")?;
    if argv.is_empty() {
        return Err(PyErr::value_error("posix_spawn: argv must not be empty"));
    }
    let Value::Dict(env) = &args[2] else {
        return Err(PyErr::type_error(
            "posix_spawn: environment must be a mapping object",
        ));
    };
    let mut cmd = std::process::Command::new(&path);
    cmd.arg0(&argv[0]).args(&argv[1..]).env_clear();
    let items = env.lock().items();
    for (k, v) in items {
        if let (Value::Str(k), Value::Str(v)) = (k, v) {
            cmd.env(k.as_str(), v.as_str());
        }
    }
    if let Some(g) = pgroup {
        cmd.process_group(g as i32);
    }
    // The `Child` is dropped without waiting: the pid is reaped by `waitpid`, as in CPython.
    let child = cmd.spawn().map_err(|e| PyErr::os_error(&e, Some(&path)))?;
    Ok(Value::Int(child.id() as i64))
}

fn try_wait(pid: i64, options: i32) -> std::io::Result<(i64, i32)> {
    let mut status: libc::c_int = 0;
    // SAFETY: `status` is a valid, writable int for the whole call; waitpid writes only there.
    let r = unsafe { libc::waitpid(pid as libc::pid_t, &mut status, options) };
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok((r as i64, status))
}

/// `waitpid(pid, options)`: `(pid, status)`, or `(0, 0)` with `WNOHANG` while the child runs.
/// A blocking wait polls with the GIL released, so Ctrl-C and other threads go on.
fn waitpid(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("waitpid", args, 2, 2)?;
    let pid = int_arg(vm, &args[0])?;
    let options = int_arg(vm, &args[1])? as i32;
    let done = |(p, s): (i64, i32)| Value::tuple(vec![Value::Int(p), Value::Int(s as i64)]);
    let first = try_wait(pid, options | libc::WNOHANG).map_err(|e| PyErr::os_error(&e, None))?;
    if first.0 != 0 || options & libc::WNOHANG != 0 {
        return Ok(done(first));
    }
    let ts = vm.thread.clone();
    let interp = vm.interp.clone();
    let r = interp.gil.allow_threads(&ts, "os.waitpid", || loop {
        if interp.gil.interrupt_pending(&ts) {
            return None;
        }
        match try_wait(pid, libc::WNOHANG) {
            Ok((0, _)) => std::thread::sleep(POLL),
            r => return Some(r),
        }
    });
    match r {
        Some(r) => r.map(done).map_err(|e| PyErr::os_error(&e, None)),
        None => {
            vm.interp.gil.take_interrupt(&ts);
            Err(PyErr::with_args(&types().keyboard_interrupt, vec![]))
        }
    }
}

/// `waitstatus_to_exitcode(status)`: the exit code, or minus the signal that killed it.
fn waitstatus_to_exitcode(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("waitstatus_to_exitcode", args, 1, 1)?;
    let s = int_arg(vm, &args[0])? as i32;
    if libc::WIFEXITED(s) {
        Ok(Value::Int(libc::WEXITSTATUS(s) as i64))
    } else if libc::WIFSIGNALED(s) {
        Ok(Value::Int(-(libc::WTERMSIG(s) as i64)))
    } else {
        Err(PyErr::value_error(format!("invalid wait status: {s}")))
    }
}
