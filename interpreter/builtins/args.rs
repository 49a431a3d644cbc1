//! Argument checking helpers for natives, with CPython's wording.

use std::sync::Arc;

use crate::objects::function::KwArgs;
use crate::objects::{StrObj, Value};
use crate::vm::types::type_name;
use crate::vm::{PyErr, PyResult, Vm};

/// Checks the positional argument count.
pub fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max && min == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if min == max && min == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max {
        format!("{name} expected {min} arguments, got {n}")
    } else if n > max {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    };
    Err(PyErr::type_error(msg))
}

/// Fails if any keyword argument is left over.
pub fn no_kwargs(name: &str, kw: &KwArgs) -> PyResult<()> {
    match kw.0.first() {
        None => Ok(()),
        Some((k, _)) => Err(PyErr::type_error(format!(
            "{name}() got an unexpected keyword argument '{}'",
            k.as_str()
        ))),
    }
}

pub fn str_arg(v: &Value, fname: &str) -> PyResult<Arc<StrObj>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => match crate::vm::ops::builtin_payload(v) {
            Some(Value::Str(s)) => Ok(s),
            _ => Err(PyErr::type_error(format!(
                "{fname} argument must be str, not {}",
                type_name(v)
            ))),
        },
    }
}

/// An integer argument (`__index__` semantics) that fits in an i64.
pub fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(PyErr::overflow(
            "Python int too large to convert to C ssize_t",
        )),
        Value::Instance(_) => vm.index_int(v),
        _ => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

/// The i-th argument or `None`.
pub fn opt(args: &[Value], i: usize) -> Option<&Value> {
    args.get(i).filter(|v| !matches!(v, Value::None))
}
