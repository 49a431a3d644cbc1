//! `os` and `os.path`: processes, the environment, files and directories, POSIX path strings.

use std::sync::Arc;

use crate::builtins::args::{arity, no_kwargs};
use crate::builtins::builtin;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::{DictObj, StrObj, Value};
use crate::vm::types::type_name;
use crate::vm::{PyErr, PyResult, Vm};

pub fn build(vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("name", Value::str("posix"));
    d.set_str("sep", Value::str("/"));
    d.set_str("altsep", Value::None);
    d.set_str("extsep", Value::str("."));
    d.set_str("pathsep", Value::str(":"));
    d.set_str("linesep", Value::str("\n"));
    d.set_str("curdir", Value::str("."));
    d.set_str("pardir", Value::str(".."));
    d.set_str("devnull", Value::str("/dev/null"));
    let env = DictObj::new();
    for (k, v) in std::env::vars_os() {
        env.set_str(
            &k.to_string_lossy(),
            Value::string(v.to_string_lossy().into_owned()),
        );
    }
    d.set_str("environ", Value::Dict(Arc::new(env)));
    let fns: &[(&'static str, NativeFn)] = &[
        ("getpid", getpid),
        ("getppid", getppid),
        ("kill", kill),
        ("cpu_count", cpu_count),
        ("times", times),
        ("remove", remove),
        ("unlink", unlink),
        ("rename", rename),
        ("replace", replace),
        ("mkdir", mkdir),
        ("makedirs", makedirs),
        ("rmdir", rmdir),
        ("listdir", listdir),
        ("getcwd", getcwd),
        ("chdir", chdir),
        ("getenv", getenv),
        ("fspath", fspath),
        ("urandom", urandom),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    crate::modules::os_spawn::add(d);
    let path = crate::modules::make_native(vm, "os.path")?;
    d.set_str("path", path);
    Ok(())
}

pub fn build_path(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("sep", Value::str("/"));
    d.set_str("curdir", Value::str("."));
    d.set_str("pardir", Value::str(".."));
    let fns: &[(&'static str, NativeFn)] = &[
        ("exists", exists),
        ("lexists", lexists),
        ("isfile", isfile),
        ("isdir", isdir),
        ("islink", islink),
        ("isabs", isabs),
        ("join", join),
        ("basename", basename),
        ("dirname", dirname),
        ("split", split),
        ("splitext", splitext),
        ("normpath", normpath),
        ("abspath", abspath),
        ("realpath", realpath),
        ("expanduser", expanduser),
        ("getsize", getsize),
        ("getmtime", getmtime),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    Ok(())
}

// ----- arguments -----------------------------------------------------------------

/// A path argument of an `os` function (`remove: path should be string, ...`).
fn path_arg(v: &Value, fname: &str) -> PyResult<Arc<StrObj>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            type_name(v)
        ))),
    }
}

/// A str argument of an `os.path` function.
fn pstr(v: &Value) -> PyResult<Arc<StrObj>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(v)
        ))),
    }
}

fn one_path<'a>(name: &str, args: &'a [Value], kw: &KwArgs) -> PyResult<&'a Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 1, 1)?;
    Ok(&args[0])
}

/// Takes positional-or-keyword arguments by name.
fn bind(
    fname: &str,
    args: &[Value],
    kw: &mut KwArgs,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > names.len() {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {} arguments ({} given)",
            names.len(),
            args.len()
        )));
    }
    let mut out: Vec<Option<Value>> = names.iter().map(|_| None).collect();
    for (i, a) in args.iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (i, n) in names.iter().enumerate() {
        if let Some(v) = kw.take(n) {
            if out[i].is_some() {
                return Err(PyErr::type_error(format!(
                    "argument for {fname}() given by name ('{n}') and position ({})",
                    i + 1
                )));
            }
            out[i] = Some(v);
        }
    }
    no_kwargs(fname, kw)?;
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(PyErr::type_error(format!(
                "{fname}() missing required argument '{n}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

fn io_err(e: std::io::Error, path: &str) -> PyErr {
    PyErr::os_error(&e, Some(path))
}

// ----- processes and the environment --------------------------------------------------

/// `os.times()`: (user, system, children_user, children_system, elapsed) in seconds, as a
/// plain tuple (CPython's struct sequence indexes the same way). Children count once reaped.
fn times(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("times", args, 0, 0)?;
    let c = crate::observe::CpuTimes::of_process().unwrap_or_default();
    let elapsed = crate::gil::process_start().elapsed().as_secs_f64();
    Ok(Value::tuple(vec![
        Value::Float(c.user),
        Value::Float(c.system),
        Value::Float(c.children_user),
        Value::Float(c.children_system),
        Value::Float(elapsed),
    ]))
}

fn getpid(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("os.getpid", args, 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("os.getppid", args, 0, 0)?;
    Ok(Value::Int(std::os::unix::process::parent_id() as i64))
}

/// `os.kill(pid, sig)`.
fn kill(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("os.kill", args, 2, 2)?;
    let pid = crate::builtins::args::int_arg(vm, &args[0])?;
    let sig = crate::builtins::args::int_arg(vm, &args[1])?;
    // SAFETY: kill(2) takes two integers and touches no memory of ours.
    if unsafe { libc::kill(pid as libc::pid_t, sig as i32) } != 0 {
        return Err(PyErr::os_error(&std::io::Error::last_os_error(), None));
    }
    Ok(Value::None)
}

fn cpu_count(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("os.cpu_count", args, 0, 0)?;
    // SAFETY: sysconf takes a plain integer and has no memory effects.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    if n >= 1 {
        return Ok(Value::Int(n as i64));
    }
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn getenv(_vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let a = bind("getenv", args, &mut kw, &["key", "default"], 1)?;
    let key = match a[0].as_ref() {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "str expected, not {}",
                type_name(v)
            )))
        }
        None => unreachable!("bind checked the required argument"),
    };
    let default = a[1].clone().unwrap_or(Value::None);
    Ok(match std::env::var_os(key.as_str()) {
        Some(v) => Value::string(v.to_string_lossy().into_owned()),
        None => default,
    })
}

fn fspath(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = one_path("fspath", args, &kw)?;
    match v {
        Value::Str(_) | Value::Bytes(_) => Ok(v.clone()),
        _ => Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(v)
        ))),
    }
}

fn urandom(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("urandom", args, 1, 1)?;
    let n = crate::builtins::args::int_arg(vm, &args[0])?;
    if n < 0 {
        return Err(PyErr::value_error("negative argument not allowed"));
    }
    use std::io::Read;
    let mut buf = vec![0u8; n as usize];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| PyErr::os_error(&e, None))?;
    Ok(Value::Bytes(Arc::new(buf)))
}

// ----- files and directories ------------------------------------------------------------

fn remove(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let p = path_arg(one_path("remove", args, &kw)?, "remove")?;
    std::fs::remove_file(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

fn unlink(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let p = path_arg(one_path("unlink", args, &kw)?, "unlink")?;
    std::fs::remove_file(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

fn rename_impl(name: &str, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_kwargs(name, kw)?;
    arity(name, args, 2, 2)?;
    let src = path_arg(&args[0], name)?;
    let dst = path_arg(&args[1], name)?;
    if let Err(e) = std::fs::rename(src.as_str(), dst.as_str()) {
        let err = PyErr::os_error(&e, Some(src.as_str()));
        if let Value::Instance(i) = &err.exc {
            let msg = match i.dict.get_str("__str_override__") {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => String::new(),
            };
            i.dict.set_str("filename2", Value::Str(dst.clone()));
            i.dict.set_str(
                "__str_override__",
                Value::string(format!(
                    "{msg} -> {}",
                    crate::vm::convert::str_repr(dst.as_str())
                )),
            );
        }
        return Err(err);
    }
    Ok(Value::None)
}

fn rename(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    rename_impl("rename", args, &kw)
}

fn replace(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    rename_impl("replace", args, &kw)
}

fn mkdir(_vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let a = bind("mkdir", args, &mut kw, &["path", "mode"], 1)?;
    let p = path_arg(a[0].as_ref().unwrap_or(&Value::None), "mkdir")?;
    std::fs::create_dir(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

fn makedirs(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let a = bind("makedirs", args, &mut kw, &["name", "mode", "exist_ok"], 1)?;
    let p = path_arg(a[0].as_ref().unwrap_or(&Value::None), "mkdir")?;
    let exist_ok = match &a[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let path = std::path::Path::new(p.as_str());
    if path.exists() && (!exist_ok || !path.is_dir()) {
        let e = std::io::Error::from_raw_os_error(libc::EEXIST);
        return Err(io_err(e, p.as_str()));
    }
    std::fs::create_dir_all(path).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

fn rmdir(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let p = path_arg(one_path("rmdir", args, &kw)?, "rmdir")?;
    std::fs::remove_dir(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

fn listdir(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("listdir", &kw)?;
    arity("listdir", args, 0, 1)?;
    let p = match args.first() {
        None | Some(Value::None) => Arc::new(StrObj::new(".")),
        Some(v) => path_arg(v, "listdir")?,
    };
    let rd = std::fs::read_dir(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    let mut out = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| io_err(e, p.as_str()))?;
        out.push(Value::string(
            ent.file_name().to_string_lossy().into_owned(),
        ));
    }
    Ok(Value::list(out))
}

fn cwd() -> PyResult<String> {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| PyErr::os_error(&e, None))
}

fn getcwd(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("os.getcwd", args, 0, 0)?;
    Ok(Value::string(cwd()?))
}

fn chdir(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let p = path_arg(one_path("chdir", args, &kw)?, "chdir")?;
    std::env::set_current_dir(p.as_str()).map_err(|e| io_err(e, p.as_str()))?;
    Ok(Value::None)
}

// ----- os.path ----------------------------------------------------------------------------

/// `os.stat`-style metadata for the predicates: any failure (or a non-path) is `None`.
fn meta(v: &Value, follow: bool) -> Option<std::fs::Metadata> {
    let Value::Str(s) = v else {
        return None;
    };
    if s.as_str().contains('\0') {
        return None;
    }
    if follow {
        std::fs::metadata(s.as_str()).ok()
    } else {
        std::fs::symlink_metadata(s.as_str()).ok()
    }
}

fn pred_arg<'a>(name: &str, args: &'a [Value], kw: &KwArgs) -> PyResult<&'a Value> {
    let v = one_path(name, args, kw)?;
    match v {
        Value::Str(_) | Value::Bytes(_) | Value::Int(_) | Value::Bool(_) => Ok(v),
        _ => Err(PyErr::type_error(format!(
            "stat: path should be string, bytes, os.PathLike or integer, not {}",
            type_name(v)
        ))),
    }
}

fn exists(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = pred_arg("exists", args, &kw)?;
    Ok(Value::Bool(meta(v, true).is_some()))
}

fn lexists(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = pred_arg("lexists", args, &kw)?;
    Ok(Value::Bool(meta(v, false).is_some()))
}

fn isfile(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = pred_arg("isfile", args, &kw)?;
    Ok(Value::Bool(meta(v, true).is_some_and(|m| m.is_file())))
}

fn isdir(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = pred_arg("isdir", args, &kw)?;
    Ok(Value::Bool(meta(v, true).is_some_and(|m| m.is_dir())))
}

fn islink(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let v = pred_arg("islink", args, &kw)?;
    Ok(Value::Bool(
        meta(v, false).is_some_and(|m| m.file_type().is_symlink()),
    ))
}

fn isabs(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("isabs", args, &kw)?)?;
    Ok(Value::Bool(s.as_str().starts_with('/')))
}

fn join_str(parts: &[&str]) -> String {
    let mut path = parts[0].to_string();
    for b in &parts[1..] {
        if b.starts_with('/') {
            path = b.to_string();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

fn join(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("join", &kw)?;
    if args.is_empty() {
        return Err(PyErr::type_error(
            "join() missing 1 required positional argument: 'a'",
        ));
    }
    let mut strs = Vec::with_capacity(args.len());
    for a in args {
        match a {
            Value::Str(s) => strs.push(s.clone()),
            _ => {
                return Err(PyErr::type_error(format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    type_name(a)
                )))
            }
        }
    }
    let parts: Vec<&str> = strs.iter().map(|s| s.as_str()).collect();
    Ok(Value::string(join_str(&parts)))
}

fn split_str(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let mut head = head.to_string();
    if !head.is_empty() && head.chars().any(|c| c != '/') {
        head = head.trim_end_matches('/').to_string();
    }
    (head, tail.to_string())
}

fn basename(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("basename", args, &kw)?)?;
    Ok(Value::string(split_str(s.as_str()).1))
}

fn dirname(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("dirname", args, &kw)?)?;
    Ok(Value::string(split_str(s.as_str()).0))
}

fn split(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("split", args, &kw)?)?;
    let (h, t) = split_str(s.as_str());
    Ok(Value::tuple(vec![Value::string(h), Value::string(t)]))
}

fn splitext(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("splitext", args, &kw)?)?;
    let p = s.as_str();
    let sep = p.rfind('/').map_or(-1, |i| i as isize);
    if let Some(dot) = p.rfind('.') {
        if dot as isize > sep {
            let start = (sep + 1) as usize;
            if p[start..dot].bytes().any(|b| b != b'.') {
                return Ok(Value::tuple(vec![
                    Value::str(&p[..dot]),
                    Value::str(&p[dot..]),
                ]));
            }
        }
    }
    Ok(Value::tuple(vec![Value::str(p), Value::str("")]))
}

fn normpath_str(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let mut initial = if path.starts_with('/') { 1 } else { 0 };
    if initial == 1 && path.starts_with("//") && !path.starts_with("///") {
        initial = 2;
    }
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = "/".repeat(initial) + &comps.join("/");
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

fn normpath(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("normpath", args, &kw)?)?;
    Ok(Value::string(normpath_str(s.as_str())))
}

fn abspath_str(p: &str) -> PyResult<String> {
    if p.starts_with('/') {
        Ok(normpath_str(p))
    } else {
        let c = cwd()?;
        Ok(normpath_str(&join_str(&[&c, p])))
    }
}

fn abspath(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("abspath", args, &kw)?)?;
    Ok(Value::string(abspath_str(s.as_str())?))
}

fn realpath(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("realpath", args, &kw)?)?;
    let abs = abspath_str(s.as_str())?;
    Ok(Value::string(match std::fs::canonicalize(&abs) {
        Ok(p) => p.to_string_lossy().into_owned(),
        Err(_) => abs,
    }))
}

fn expanduser(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = pstr(one_path("expanduser", args, &kw)?)?;
    let p = s.as_str();
    if !p.starts_with('~') {
        return Ok(Value::Str(s.clone()));
    }
    let end = p.find('/').unwrap_or(p.len());
    if end != 1 {
        return Ok(Value::Str(s.clone()));
    }
    let Ok(home) = std::env::var("HOME") else {
        return Ok(Value::Str(s.clone()));
    };
    let home = home.trim_end_matches('/');
    let out = format!("{home}{}", &p[end..]);
    Ok(Value::string(if out.is_empty() {
        "/".to_string()
    } else {
        out
    }))
}

fn stat_of(name: &str, args: &[Value], kw: &KwArgs) -> PyResult<std::fs::Metadata> {
    let v = one_path(name, args, kw)?;
    let p = path_arg(v, "stat")?;
    std::fs::metadata(p.as_str()).map_err(|e| io_err(e, p.as_str()))
}

fn getsize(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let m = stat_of("getsize", args, &kw)?;
    Ok(Value::Int(m.len() as i64))
}

fn getmtime(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    use std::os::unix::fs::MetadataExt;
    let m = stat_of("getmtime", args, &kw)?;
    Ok(Value::Float(
        m.mtime() as f64 + m.mtime_nsec() as f64 * 1e-9,
    ))
}
