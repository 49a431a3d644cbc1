//! `repr()`, `str()`, `format()` and `%`-formatting of values.

use std::sync::Arc;

use crate::objects::{ClassObj, Value};

use super::ops::builtin_payload;
use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};

pub use crate::format::str_repr;

/// The `<... at 0x7f...>` address of an object.
pub fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.ptr().unwrap_or(0))
}

fn class_path(c: &Arc<ClassObj>) -> String {
    match c.dict.get_str("__module__") {
        Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{}", m.as_str(), c.qualname),
        _ => c.qualname.clone(),
    }
}

/// How CPython names a callable in call errors: `__main__.f()`, `print()`.
pub fn function_str(v: &Value) -> String {
    match v {
        Value::Function(f) => match f.dict.get_str("__module__") {
            Some(Value::Str(m)) => format!("{}.{}()", m.as_str(), f.qualname()),
            _ => format!("{}()", f.qualname()),
        },
        Value::Builtin(b) => format!("{}()", b.name),
        Value::Class(c) => format!("{}()", c.qualname),
        other => format!("{} object", type_name(other)),
    }
}

impl Vm {
    /// `repr(v)`. A container is one level of native recursion (`Vm::nested`).
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        use Value::*;
        match v {
            // A `__repr__` in gil code is counted by its frame instead (as in CPython, whose
            // frame check comes first on such a chain).
            List(_) | Tuple(_) | Dict(_) | Set(_) | Slice(_) | BoundMethod(_) => self
                .nested(" while getting the repr of an object", |vm| {
                    vm.repr_value(v)
                }),
            _ => self.repr_value(v),
        }
    }

    fn repr_value(&mut self, v: &Value) -> PyResult<String> {
        use Value::*;
        Ok(match v {
            None | Null => "None".into(),
            Bool(b) => if *b { "True" } else { "False" }.into(),
            Int(i) => i.to_string(),
            BigInt(b) => b.to_string(),
            Float(x) => crate::format::float_repr(*x),
            Str(s) => str_repr(s.as_str()),
            Bytes(b) => crate::format::bytes_repr(b),
            List(l) => {
                let items = l.snapshot();
                self.guarded(v, "[...]", |vm| Ok(format!("[{}]", vm.join_reprs(&items)?)))?
            }
            Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(&t[0])?)
                } else {
                    let items = (**t).clone();
                    self.guarded(v, "(...)", |vm| Ok(format!("({})", vm.join_reprs(&items)?)))?
                }
            }
            Dict(d) => {
                let items = d.lock().items();
                self.guarded(v, "{...}", |vm| vm.dict_repr(&items))?
            }
            Set(s) => {
                let items = s.lock().keys();
                let name = if s.frozen { "frozenset" } else { "set" };
                if items.is_empty() {
                    format!("{name}()")
                } else if s.frozen {
                    format!("frozenset({{{}}})", self.join_reprs(&items)?)
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Range(r) => {
                if r.2 == 1 {
                    format!("range({}, {})", r.0, r.1)
                } else {
                    format!("range({}, {}, {})", r.0, r.1, r.2)
                }
            }
            Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s.0)?,
                self.repr(&s.1)?,
                self.repr(&s.2)?
            ),
            Ellipsis => "Ellipsis".into(),
            NotImplemented => "NotImplemented".into(),
            Function(f) => format!("<function {} at {}>", f.qualname(), addr(v)),
            Builtin(b) => match b.owner {
                Some(o) => format!("<method '{}' of '{}' objects>", b.name, o),
                Option::None => format!("<built-in function {}>", b.name),
            },
            BoundMethod(m) => {
                let name = match &m.func {
                    Function(f) => f.qualname(),
                    Builtin(b) => {
                        return Ok(format!(
                            "<built-in method {} of {} object at {}>",
                            b.name,
                            type_name(&m.receiver),
                            addr(&m.receiver)
                        ))
                    }
                    other => type_name(other),
                };
                format!("<bound method {} of {}>", name, self.repr(&m.receiver)?)
            }
            Class(c) => format!("<class '{}'>", class_path(c)),
            Module(m) => format!("<module '{}'>", m.name),
            Generator(g) => format!(
                "<{} object {} at {}>",
                if g.is_coroutine() {
                    "coroutine"
                } else if g.is_asyncgen() {
                    "async_generator"
                } else {
                    "generator"
                },
                g.qualname(),
                addr(v)
            ),
            Iter(i) => format!("<{} object at {}>", i.type_name(), addr(v)),
            Instance(_) | Native(_) => {
                let cls = type_of(v);
                if let Some(f) = cls.lookup("__repr__") {
                    let is_default = matches!(&f, Builtin(b) if b.owner == Some("object"));
                    if !is_default {
                        let r = self.call0(&f, vec![v.clone()])?;
                        return match r {
                            Str(s) => Ok(s.as_str().to_string()),
                            _ => Err(PyErr::type_error(format!(
                                "__repr__ returned non-string (type {})",
                                type_name(&r)
                            ))),
                        };
                    }
                }
                if let Some(p) = builtin_payload(v) {
                    return self.repr(&p);
                }
                if let Some(s) = crate::builtins::native_repr(self, v)? {
                    return Ok(s);
                }
                format!("<{} object at {}>", class_path(&cls), addr(v))
            }
        })
    }

    /// Runs `f` unless `v` is already being printed (a list that contains itself).
    fn guarded(
        &mut self,
        v: &Value,
        placeholder: &str,
        f: impl FnOnce(&mut Vm) -> PyResult<String>,
    ) -> PyResult<String> {
        let p = v.ptr().unwrap_or(0);
        if self.repr_guard.contains(&p) {
            return Ok(placeholder.to_string());
        }
        self.repr_guard.push(p);
        let r = f(self);
        self.repr_guard.pop();
        r
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut out = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr(x)?);
        }
        Ok(out)
    }

    pub fn dict_repr(&mut self, items: &[(Value, Value)]) -> PyResult<String> {
        let mut out = String::from("{");
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr(k)?);
            out.push_str(": ");
            out.push_str(&self.repr(v)?);
        }
        out.push('}');
        Ok(out)
    }

    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(_) => self.instance_str(v),
            _ => self.repr(v),
        }
    }

    fn instance_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Instance(inst) => {
                let cls = type_of(v);
                if let Some(f) = cls.lookup("__str__") {
                    let is_default = matches!(&f, Value::Builtin(b) if b.owner == Some("object"));
                    if !is_default {
                        let r = self.call0(&f, vec![v.clone()])?;
                        return match r {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            _ => Err(PyErr::type_error(format!(
                                "__str__ returned non-string (type {})",
                                type_name(&r)
                            ))),
                        };
                    }
                }
                if inst.exc_state().is_some() {
                    return self.exception_str(v);
                }
                if let Some(p @ Value::Str(_)) = builtin_payload(v) {
                    return self.to_str(&p);
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `str(exc)`: the message, as `BaseException.__str__` builds it.
    pub fn exception_str(&mut self, v: &Value) -> PyResult<String> {
        let Value::Instance(inst) = v else {
            return self.to_str(v);
        };
        if let Some(Value::Str(s)) = inst.dict.get_str("__str_override__") {
            return Ok(s.as_str().to_string());
        }
        let args = match inst.dict.get_str("args") {
            Some(Value::Tuple(t)) => (*t).clone(),
            _ => Vec::new(),
        };
        let cls = inst.class();
        if cls.is_subclass(&types().os_error) && (2..=5).contains(&args.len()) {
            if let (Some(errno), Some(Value::Str(msg))) =
                (inst.dict.get_str("errno"), inst.dict.get_str("strerror"))
            {
                let errno = self.to_str(&errno)?;
                return Ok(match inst.dict.get_str("filename") {
                    Some(f) if !f.is_none() => {
                        format!("[Errno {errno}] {}: {}", msg.as_str(), self.repr(&f)?)
                    }
                    _ => format!("[Errno {errno}] {}", msg.as_str()),
                });
            }
        }
        let is_key_error = cls.is_subclass(&types().key_error);
        Ok(match args.len() {
            0 => String::new(),
            1 if is_key_error => self.repr(&args[0])?,
            1 => self.to_str(&args[0])?,
            _ => self.repr(&Value::tuple(args))?,
        })
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let err = PyErr::value_error;
        match v {
            Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.into()),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                let b = crate::objects::int::to_big(v).unwrap();
                crate::format::format_int_spec(&b, spec).map_err(err)
            }
            Value::Float(x) => crate::format::format_float_spec(*x, spec).map_err(err),
            Value::Str(st) => crate::format::format_str_spec(st.as_str(), spec).map_err(err),
            Value::Instance(_) => {
                if let Some(f) = type_of(v).lookup("__format__") {
                    if !matches!(&f, Value::Builtin(b) if b.owner == Some("object")) {
                        let r = self.call0(&f, vec![v.clone(), Value::str(spec)])?;
                        return self.to_str(&r);
                    }
                }
                if let Some(p) = builtin_payload(v) {
                    return self.format(&p, spec);
                }
                self.format_generic(v, spec)
            }
            _ => self.format_generic(v, spec),
        }
    }

    fn format_generic(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            return self.to_str(v);
        }
        Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(v)
        )))
    }

    /// The f-string field: conversion (1 str, 2 repr, 3 ascii) then the format spec.
    pub fn format_value(&mut self, v: &Value, conv: u32, spec: Option<&Value>) -> PyResult<Value> {
        let converted = match conv {
            1 => Value::string(self.to_str(v)?),
            2 => Value::string(self.repr(v)?),
            3 => Value::string(ascii(&self.repr(v)?)),
            _ => v.clone(),
        };
        let spec = match spec {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        };
        if spec.is_empty() {
            if let Value::Str(_) = converted {
                return Ok(converted);
            }
            return Ok(Value::string(self.to_str(&converted)?));
        }
        Ok(Value::string(self.format(&converted, &spec)?))
    }

    /// The REPL's echo of an expression statement.
    pub fn print_expr(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let s = self.repr(&v)?;
        self.interp.builtins.set_str("_", v);
        crate::builtins::io::write_stdout(self, &format!("{s}\n"))?;
        Ok(())
    }
}

/// `ascii()`: escapes every non-ASCII character of a repr.
pub fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}
