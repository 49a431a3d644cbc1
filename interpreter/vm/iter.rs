//! The iteration protocol: `iter()`, `next()`, and collecting or unpacking any iterable.

use std::sync::Arc;

use crate::objects::iter::{DictIterKind, IterObj};
use crate::objects::Value;

use super::generator::Sent;
use super::ops::builtin_payload;
use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};

impl Vm {
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        use Value::*;
        let it = match v {
            Range(r) => IterObj::range(r.0, r.1, r.2),
            List(l) => IterObj::List {
                list: l.clone(),
                pos: Default::default(),
            },
            Tuple(t) => IterObj::Seq {
                items: t.clone(),
                pos: Default::default(),
            },
            Str(s) => IterObj::Str {
                s: s.clone(),
                pos: Default::default(),
            },
            Bytes(b) => IterObj::Bytes {
                b: b.clone(),
                pos: Default::default(),
            },
            Dict(d) => {
                let (version, len) = {
                    let t = d.lock();
                    (t.version, t.len())
                };
                IterObj::Dict {
                    dict: d.clone(),
                    kind: DictIterKind::Keys,
                    pos: Default::default(),
                    version,
                    len,
                }
            }
            Set(s) => IterObj::Set {
                set: s.clone(),
                pos: Default::default(),
                len: s.len(),
            },
            Generator(g) if g.is_asyncgen() => return Err(not_iterable(v)),
            Iter(_) | Generator(_) => return Ok(v.clone()),
            Instance(_) | Native(_) => {
                let cls = type_of(v);
                if let Some(f) = cls.lookup("__iter__") {
                    let r = self.call0(&f, vec![v.clone()])?;
                    if !self.is_iterator(&r) {
                        return Err(PyErr::type_error(format!(
                            "iter() returned non-iterator of type '{}'",
                            type_name(&r)
                        )));
                    }
                    return Ok(r);
                }
                if let Some(p) = builtin_payload(v) {
                    return self.get_iter(&p);
                }
                if cls.lookup("__getitem__").is_some() {
                    IterObj::GetItem {
                        obj: v.clone(),
                        pos: Default::default(),
                    }
                } else {
                    return Err(not_iterable(v));
                }
            }
            _ => return Err(not_iterable(v)),
        };
        Ok(Value::Iter(Arc::new(it)))
    }

    fn is_iterator(&self, v: &Value) -> bool {
        match v {
            Value::Generator(g) => !g.is_asyncgen(),
            Value::Iter(_) => true,
            _ => type_of(v).lookup("__next__").is_some(),
        }
    }

    /// The next item, or `None` when the iterator is exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(i) => self.next_builtin(i),
            Value::Generator(g) => match g.resume(self, Value::None)? {
                Sent::Yielded(v) => Ok(Some(v)),
                Sent::Returned(_) => Ok(None),
            },
            _ => {
                let Some(f) = type_of(it).lookup("__next__") else {
                    return Err(PyErr::type_error(format!(
                        "'{}' object is not an iterator",
                        type_name(it)
                    )));
                };
                match self.call0(&f, vec![it.clone()]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.matches(&types().stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    fn next_builtin(&mut self, i: &IterObj) -> PyResult<Option<Value>> {
        Ok(match i {
            IterObj::Range { next, stop, step } => {
                IterObj::range_next(next, *stop, *step).map(Value::Int)
            }
            IterObj::List { list, pos } => {
                let mut p = pos.lock();
                let g = list.lock();
                if *p < g.len() {
                    *p += 1;
                    Some(g[*p - 1].clone())
                } else {
                    *p = usize::MAX / 2;
                    None
                }
            }
            IterObj::Seq { items, pos } => {
                let mut p = pos.lock();
                if *p < items.len() {
                    *p += 1;
                    Some(items[*p - 1].clone())
                } else {
                    None
                }
            }
            IterObj::Str { s, pos } => {
                let mut p = pos.lock();
                match s.as_str()[*p..].chars().next() {
                    Some(c) => {
                        *p += c.len_utf8();
                        Some(Value::string(c.to_string()))
                    }
                    None => None,
                }
            }
            IterObj::Bytes { b, pos } => {
                let mut p = pos.lock();
                if *p < b.len() {
                    *p += 1;
                    Some(Value::Int(b[*p - 1] as i64))
                } else {
                    None
                }
            }
            IterObj::Dict {
                dict,
                kind,
                pos,
                version: _,
                len,
            } => {
                let t = dict.lock();
                if t.len() != *len {
                    return Err(PyErr::runtime_error(
                        "dictionary changed size during iteration",
                    ));
                }
                let mut p = pos.lock();
                match t.entry_from(*p) {
                    Some((np, k, v)) => {
                        *p = np;
                        Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => Value::tuple(vec![k, v]),
                        })
                    }
                    None => None,
                }
            }
            IterObj::Set { set, pos, len } => {
                let t = set.lock();
                if t.len() != *len {
                    return Err(PyErr::runtime_error("Set changed size during iteration"));
                }
                let mut p = pos.lock();
                match t.entry_from(*p) {
                    Some((np, k, _)) => {
                        *p = np;
                        Some(k)
                    }
                    None => None,
                }
            }
            IterObj::ReversedList { list, pos } => {
                let mut p = pos.lock();
                let g = list.lock();
                if *p > 0 && *p <= g.len() {
                    *p -= 1;
                    Some(g[*p].clone())
                } else {
                    *p = 0;
                    None
                }
            }
            IterObj::GetItem { obj, pos } => {
                let i = {
                    let mut p = pos.lock();
                    *p += 1;
                    *p - 1
                };
                match self.get_item(obj, &Value::Int(i)) {
                    Ok(v) => Some(v),
                    Err(e)
                        if e.matches(&types().index_error)
                            || e.matches(&types().stop_iteration) =>
                    {
                        None
                    }
                    Err(e) => return Err(e),
                }
            }
            IterObj::Callable {
                func,
                sentinel,
                done,
            } => {
                if *done.lock() {
                    return Ok(None);
                }
                let v = self.call0(func, vec![])?;
                if self.eq(&v, sentinel)? {
                    *done.lock() = true;
                    None
                } else {
                    Some(v)
                }
            }
            IterObj::Map { func, iters } => {
                let mut args = Vec::with_capacity(iters.len());
                for it in iters {
                    match self.next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Some(self.call0(func, args)?)
            }
            IterObj::Filter { func, iter } => loop {
                let Some(v) = self.next(iter)? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    self.truthy(&v)?
                } else {
                    let r = self.call0(func, vec![v.clone()])?;
                    self.truthy(&r)?
                };
                if keep {
                    break Some(v);
                }
            },
            IterObj::Zip { iters, strict } => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for (n, it) in iters.iter().enumerate() {
                    match self.next(it)? {
                        Some(v) => items.push(v),
                        None => {
                            if *strict {
                                if n > 0 {
                                    return Err(PyErr::value_error(format!(
                                        "zip() argument {} is shorter than argument{} 1{}",
                                        n + 1,
                                        if n > 1 { "s" } else { "" },
                                        if n > 1 {
                                            format!("-{n}")
                                        } else {
                                            String::new()
                                        }
                                    )));
                                }
                                for (m, rest) in iters.iter().enumerate().skip(1) {
                                    if self.next(rest)?.is_some() {
                                        return Err(PyErr::value_error(format!(
                                            "zip() argument {} is longer than argument{} 1{}",
                                            m + 1,
                                            if m > 1 { "s" } else { "" },
                                            if m > 1 {
                                                format!("-{m}")
                                            } else {
                                                String::new()
                                            }
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Some(Value::tuple(items))
            }
            IterObj::Enumerate { iter, count } => {
                let Some(v) = self.next(iter)? else {
                    return Ok(None);
                };
                let c = count.lock().clone();
                let nc = self.binary_op(&c, &Value::Int(1), crate::syntax::ast::BinOp::Add)?;
                *count.lock() = nc;
                Some(Value::tuple(vec![c, v]))
            }
        })
    }

    /// All items of an iterable, in order.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Tuple(t) => Ok((**t).clone()),
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    /// `a, b = value`: exactly `n` items.
    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => (**t).clone(),
            Value::List(l) => l.snapshot(),
            _ => {
                let it = self.get_iter(v).map_err(|_| {
                    PyErr::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        type_name(v)
                    ))
                })?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(PyErr::value_error(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                }
                out
            }
        };
        if items.len() > n {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {n})"
            )));
        }
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        Ok(items)
    }
}

fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", type_name(v)))
}
