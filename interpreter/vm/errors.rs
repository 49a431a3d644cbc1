//! `PyErr`: a raised gil exception travelling through Rust as the `Err` of a `PyResult`.

use std::sync::Arc;

use crate::objects::exception::new_exception;
use crate::objects::{ClassObj, Value};

use super::types::types;

#[derive(Clone)]
pub struct PyErr {
    /// The exception instance.
    pub exc: Value,
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({})", self.class().name)
    }
}

impl PyErr {
    pub fn from_value(exc: Value) -> PyErr {
        PyErr { exc }
    }

    pub fn new(class: &Arc<ClassObj>, msg: impl Into<String>) -> PyErr {
        PyErr {
            exc: new_exception(class, vec![Value::string(msg.into())]),
        }
    }

    pub fn with_args(class: &Arc<ClassObj>, args: Vec<Value>) -> PyErr {
        let exc = new_exception(class, Vec::new());
        crate::builtins::object::set_exc_args(&exc, &args);
        PyErr { exc }
    }

    pub fn class(&self) -> Arc<ClassObj> {
        match &self.exc {
            Value::Instance(i) => i.class(),
            _ => types().base_exception.clone(),
        }
    }

    pub fn matches(&self, class: &Arc<ClassObj>) -> bool {
        self.class().is_subclass(class)
    }

    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().type_error, msg)
    }
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().value_error, msg)
    }
    pub fn index_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().index_error, msg)
    }
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(&types().key_error, vec![key])
    }
    pub fn name_error(name: &str) -> PyErr {
        PyErr::new(&types().name_error, format!("name '{name}' is not defined"))
    }
    pub fn attribute_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().attribute_error, msg)
    }
    pub fn zero_division(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().zero_division_error, msg)
    }
    pub fn overflow(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().overflow_error, msg)
    }
    pub fn runtime_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().runtime_error, msg)
    }
    pub fn recursion_error() -> PyErr {
        PyErr::new(&types().recursion_error, "maximum recursion depth exceeded")
    }
    /// `what` is CPython's suffix, e.g. `" while getting the repr of an object"`.
    pub fn recursion_error_while(what: &str) -> PyErr {
        PyErr::new(
            &types().recursion_error,
            format!("maximum recursion depth exceeded{what}"),
        )
    }
    pub fn not_implemented(msg: impl Into<String>) -> PyErr {
        PyErr::new(&types().not_implemented_error, msg)
    }
    pub fn stop_iteration(value: Option<Value>) -> PyErr {
        match value {
            Some(v) => {
                let e = PyErr::with_args(&types().stop_iteration, vec![v.clone()]);
                if let Value::Instance(i) = &e.exc {
                    i.dict.set_str("value", v);
                }
                e
            }
            None => {
                let e = PyErr::with_args(&types().stop_iteration, vec![]);
                if let Value::Instance(i) = &e.exc {
                    i.dict.set_str("value", Value::None);
                }
                e
            }
        }
    }
    pub fn os_error(err: &std::io::Error, filename: Option<&str>) -> PyErr {
        let t = types();
        let class = match err.kind() {
            std::io::ErrorKind::NotFound => &t.file_not_found_error,
            std::io::ErrorKind::AlreadyExists => &t.file_exists_error,
            std::io::ErrorKind::PermissionDenied => &t.permission_error,
            std::io::ErrorKind::ConnectionRefused => &t.connection_refused_error,
            std::io::ErrorKind::ConnectionReset => &t.connection_reset_error,
            std::io::ErrorKind::BrokenPipe => &t.broken_pipe_error,
            std::io::ErrorKind::TimedOut => &t.timeout_error,
            std::io::ErrorKind::IsADirectory => &t.is_a_directory_error,
            _ => &t.os_error,
        };
        let errno = err.raw_os_error().unwrap_or(0);
        let mut text = err.to_string();
        if let Some(i) = text.find(" (os error") {
            text.truncate(i);
        }
        let msg = match filename {
            Some(f) => format!(
                "[Errno {errno}] {text}: {}",
                crate::vm::convert::str_repr(f)
            ),
            None => format!("[Errno {errno}] {text}"),
        };
        let e = PyErr::with_args(class, vec![Value::Int(errno as i64), Value::str(&text)]);
        if let Value::Instance(i) = &e.exc {
            i.dict.set_str("errno", Value::Int(errno as i64));
            i.dict.set_str("strerror", Value::str(&text));
            i.dict
                .set_str("filename", filename.map(Value::str).unwrap_or(Value::None));
            i.dict.set_str("__str_override__", Value::string(msg));
        }
        e
    }
}
