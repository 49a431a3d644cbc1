//! Small protocols the dispatch loop relies on: raising, matching exceptions, `with`,
//! `%`-formatting of strings.

use std::sync::Arc;

use crate::objects::{DictObj, Value};

use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};

impl Vm {
    /// `raise X`: an exception instance from a class or an instance.
    pub fn make_exception(&mut self, v: Value) -> PyResult<PyErr> {
        match &v {
            Value::Class(c) if c.is_subclass(&types().base_exception) => {
                let inst = self.call0(&v, vec![])?;
                Ok(PyErr::from_value(inst))
            }
            Value::Instance(i) if i.exc_state().is_some() => Ok(PyErr::from_value(v)),
            _ => Err(PyErr::type_error(
                "exceptions must derive from BaseException",
            )),
        }
    }

    /// `except T:` — does the exception match the class or tuple of classes?
    pub fn exception_matches(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        match typ {
            Value::Class(c) => {
                if !c.is_subclass(&types().base_exception) {
                    return Err(PyErr::type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(type_of(exc).is_subclass(c))
            }
            Value::Tuple(ts) => {
                for t in ts.iter() {
                    if self.exception_matches(exc, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `with ctx:` — returns the bound `__exit__` and the value of `__enter__()`.
    pub fn before_with(&mut self, ctx: &Value) -> PyResult<(Value, Value)> {
        let cls = type_of(ctx);
        let (Some(enter), Some(exit)) = (cls.lookup("__enter__"), cls.lookup("__exit__")) else {
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the context manager protocol",
                type_name(ctx)
            )));
        };
        let exit = self.bind_descriptor(exit, Some(ctx), &cls)?;
        let entered = self.call0(&enter, vec![ctx.clone()])?;
        Ok((exit, entered))
    }

    /// `async with ctx:` — the bound `__aexit__` and the awaitable of `__aenter__()`.
    pub fn before_async_with(&mut self, ctx: &Value) -> PyResult<(Value, Value)> {
        let cls = type_of(ctx);
        let (Some(enter), Some(exit)) = (cls.lookup("__aenter__"), cls.lookup("__aexit__")) else {
            return Err(PyErr::type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol",
                type_name(ctx)
            )));
        };
        let exit = self.bind_descriptor(exit, Some(ctx), &cls)?;
        let entered = self.call0(&enter, vec![ctx.clone()])?;
        Ok((exit, entered))
    }

    /// The globals of the innermost running gil frame.
    pub fn current_globals(&self) -> Option<Arc<DictObj>> {
        self.frames.last().map(|f| f.globals.clone())
    }

    /// `template % args`.
    pub fn percent_format(&mut self, template: &str, args: &Value) -> PyResult<Value> {
        use crate::format::percent::{self, PercentPiece, Width};
        let pieces = crate::format::parse_percent(template).map_err(PyErr::value_error)?;
        let mapping = match args {
            Value::Dict(_) => Some(args.clone()),
            Value::Instance(_)
                if type_of(args).lookup("__getitem__").is_some()
                    && !matches!(args, Value::Tuple(_)) =>
            {
                Some(args.clone())
            }
            _ => None,
        };
        let items: Vec<Value> = match args {
            Value::Tuple(t) => (**t).clone(),
            _ => vec![args.clone()],
        };
        let mut next = 0usize;
        let mut take = |vm: &mut Vm| -> PyResult<Value> {
            let _ = vm;
            let v = items
                .get(next)
                .cloned()
                .ok_or_else(|| PyErr::type_error(percent::NOT_ENOUGH_ARGUMENTS))?;
            next += 1;
            Ok(v)
        };
        let mut out = String::new();
        let mut used_mapping = false;
        for p in pieces {
            match p {
                PercentPiece::Literal(s) => out.push_str(&s),
                PercentPiece::Conv(mut c) => {
                    let w = match c.width {
                        Some(Width::Star) => {
                            let v = take(self)?;
                            Some(crate::builtins::args::int_arg(self, &v)?)
                        }
                        _ => None,
                    };
                    let pr = match c.precision {
                        Some(Width::Star) => {
                            let v = take(self)?;
                            Some(crate::builtins::args::int_arg(self, &v)?)
                        }
                        _ => None,
                    };
                    if w.is_some() || pr.is_some() {
                        c = c.with_stars(w, pr);
                    }
                    let v = match &c.mapping_key {
                        Some(k) => {
                            let Some(m) = &mapping else {
                                return Err(PyErr::type_error(percent::FORMAT_REQUIRES_MAPPING));
                            };
                            used_mapping = true;
                            self.get_item(m, &Value::str(k))?
                        }
                        None => {
                            if c.conv == '%' {
                                out.push('%');
                                continue;
                            }
                            take(self)?
                        }
                    };
                    let s = match c.conv {
                        's' => percent::percent_str(&self.to_str(&v)?, &c),
                        'r' => percent::percent_str(&self.repr(&v)?, &c),
                        'a' => percent::percent_str(&super::convert::ascii(&self.repr(&v)?), &c),
                        'c' => {
                            let ch = match &v {
                                Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                                Value::Int(_) | Value::BigInt(_) => {
                                    let b = crate::objects::int::to_big(&v).unwrap();
                                    percent::percent_char_from_int(&b)
                                        .map_err(PyErr::overflow)?
                                        .to_string()
                                }
                                _ => {
                                    return Err(PyErr::type_error(percent::C_REQUIRES_INT_OR_CHAR))
                                }
                            };
                            percent::percent_str(&ch, &c)
                        }
                        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                            let iv = match &v {
                                Value::Float(f) if matches!(c.conv, 'd' | 'i' | 'u') => {
                                    self.to_int(&Value::Float(*f))?
                                }
                                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => v.clone(),
                                Value::Instance(_) => self.to_int(&v)?,
                                _ => {
                                    return Err(PyErr::type_error(
                                        percent::int_conversion_type_error(c.conv, &type_name(&v)),
                                    ))
                                }
                            };
                            let b = crate::objects::int::to_big(&iv).unwrap();
                            percent::percent_int(&b, &c)
                        }
                        _ => {
                            let f = match &v {
                                Value::Float(_)
                                | Value::Int(_)
                                | Value::BigInt(_)
                                | Value::Bool(_)
                                | Value::Instance(_) => self.to_float(&v).map_err(|_| {
                                    PyErr::type_error(percent::float_conversion_type_error(
                                        &type_name(&v),
                                    ))
                                })?,
                                _ => {
                                    return Err(PyErr::type_error(
                                        percent::float_conversion_type_error(&type_name(&v)),
                                    ))
                                }
                            };
                            percent::percent_float(f, &c)
                        }
                    };
                    out.push_str(&s);
                }
            }
        }
        if next < items.len() && !used_mapping && mapping.is_none() {
            return Err(PyErr::type_error(percent::NOT_ALL_CONVERTED));
        }
        Ok(Value::string(out))
    }
}
