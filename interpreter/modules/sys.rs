//! `sys`: argv, exit, the recursion limit, the switch interval, standard streams.

use crate::builtins::args::{arity, int_arg};
use crate::builtins::builtin;
use crate::objects::function::KwArgs;
use crate::objects::{DictObj, Value};
use crate::vm::types::types;
use crate::vm::{PyErr, PyResult, Vm};

pub fn build(vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let argv: Vec<Value> = vm
        .interp
        .argv
        .lock()
        .iter()
        .map(|a| Value::str(a))
        .collect();
    d.set_str("argv", Value::list(argv));
    d.set_str("stdout", crate::builtins::io::std_stream(false));
    d.set_str("stderr", crate::builtins::io::std_stream(true));
    d.set_str("__stdout__", crate::builtins::io::std_stream(false));
    d.set_str("__stderr__", crate::builtins::io::std_stream(true));
    d.set_str("modules", Value::Dict(vm.interp.modules.clone()));
    d.set_str("maxsize", Value::Int(i64::MAX));
    d.set_str("platform", Value::str(std::env::consts::OS));
    d.set_str("byteorder", Value::str("little"));
    d.set_str(
        "version",
        Value::str(concat!("3.11.0 (gil ", env!("CARGO_PKG_VERSION"), ")")),
    );
    d.set_str(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    d.set_str("implementation_name", Value::str("gil"));
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    d.set_str("executable", Value::string(exe));
    d.set_str("path", Value::list(vec![]));
    let fns: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("exit", exit),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("getswitchinterval", getswitchinterval),
        ("setswitchinterval", setswitchinterval),
        ("getcheckinterval", getcheckinterval),
        ("setcheckinterval", setcheckinterval),
        ("intern", intern),
        ("set_asyncgen_hooks", crate::vm::asyncgen::set_hooks),
        ("get_asyncgen_hooks", crate::vm::asyncgen::get_hooks),
        ("_asyncgen_weakset", crate::vm::asyncgen::new_weakset),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    Ok(())
}

fn exit(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("exit", args, 0, 1)?;
    Err(PyErr::with_args(&types().system_exit, args.to_vec()))
}

fn getrecursionlimit(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.interp.recursion_limit() as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setrecursionlimit", args, 1, 1)?;
    let n = int_arg(vm, &args[0])?;
    if n < 1 {
        return Err(PyErr::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.interp.set_recursion_limit(n as usize);
    Ok(Value::None)
}

fn getswitchinterval(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Float(vm.interp.gil.switch_interval()))
}

fn setswitchinterval(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setswitchinterval", args, 1, 1)?;
    let s = vm.to_float(&args[0])?;
    vm.interp
        .gil
        .set_switch_interval(s)
        .map_err(|e| PyErr::value_error(e.0))?;
    Ok(Value::None)
}

fn getcheckinterval(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.interp.gil.check_interval() as i64))
}

fn setcheckinterval(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setcheckinterval", args, 1, 1)?;
    let n = int_arg(vm, &args[0])?;
    vm.interp.gil.set_check_interval(n.max(1) as u32);
    Ok(Value::None)
}

fn intern(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("intern", args, 1, 1)?;
    Ok(args[0].clone())
}
