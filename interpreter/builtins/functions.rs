//! Built-in functions: `len`, `min`, `sorted`, `isinstance`, `getattr`, ...

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::objects::function::KwArgs;
use crate::objects::iter::IterObj;
use crate::objects::{DictObj, ListObj, Value};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::vm::ops::builtin_payload;
use crate::vm::types::{type_name, type_of, types};
use crate::vm::{PyErr, PyResult, Vm};

use super::args::{arity, no_kwargs, opt};
use super::builtin;

pub fn fill(b: &DictObj) {
    let fns: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("map", map),
        ("filter", filter),
        ("any", any),
        ("all", all),
        ("round", round),
        ("divmod", divmod),
        ("pow", pow),
        ("ord", ord),
        ("chr", chr),
        ("hex", hex),
        ("bin", bin),
        ("oct", oct),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("hash", hash),
        ("iter", iter),
        ("next", next),
        ("aiter", crate::vm::asyncgen::builtin_aiter),
        ("anext", crate::vm::asyncgen::builtin_anext),
        ("callable", callable),
        ("vars", vars),
        ("dir", dir),
        ("format", format),
        ("exit", exit),
        ("quit", exit),
        ("__import__", import),
        ("globals", globals),
        ("locals", globals),
    ];
    for (name, f) in fns {
        b.set_str(name, builtin(name, *f));
    }
}

fn len(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("len", &kw)?;
    arity("len", args, 1, 1)?;
    Ok(Value::Int(vm.len(&args[0])? as i64))
}

impl Vm {
    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::Bytes(b) => b.len(),
            Value::List(l) => l.len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) => s.len(),
            Value::Range(r) => crate::vm::ops::range_len(r.0, r.1, r.2) as usize,
            Value::Instance(_) | Value::Native(_) => {
                if let Some(f) = type_of(v).lookup("__len__") {
                    let r = self.call0(&f, vec![v.clone()])?;
                    return match r {
                        Value::Int(i) if i >= 0 => Ok(i as usize),
                        Value::Int(_) => Err(PyErr::value_error("__len__() should return >= 0")),
                        Value::Bool(b) => Ok(b as usize),
                        _ => Err(PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(&r)
                        ))),
                    };
                }
                if let Some(p) = builtin_payload(v) {
                    return self.len(&p);
                }
                return Err(PyErr::type_error(format!(
                    "object of type '{}' has no len()",
                    type_name(v)
                )));
            }
            _ => {
                return Err(PyErr::type_error(format!(
                    "object of type '{}' has no len()",
                    type_name(v)
                )))
            }
        })
    }

    /// `a < b` as a bool (sorting, `min`, `max`).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.compare(a, b, CmpOp::Lt)?;
        self.truthy(&r)
    }

    /// Stable merge sort with a fallible `<` (Rust's sort may panic on inconsistent orders).
    pub fn sort_values(
        &mut self,
        items: &mut Vec<Value>,
        key: Option<&Value>,
        reverse: bool,
    ) -> PyResult<()> {
        let keys: Vec<Value> = match key {
            Some(k) if !k.is_none() => {
                let mut ks = Vec::with_capacity(items.len());
                for it in items.iter() {
                    ks.push(self.call0(k, vec![it.clone()])?);
                }
                ks
            }
            _ => items.clone(),
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        if reverse {
            // Reverse, stable sort, reverse: equal elements keep their order, as in Python.
            idx.reverse();
        }
        let mut buf = idx.clone();
        self.merge_sort(&mut idx, &mut buf, &keys, reverse)?;
        if reverse {
            idx.reverse();
        }
        let old = std::mem::take(items);
        let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
        *items = idx
            .into_iter()
            .map(|i| slots[i].take().unwrap_or(Value::None))
            .collect();
        Ok(())
    }

    fn merge_sort(
        &mut self,
        v: &mut [usize],
        buf: &mut [usize],
        keys: &[Value],
        _rev: bool,
    ) -> PyResult<()> {
        let n = v.len();
        if n <= 1 {
            return Ok(());
        }
        if n <= 8 {
            // Insertion sort for short runs.
            for i in 1..n {
                let mut j = i;
                while j > 0 && self.lt(&keys[v[j]], &keys[v[j - 1]])? {
                    v.swap(j, j - 1);
                    j -= 1;
                }
            }
            return Ok(());
        }
        let mid = n / 2;
        {
            let (l, r) = v.split_at_mut(mid);
            let (bl, br) = buf.split_at_mut(mid);
            self.merge_sort(l, bl, keys, _rev)?;
            self.merge_sort(r, br, keys, _rev)?;
        }
        if !self.lt(&keys[v[mid]], &keys[v[mid - 1]])? {
            return Ok(());
        }
        buf[..n].copy_from_slice(v);
        let (mut i, mut j, mut k) = (0, mid, 0);
        while i < mid && j < n {
            if self.lt(&keys[buf[j]], &keys[buf[i]])? {
                v[k] = buf[j];
                j += 1;
            } else {
                v[k] = buf[i];
                i += 1;
            }
            k += 1;
        }
        while i < mid {
            v[k] = buf[i];
            i += 1;
            k += 1;
        }
        while j < n {
            v[k] = buf[j];
            j += 1;
            k += 1;
        }
        Ok(())
    }

    /// `isinstance(v, cls)` for a class or a tuple of classes.
    pub fn isinstance(&mut self, v: &Value, cls: &Value) -> PyResult<bool> {
        match cls {
            Value::Class(c) => {
                let t = type_of(v);
                if t.is_subclass(c) {
                    return Ok(true);
                }
                // bool is an int; True/False instances of int.
                Ok(false)
            }
            Value::Tuple(items) => {
                for c in items.iter() {
                    if self.isinstance(v, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    }
}

fn repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("repr", args, 1, 1)?;
    Ok(Value::string(vm.repr(&args[0])?))
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("ascii", args, 1, 1)?;
    let r = vm.repr(&args[0])?;
    Ok(Value::string(crate::vm::convert::ascii(&r)))
}

fn abs(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("abs", args, 1, 1)?;
    Ok(match &args[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(x) => Value::Float(x.abs()),
        v => {
            if let Some(f) = type_of(v).lookup("__abs__") {
                return vm.call0(&f, vec![v.clone()]);
            }
            return Err(PyErr::type_error(format!(
                "bad operand type for abs(): '{}'",
                type_name(v)
            )));
        }
    })
}

fn min_max(
    vm: &mut Vm,
    args: &[Value],
    mut kw: KwArgs,
    name: &str,
    want_less: bool,
) -> PyResult<Value> {
    let key = kw.take("key").filter(|k| !k.is_none());
    let default = kw.take("default");
    no_kwargs(name, &kw)?;
    let items = match args.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => vm.collect(&args[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for it in items {
        let k = match &key {
            Some(f) => vm.call0(f, vec![it.clone()])?,
            None => it.clone(),
        };
        best = Some(match best {
            None => (it, k),
            Some((bv, bk)) => {
                let better = if want_less {
                    vm.lt(&k, &bk)?
                } else {
                    vm.lt(&bk, &k)?
                };
                if better {
                    (it, k)
                } else {
                    (bv, bk)
                }
            }
        });
    }
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(PyErr::value_error(format!(
                "{name}() arg is an empty sequence"
            ))),
        },
    }
}

fn min(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    min_max(vm, args, kw, "min", true)
}

fn max(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    min_max(vm, args, kw, "max", false)
}

fn sum(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let start = kw.take("start");
    arity("sum", args, 1, 2)?;
    let mut acc = args.get(1).cloned().or(start).unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(PyErr::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    // Lists and tuples are summed from a snapshot, without the iterator protocol.
    let items = match &args[0] {
        Value::List(l) => Some(l.snapshot()),
        Value::Tuple(t) => Some((**t).clone()),
        _ => None,
    };
    let it = match items {
        Some(v) => seq_iter(v),
        None => vm.get_iter(&args[0])?,
    };
    if let Value::Iter(i) = &it {
        if let IterObj::Seq { items, .. } = &**i {
            for x in items.iter() {
                acc = match (&acc, x) {
                    (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                        Some(s) => Value::Int(s),
                        None => vm.binary_op(&acc, x, BinOp::Add)?,
                    },
                    (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
                    _ => vm.binary_op(&acc, x, BinOp::Add)?,
                };
            }
            return Ok(acc);
        }
    }
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(s) => Value::Int(s),
                None => vm.binary_op(&acc, &x, BinOp::Add)?,
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(&acc, &x, BinOp::Add)?,
        };
    }
    Ok(acc)
}

fn sorted(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let key = kw.take("key");
    let reverse = match kw.take("reverse") {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    no_kwargs("sort", &kw)?;
    arity("sorted", args, 1, 1)?;
    let mut items = vm.collect(&args[0])?;
    vm.sort_values(&mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn reversed(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("reversed", args, 1, 1)?;
    let v = &args[0];
    Ok(match v {
        Value::List(l) => Value::Iter(Arc::new(IterObj::ReversedList {
            list: l.clone(),
            pos: parking_lot::Mutex::new(l.len()),
        })),
        Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_) => {
            let mut items = vm.collect(v)?;
            items.reverse();
            seq_iter(items)
        }
        Value::Dict(d) => {
            let mut items = d.lock().keys();
            items.reverse();
            seq_iter(items)
        }
        _ => {
            if let Some(f) = type_of(v).lookup("__reversed__") {
                return vm.call0(&f, vec![v.clone()]);
            }
            if type_of(v).lookup("__getitem__").is_some() && type_of(v).lookup("__len__").is_some()
            {
                let n = vm.len(v)?;
                let mut items = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    items.push(vm.get_item(v, &Value::Int(i as i64))?);
                }
                return Ok(seq_iter(items));
            }
            if let Some(p) = builtin_payload(v) {
                return reversed(vm, &[p], KwArgs::default());
            }
            return Err(PyErr::type_error(format!(
                "'{}' object is not reversible",
                type_name(v)
            )));
        }
    })
}

/// An iterator over a fixed list of values.
pub fn seq_iter(items: Vec<Value>) -> Value {
    Value::Iter(Arc::new(IterObj::Seq {
        items: Arc::new(crate::objects::value::TupleItems::new(items)),
        pos: Default::default(),
    }))
}

fn enumerate(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let start = kw.take("start");
    arity("enumerate", args, 1, 2)?;
    let it = vm.get_iter(&args[0])?;
    let count = args.get(1).cloned().or(start).unwrap_or(Value::Int(0));
    Ok(Value::Iter(Arc::new(IterObj::Enumerate {
        iter: it,
        count: parking_lot::Mutex::new(count),
    })))
}

fn zip(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let strict = match kw.take("strict") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    no_kwargs("zip", &kw)?;
    let mut iters = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        iters.push(vm.get_iter(a).map_err(|_| {
            PyErr::type_error(format!("'{}' object is not iterable", type_name(a))).with_note(i)
        })?);
    }
    Ok(Value::Iter(Arc::new(IterObj::Zip { iters, strict })))
}

trait Note {
    fn with_note(self, i: usize) -> Self;
}
impl Note for PyErr {
    fn with_note(self, _i: usize) -> Self {
        self
    }
}

fn map(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::new();
    for a in &args[1..] {
        iters.push(vm.get_iter(a)?);
    }
    Ok(Value::Iter(Arc::new(IterObj::Map {
        func: args[0].clone(),
        iters,
    })))
}

fn filter(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("filter", args, 2, 2)?;
    let it = vm.get_iter(&args[1])?;
    Ok(Value::Iter(Arc::new(IterObj::Filter {
        func: args[0].clone(),
        iter: it,
    })))
}

fn any(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("any", args, 1, 1)?;
    let it = vm.get_iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("all", args, 1, 1)?;
    let it = vm.get_iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn round(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let nd_kw = kw.take("ndigits");
    arity("round", args, 1, 2)?;
    let nd = opt(args, 1).cloned().or(nd_kw.filter(|v| !v.is_none()));
    let v = &args[0];
    match v {
        Value::Float(x) => match nd {
            None => {
                if x.is_nan() {
                    return Err(PyErr::value_error("cannot convert float NaN to integer"));
                }
                if x.is_infinite() {
                    return Err(PyErr::overflow("cannot convert float infinity to integer"));
                }
                let r = x.round_ties_even();
                Ok(Value::from_bigint(crate::objects::int::big_from_f64(r)))
            }
            Some(n) => {
                let n = super::args::int_arg(vm, &n)?;
                Ok(Value::Float(
                    crate::format::round_float(*x, Some(n)).map_err(PyErr::overflow)?,
                ))
            }
        },
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => match nd {
            None => Ok(crate::vm::ops::int_value(v)),
            Some(n) => {
                let n = super::args::int_arg(vm, &n)?;
                if n >= 0 {
                    return Ok(crate::vm::ops::int_value(v));
                }
                let b = crate::objects::int::to_big(v).unwrap();
                Ok(Value::from_bigint(crate::format::round_int(&b, n)))
            }
        },
        _ => {
            if let Some(f) = type_of(v).lookup("__round__") {
                let mut a = vec![v.clone()];
                a.extend(nd);
                return vm.call0(&f, a);
            }
            Err(PyErr::type_error(format!(
                "type {} doesn't define __round__ method",
                type_name(v)
            )))
        }
    }
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("divmod", args, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (a, b) {
        if let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) {
            if y == 0.0 {
                return Err(PyErr::zero_division("float divmod()"));
            }
            let (q, r) = crate::vm::ops::float_divmod(x, y);
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    let q = vm.binary_op(a, b, BinOp::FloorDiv)?;
    let r = vm.binary_op(a, b, BinOp::Mod)?;
    Ok(Value::tuple(vec![q, r]))
}

fn to_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(*x),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => b.to_f64(),
        _ => None,
    }
}

fn pow(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("pow", args, 2, 3)?;
    if let Some(m) = opt(args, 2) {
        let (Some(b), Some(e), Some(m)) = (
            crate::objects::int::to_big(&args[0]),
            crate::objects::int::to_big(&args[1]),
            crate::objects::int::to_big(m),
        ) else {
            return Err(PyErr::type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        };
        if m.is_zero() {
            return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
        }
        let r = if e.is_negative() {
            let inv = mod_inverse(&b, &m).ok_or_else(|| {
                PyErr::value_error("base is not invertible for the given modulus")
            })?;
            inv.modpow(&(-e), &m.abs())
        } else {
            b.modpow(&e, &m.abs())
        };
        let r = crate::objects::int::mod_big(&r, &m);
        return Ok(Value::from_bigint(r));
    }
    vm.binary_op(&args[0], &args[1], BinOp::Pow)
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let e = a.extended_gcd(m);
    if e.gcd != BigInt::from(1) && e.gcd != BigInt::from(-1) {
        return None;
    }
    Some(crate::objects::int::mod_big(&e.x, m))
}

fn ord(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("ord", args, 1, 1)?;
    match &args[0] {
        Value::Str(s) => {
            if s.char_len() != 1 {
                return Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                )));
            }
            Ok(Value::Int(s.as_str().chars().next().unwrap() as i64))
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        v => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            type_name(v)
        ))),
    }
}

fn chr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("chr", args, 1, 1)?;
    let i = super::args::int_arg(vm, &args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
    }
}

fn radix(vm: &mut Vm, args: &[Value], name: &str, prefix: &str, base: u32) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    let v = &args[0];
    let b = match crate::objects::int::to_big(v) {
        Some(b) => b,
        None => {
            if let Some(f) = type_of(v).lookup("__index__") {
                let r = vm.call0(&f, vec![v.clone()])?;
                return radix(vm, &[r], name, prefix, base);
            }
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            )));
        }
    };
    let digits = b.abs().to_str_radix(base);
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{digits}")))
}

fn hex(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    radix(vm, args, "hex", "0x", 16)
}
fn bin(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    radix(vm, args, "bin", "0b", 2)
}
fn oct(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    radix(vm, args, "oct", "0o", 8)
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("isinstance", args, 2, 2)?;
    Ok(Value::Bool(vm.isinstance(&args[0], &args[1])?))
}

fn issubclass(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("issubclass", args, 2, 2)?;
    let Value::Class(c) = &args[0] else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    fn check(c: &Arc<crate::objects::ClassObj>, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(t) => Ok(c.is_subclass(t)),
            Value::Tuple(ts) => {
                for x in ts.iter() {
                    if check(c, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::type_error(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            )),
        }
    }
    let _ = vm;
    Ok(Value::Bool(check(c, &args[1])?))
}

fn attr_name(v: &Value) -> PyResult<Arc<crate::objects::StrObj>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(v)
        ))),
    }
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("hasattr", args, 2, 2)?;
    let name = attr_name(&args[1])?;
    match vm.get_attr_opt(&args[0], &name) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) if e.matches(&types().attribute_error) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("getattr", args, 2, 3)?;
    let name = attr_name(&args[1])?;
    match vm.get_attr_opt(&args[0], &name) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match args.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.no_attribute(&args[0], name.as_str())),
        },
        Err(e) if args.len() == 3 && e.matches(&types().attribute_error) => Ok(args[2].clone()),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("setattr", args, 3, 3)?;
    let name = attr_name(&args[1])?;
    vm.set_attr(&args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("delattr", args, 2, 2)?;
    let name = attr_name(&args[1])?;
    vm.del_attr(&args[0], &name)?;
    Ok(Value::None)
}

fn id(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("id", args, 1, 1)?;
    let v = &args[0];
    Ok(Value::Int(match v.ptr() {
        Some(p) => p as i64,
        None => match v {
            Value::Int(i) => 0x1000_0000 + i.wrapping_mul(32),
            Value::Bool(b) => 0x0900_0000 + *b as i64,
            Value::None => 0x0800_0000,
            Value::Float(x) => x.to_bits() as i64 & 0x7fff_ffff_ffff,
            _ => 0x0700_0000,
        },
    }))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("hash", args, 1, 1)?;
    let v = &args[0];
    if let Value::Instance(_) = v {
        if let Some(f) = type_of(v).lookup("__hash__") {
            if matches!(f, Value::Function(_)) {
                let r = vm.call0(&f, vec![v.clone()])?;
                if let Value::Int(_) | Value::BigInt(_) = r {
                    return Ok(r);
                }
            }
        }
    }
    let h = vm.hash(v)?;
    Ok(Value::Int(match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => h as i64,
        _ => (h >> 1) as i64,
    }))
}

fn iter(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("iter", args, 1, 2)?;
    if args.len() == 2 {
        return Ok(Value::Iter(Arc::new(IterObj::Callable {
            func: args[0].clone(),
            sentinel: args[1].clone(),
            done: Default::default(),
        })));
    }
    vm.get_iter(&args[0])
}

fn next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("next", args, 1, 2)?;
    let it = &args[0];
    let is_iter = matches!(it, Value::Iter(_))
        || matches!(it, Value::Generator(g) if !g.is_asyncgen())
        || type_of(it).lookup("__next__").is_some();
    if !is_iter {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            type_name(it)
        )));
    }
    if let Value::Generator(g) = it {
        return match g.resume(vm, Value::None)? {
            crate::vm::generator::Sent::Yielded(v) => Ok(v),
            crate::vm::generator::Sent::Returned(v) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(PyErr::stop_iteration(if v.is_none() {
                    None
                } else {
                    Some(v)
                })),
            },
        };
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::stop_iteration(None)),
        },
    }
}

fn callable(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("callable", args, 1, 1)?;
    let v = &args[0];
    Ok(Value::Bool(match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Class(_) => true,
        Value::Instance(_) | Value::Native(_) => type_of(v).lookup("__call__").is_some(),
        _ => false,
    }))
}

fn vars(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("vars", args, 1, 1)?;
    match vm.get_attr_opt(&args[0], &Arc::new(crate::objects::StrObj::new("__dict__")))? {
        Some(d) => Ok(d),
        None => Err(PyErr::type_error(
            "vars() argument must have __dict__ attribute",
        )),
    }
}

fn dir(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("dir", args, 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    let Some(v) = args.first() else {
        return Ok(Value::list(vec![]));
    };
    let mut add = |d: &DictObj| {
        for k in d.lock().keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_string());
            }
        }
    };
    match v {
        Value::Module(m) => add(&m.dict),
        Value::Class(c) => {
            for k in c.mro() {
                add(&k.dict);
            }
        }
        Value::Instance(i) => {
            add(&i.dict);
            for k in i.class().mro() {
                add(&k.dict);
            }
        }
        other => {
            for k in type_of(other).mro() {
                add(&k.dict);
            }
        }
    }
    names.sort();
    names.dedup();
    let _ = vm;
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

fn format(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                type_name(v)
            )))
        }
        None => String::new(),
    };
    Ok(Value::string(vm.format(&args[0], &spec)?))
}

fn exit(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Err(PyErr::with_args(&types().system_exit, args.to_vec()))
}

fn import(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__import__", args, 1, 5)?;
    let name = super::args::str_arg(&args[0], "__import__()")?;
    let globals = DictObj::new();
    vm.import_name(name.as_str(), &Value::None, &Value::Int(0), &globals)
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    match vm.current_globals() {
        Some(g) => Ok(Value::Dict(g)),
        None => Ok(Value::Dict(Arc::new(DictObj::new()))),
    }
}

#[allow(dead_code)]
fn _l(_: &ListObj) {}
