//! Methods of `list`, `tuple`, `dict`, `set` and `frozenset` (and the dict views).
//!
//! The methods themselves live in `list_methods`, `dict_methods` and `set_methods`; this file
//! holds the helpers they share and registers everything.

use crate::objects::function::KwArgs;
use crate::objects::Value;
use crate::vm::ops::builtin_payload;
use crate::vm::types::{type_name, Types};
use crate::vm::{PyErr, PyResult};

pub fn register(t: &Types) {
    super::list_methods::register(t);
    super::dict_methods::register(t);
    super::set_methods::register(t);
}

/// The built-in value behind `v` (itself, or the payload of a subclass instance).
pub(crate) fn payload(v: &Value) -> Value {
    match v {
        Value::Instance(_) => builtin_payload(v).unwrap_or_else(|| v.clone()),
        _ => v.clone(),
    }
}

/// `self` of a method called as `owner.name(...)`.
pub(crate) fn self_arg<'a>(args: &'a [Value], owner: &str, name: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        PyErr::type_error(format!("unbound method {owner}.{name}() needs an argument"))
    })
}

/// `descriptor 'append' for 'list' objects doesn't apply to a 'int' object`
pub(crate) fn descr_error(owner: &str, name: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
        type_name(v)
    ))
}

/// `list.append() takes no keyword arguments`
pub(crate) fn no_kw(name: &str, kw: &KwArgs) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "{name}() takes no keyword arguments"
        )))
    }
}

/// Positional arguments after `self`, with no keywords allowed.
pub(crate) fn rest<'a>(args: &'a [Value], name: &str, kw: &KwArgs) -> PyResult<&'a [Value]> {
    no_kw(name, kw)?;
    Ok(&args[1.min(args.len())..])
}
