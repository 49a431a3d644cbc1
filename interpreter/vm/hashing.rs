//! Hashing, and dict/set operations that may need gil code (`__hash__`, `__eq__`).
//!
//! The tables compare keys natively (`keys_equal`). A key whose equality is user-defined is
//! first resolved here: among the stored keys with the same hash, the one `==` to it (by gil
//! code, with no table lock held) is used instead, so the table only ever sees identity.

use std::sync::Arc;

use crate::objects::class::{HashHook, KeyHooks};
use crate::objects::dict::DictTable;
use crate::objects::int::{hash_big, hash_float, hash_int};
use crate::objects::value::TupleItems;
use crate::objects::{DictObj, SetObj, Value};
use crate::syntax::ast::BinOp;

use super::ops::builtin_payload;
use super::types::{type_name, type_of};
use super::{PyErr, PyResult, Vm};

const TUPLE_SEED: u64 = 0x345678;

/// Mixes one item's hash into a tuple's hash.
#[inline]
fn tuple_step(acc: u64, h: u64) -> u64 {
    (acc ^ h).wrapping_mul(1_000_003).rotate_left(13)
}

impl Vm {
    /// Python's `hash()`, as the table hash.
    pub fn hash(&mut self, v: &Value) -> PyResult<u64> {
        use Value::*;
        Ok(match v {
            Str(s) => s.hash(),
            Int(i) => hash_int(*i) as u64,
            Bool(b) => *b as u64,
            None => 0xfca8_6420,
            Float(x) => hash_float(*x) as u64,
            BigInt(b) => hash_big(b) as u64,
            Bytes(b) => crate::objects::str::hash_str(&String::from_utf8_lossy(b)) ^ 0x5bd1,
            Tuple(t) => {
                if t.iter().any(|x| matches!(x, Tuple(_))) {
                    return self.hash_nested_tuple(t);
                }
                let mut acc: u64 = TUPLE_SEED;
                for x in t.iter() {
                    acc = tuple_step(acc, self.hash(x)?);
                }
                acc ^ t.len() as u64
            }
            Set(s) if s.frozen => {
                let mut acc: u64 = 0x1f2e3d;
                for (h, _, _) in s.lock().hashed_items() {
                    acc ^= h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                }
                acc
            }
            Range(r) => (r.0 as u64) ^ ((r.1 as u64) << 16) ^ ((r.2 as u64) << 32),
            List(_) | Dict(_) | Set(_) | Slice(_) => {
                return Err(PyErr::type_error(format!(
                    "unhashable type: '{}'",
                    type_name(v)
                )))
            }
            Instance(i) => {
                let hook = class_hooks(i).hash;
                match hook {
                    HashHook::Unhashable => {
                        return Err(PyErr::type_error(format!(
                            "unhashable type: '{}'",
                            type_of(v).name
                        )))
                    }
                    HashHook::Custom => {
                        let f = type_of(v).lookup("__hash__").unwrap_or(Value::None);
                        let r = self.call0(&f, vec![v.clone()])?;
                        match r {
                            Int(i) => hash_int(i) as u64,
                            BigInt(b) => hash_big(&b) as u64,
                            Bool(b) => b as u64,
                            _ => {
                                return Err(PyErr::type_error(
                                    "__hash__ method should return an integer",
                                ))
                            }
                        }
                    }
                    HashHook::Default => match builtin_payload(v) {
                        Some(p @ (Value::Tuple(_) | Value::Str(_) | Value::Int(_))) => {
                            self.hash(&p)?
                        }
                        _ => identity_hash(v),
                    },
                }
            }
            _ => identity_hash(v),
        })
    }

    /// `hash` of a tuple holding tuples, with an explicit stack instead of native recursion
    /// (CPython hashes a 100,000-deep tuple without complaint; so must a thread's 8 MB stack).
    fn hash_nested_tuple(&mut self, t: &Arc<TupleItems>) -> PyResult<u64> {
        // (tuple, next item, accumulator) per tuple being hashed, outermost first.
        let mut stack: Vec<(Arc<TupleItems>, usize, u64)> = vec![(t.clone(), 0, TUPLE_SEED)];
        loop {
            let (tup, i, _) = stack.last().unwrap();
            if *i == tup.len() {
                let (tup, _, acc) = stack.pop().unwrap();
                let h = acc ^ tup.len() as u64;
                match stack.last_mut() {
                    None => return Ok(h),
                    Some(parent) => {
                        parent.2 = tuple_step(parent.2, h);
                        parent.1 += 1;
                    }
                }
                continue;
            }
            let x = tup[*i].clone();
            if let Value::Tuple(inner) = x {
                stack.push((inner, 0, TUPLE_SEED));
                continue;
            }
            let h = self.hash(&x)?;
            let top = stack.last_mut().unwrap();
            top.2 = tuple_step(top.2, h);
            top.1 += 1;
        }
    }

    /// For a key whose equality is user-defined: the stored key equal to it among
    /// `candidates` (the keys with the same hash, read without holding the table lock while
    /// gil code runs), else the key itself.
    fn resolve_key<F>(&mut self, key: &Value, candidates: F) -> PyResult<Value>
    where
        F: FnOnce() -> Vec<Value>,
    {
        if !needs_vm_eq(key) {
            return Ok(key.clone());
        }
        for c in candidates() {
            if c.is(key) || self.eq(&c, key)? {
                return Ok(c);
            }
        }
        Ok(key.clone())
    }

    pub fn dict_get(&mut self, d: &DictObj, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let k = self.resolve_key(key, || d.lock().keys_with_hash(h))?;
        Ok(d.lock().get(h, &k))
    }

    pub fn dict_set(&mut self, d: &DictObj, key: Value, v: Value) -> PyResult<()> {
        let h = self.hash(&key)?;
        let k = self.resolve_key(&key, || d.lock().keys_with_hash(h))?;
        d.lock().insert(h, k, v);
        Ok(())
    }

    pub fn dict_del(&mut self, d: &DictObj, key: &Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let k = self.resolve_key(key, || d.lock().keys_with_hash(h))?;
        Ok(d.lock().remove(h, &k).map(|(_, v)| v))
    }

    pub fn set_add(&mut self, s: &SetObj, v: Value) -> PyResult<()> {
        let h = self.hash(&v)?;
        let k = self.resolve_key(&v, || s.lock().keys_with_hash(h))?;
        let mut t = s.lock();
        if !t.contains(h, &k) {
            t.insert(h, k, Value::None);
        }
        Ok(())
    }

    pub fn set_contains(&mut self, s: &SetObj, v: &Value) -> PyResult<bool> {
        let h = match self.hash(v) {
            Ok(h) => h,
            Err(e) => {
                // `{1} in {frozenset(...)}`: a set is looked up as the equal frozenset.
                if let Value::Set(inner) = v {
                    let f = Value::Set(Arc::new(SetObj::from_table(inner.lock().clone(), true)));
                    return self.set_contains(s, &f);
                }
                return Err(e);
            }
        };
        let k = self.resolve_key(v, || s.lock().keys_with_hash(h))?;
        Ok(s.lock().contains(h, &k))
    }

    pub fn set_remove(&mut self, s: &SetObj, v: &Value) -> PyResult<bool> {
        let h = self.hash(v)?;
        let k = self.resolve_key(v, || s.lock().keys_with_hash(h))?;
        Ok(s.lock().remove(h, &k).is_some())
    }

    pub fn new_set(&mut self, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
        let s = SetObj::new(frozen);
        for it in items {
            self.set_add(&s, it)?;
        }
        Ok(Value::Set(Arc::new(s)))
    }

    pub fn set_is_subset(&mut self, a: &SetObj, b: &SetObj) -> PyResult<bool> {
        let items = a.lock().keys();
        for x in items {
            if !self.set_contains(b, &x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub fn set_binop(&mut self, a: &SetObj, b: &SetObj, op: BinOp) -> PyResult<Value> {
        let out = SetObj::new(a.frozen);
        let (xa, xb) = (a.lock().keys(), b.lock().keys());
        match op {
            BinOp::BitOr => {
                for x in xa.into_iter().chain(xb) {
                    self.set_add(&out, x)?;
                }
            }
            BinOp::BitAnd => {
                // CPython walks the smaller set, which decides the result's order.
                let (small, big) = if xb.len() > xa.len() {
                    (xa, b)
                } else {
                    (xb, a)
                };
                for x in small {
                    if self.set_contains(big, &x)? {
                        self.set_add(&out, x)?;
                    }
                }
            }
            BinOp::Sub => {
                for x in xa {
                    if !self.set_contains(b, &x)? {
                        self.set_add(&out, x)?;
                    }
                }
            }
            _ => {
                for x in xa {
                    if !self.set_contains(b, &x)? {
                        self.set_add(&out, x)?;
                    }
                }
                for x in xb {
                    if !self.set_contains(a, &x)? {
                        self.set_add(&out, x)?;
                    }
                }
            }
        }
        Ok(Value::Set(Arc::new(out)))
    }

    /// `d.update(other)`, `{**other}` and `f(**other)` (`strict`: duplicates are an error).
    pub fn dict_update_from(&mut self, d: &DictObj, other: &Value, strict: bool) -> PyResult<()> {
        let pairs: Vec<(Value, Value)> = match other {
            Value::Dict(o) => o.lock().items(),
            _ => match builtin_payload(other) {
                Some(Value::Dict(o))
                    if type_of(other).lookup("keys").is_none()
                        || type_of(other).dict.get_str("keys").is_none() =>
                {
                    o.lock().items()
                }
                _ => {
                    if let Ok(keys) = self.get_attr_str(other, "keys") {
                        let keys = self.call0(&keys, vec![])?;
                        let mut out = Vec::new();
                        for k in self.collect(&keys)? {
                            let v = self.get_item(other, &k)?;
                            out.push((k, v));
                        }
                        out
                    } else {
                        let mut out = Vec::new();
                        for (i, item) in self.collect(other)?.into_iter().enumerate() {
                            let kv = self.collect(&item).map_err(|_| {
                                PyErr::type_error(format!(
                                    "cannot convert dictionary update sequence element #{i} to a sequence"
                                ))
                            })?;
                            if kv.len() != 2 {
                                return Err(PyErr::value_error(format!(
                                    "dictionary update sequence element #{i} has length {}; 2 is required",
                                    kv.len()
                                )));
                            }
                            let mut it = kv.into_iter();
                            out.push((it.next().unwrap(), it.next().unwrap()));
                        }
                        out
                    }
                }
            },
        };
        for (k, v) in pairs {
            if strict && self.dict_get(d, &k)?.is_some() {
                return Err(PyErr::type_error(format!(
                    "got multiple values for keyword argument '{}'",
                    k.as_str().unwrap_or("?")
                )));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// A copy of a dict table (for `dict(d)`, `d.copy()`).
    pub fn dict_copy(&self, d: &DictObj) -> DictTable {
        d.lock().clone()
    }
}

pub fn identity_hash(v: &Value) -> u64 {
    let p = v.ptr().unwrap_or(0) as u64;
    p.rotate_right(4)
}

/// Does comparing this key need gil code?
fn needs_vm_eq(v: &Value) -> bool {
    match v {
        Value::Instance(i) => user_eq(i),
        Value::Tuple(t) => {
            // An explicit stack: a key 100,000 tuples deep must not overflow a thread's
            // native stack.
            let mut pending: Vec<&Value> = t.iter().collect();
            while let Some(v) = pending.pop() {
                match v {
                    Value::Instance(i) if user_eq(i) => return true,
                    Value::Tuple(t) => pending.extend(t.iter()),
                    _ => {}
                }
            }
            false
        }
        _ => false,
    }
}

/// The instance's class defines `__eq__` in gil code.
fn user_eq(i: &crate::objects::InstanceObj) -> bool {
    class_hooks(i).user_eq
}

/// The key hooks of an instance's class, read under its class lock (no `Arc` clone).
fn class_hooks(i: &crate::objects::InstanceObj) -> KeyHooks {
    i.class.lock().key_hooks()
}
