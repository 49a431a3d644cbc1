//! Running source text: parse, compile, execute as `__main__`, and report errors as CPython does.

use std::sync::Arc;

use crate::bytecode::Code;
use crate::objects::{DictObj, ModuleObj, Value};
use crate::syntax::error::{line_col, line_text};
use crate::syntax::SyntaxError;
use crate::vm::types::types;
use crate::vm::{PyErr, Vm};

pub fn compile_source(
    path: &str,
    source: &str,
    interactive: bool,
) -> Result<Arc<Code>, SyntaxError> {
    let module = crate::syntax::parse_module(source)?;
    crate::compiler::compile_module(&module, path, source.into(), interactive)
}

/// CPython's report of a syntax error:
/// ```text
///   File "x.py", line 1
///     if x
///         ^
/// SyntaxError: expected ':'
/// ```
pub fn format_syntax_error(e: &SyntaxError, path: &str, source: &str) -> String {
    let (line, col) = line_col(source, e.offset);
    let text = line_text(source, line);
    let trimmed = text.trim_start();
    let indent = text.chars().count() - trimmed.chars().count();
    let caret = col.saturating_sub(1).saturating_sub(indent);
    let trimmed = trimmed.trim_end();
    let mut out = format!("  File \"{path}\", line {line}\n");
    if !trimmed.is_empty() {
        out.push_str(&format!("    {trimmed}\n"));
        out.push_str(&format!(
            "    {}^\n",
            " ".repeat(caret.min(trimmed.chars().count()))
        ));
    }
    out.push_str(&format!("{}: {}\n", e.type_name(), e.message));
    out
}

/// A `SyntaxError` instance for errors met while importing a module.
pub fn syntax_error_value(e: &SyntaxError, path: &str, source: &str) -> PyErr {
    let t = types();
    let cls = match e.kind {
        crate::syntax::SyntaxErrorKind::Syntax => &t.syntax_error,
        crate::syntax::SyntaxErrorKind::Indentation => &t.indentation_error,
    };
    let (line, col) = line_col(source, e.offset);
    let err = PyErr::new(cls, e.message.clone());
    if let Value::Instance(i) = &err.exc {
        i.dict.set_str("filename", Value::str(path));
        i.dict.set_str("lineno", Value::Int(line as i64));
        i.dict.set_str("offset", Value::Int(col as i64));
        i.dict.set_str("msg", Value::str(&e.message));
        i.dict.set_str(
            "__str_override__",
            Value::string(format!("{} ({}, line {line})", e.message, short_name(path))),
        );
    }
    err
}

fn short_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A fresh `__main__` module namespace.
pub fn main_module(vm: &Vm, path: &str) -> Arc<DictObj> {
    let dict = Arc::new(DictObj::new());
    dict.set_str("__name__", Value::str("__main__"));
    dict.set_str("__file__", Value::str(path));
    dict.set_str("__package__", Value::None);
    dict.set_str("__builtins__", Value::Dict(vm.interp.builtins.clone()));
    let m = Value::Module(Arc::new(ModuleObj {
        name: "__main__".into(),
        dict: dict.clone(),
    }));
    vm.interp.modules.set_str("__main__", m);
    dict
}

/// Runs a script as `__main__`; returns the process exit status.
pub fn run_main(vm: &mut Vm, path: &str, source: &str) -> i32 {
    let code = match compile_source(path, source, false) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", format_syntax_error(&e, path, source));
            return 1;
        }
    };
    let globals = main_module(vm, path);
    let frame = crate::vm::frame::Frame::new(code, globals, Vec::new());
    let r = vm.run_frame(frame);
    let mut status = match r {
        Ok(_) => 0,
        Err(e) => report_uncaught(vm, &e),
    };
    // Python waits for non-daemon threads before exiting (`threading._shutdown`).
    if let Some(threading) = vm.interp.modules.get_str("threading") {
        let r = vm
            .get_attr_str(&threading, "_shutdown")
            .and_then(|f| vm.call0(&f, vec![]));
        if let Err(e) = r {
            let s = report_uncaught(vm, &e);
            if status == 0 {
                status = s;
            }
        }
    }
    // Like CPython's exit: every `multiprocessing.Queue.put` reaches its pipe.
    crate::modules::mp_conn::flush_all_released(vm);
    crate::builtins::io::flush_stdout();
    status
}

/// A `multiprocessing` worker (`gil --mp-worker SCRIPT`): runs the parent's main script as
/// `__mp_main__` (registered as `__main__` too, as CPython's spawn does), so functions and
/// classes defined there can be found by name, then serves tasks until stdin closes
/// (`multiprocessing._worker_loop`).
pub fn run_worker(vm: &mut Vm, path: &str, source: &str) -> i32 {
    let dict = Arc::new(DictObj::new());
    dict.set_str("__name__", Value::str("__mp_main__"));
    dict.set_str("__file__", Value::str(path));
    dict.set_str("__package__", Value::None);
    dict.set_str("__builtins__", Value::Dict(vm.interp.builtins.clone()));
    let m = Value::Module(Arc::new(ModuleObj {
        name: "__mp_main__".into(),
        dict: dict.clone(),
    }));
    vm.interp.modules.set_str("__mp_main__", m.clone());
    vm.interp.modules.set_str("__main__", m);
    if !source.is_empty() {
        let code = match compile_source(path, source, false) {
            Ok(c) => c,
            Err(e) => {
                eprint!("{}", format_syntax_error(&e, path, source));
                return 1;
            }
        };
        let frame = crate::vm::frame::Frame::new(code, dict, Vec::new());
        if let Err(e) = vm.run_frame(frame) {
            return report_uncaught(vm, &e);
        }
    }
    let globals = DictObj::new();
    let r = vm
        .import_name(
            "multiprocessing",
            &Value::tuple(vec![Value::str("_worker_loop")]),
            &Value::Int(0),
            &globals,
        )
        .and_then(|mp| vm.get_attr_str(&mp, "_worker_loop"))
        .and_then(|f| vm.call0(&f, vec![]));
    let status = match r {
        Ok(Value::Int(i)) => i as i32,
        Ok(_) => 0,
        Err(e) => report_uncaught(vm, &e),
    };
    crate::modules::mp_conn::flush_all_released(vm);
    crate::builtins::io::flush_stdout();
    crate::modules::mp::send_final_stats(&vm.interp.gil);
    status
}

/// Prints an uncaught exception (or handles `SystemExit`); returns the exit status.
pub fn report_uncaught(vm: &mut Vm, e: &PyErr) -> i32 {
    if e.matches(&types().system_exit) {
        return exit_status(vm, e);
    }
    crate::builtins::io::flush_stdout();
    let text = vm.format_exception(&e.exc);
    eprint!("{text}");
    1
}

fn exit_status(vm: &mut Vm, e: &PyErr) -> i32 {
    let code = match &e.exc {
        Value::Instance(i) => match i.dict.get_str("args") {
            Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
            _ => Value::None,
        },
        _ => Value::None,
    };
    match code {
        Value::None => 0,
        Value::Int(i) => i as i32,
        Value::Bool(b) => b as i32,
        other => {
            crate::builtins::io::flush_stdout();
            let s = vm.to_str(&other).unwrap_or_default();
            eprintln!("{s}");
            1
        }
    }
}
