//! Methods of `list` and `tuple`.

use std::sync::Arc;

use super::add_methods;
use super::args::arity;
use super::seq_methods::{descr_error, payload, rest, self_arg};
use crate::objects::function::KwArgs;
use crate::objects::{ListObj, Value};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::vm::types::{type_name, Types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn register(t: &Types) {
    add_methods(
        &t.list,
        "list",
        &[
            ("append", list_append),
            ("extend", list_extend),
            ("insert", list_insert),
            ("pop", list_pop),
            ("remove", list_remove),
            ("index", list_index),
            ("count", list_count),
            ("sort", list_sort),
            ("reverse", list_reverse),
            ("copy", list_copy),
            ("clear", list_clear),
            ("__len__", seq_len),
            ("__getitem__", seq_getitem),
            ("__setitem__", list_setitem),
            ("__delitem__", list_delitem),
            ("__contains__", seq_contains),
            ("__iter__", seq_iter_m),
            ("__reversed__", list_reversed),
            ("__add__", list_add),
            ("__iadd__", list_iadd),
            ("__mul__", seq_mul),
            ("__rmul__", seq_mul),
            ("__imul__", list_imul),
            ("__eq__", seq_eq),
            ("__ne__", seq_ne),
            ("__lt__", seq_lt),
            ("__le__", seq_le),
            ("__gt__", seq_gt),
            ("__ge__", seq_ge),
            ("__repr__", seq_repr),
        ],
    );
    t.list.dict.set_str("__hash__", Value::None);
    add_methods(
        &t.tuple,
        "tuple",
        &[
            ("index", tuple_index),
            ("count", tuple_count),
            ("__len__", seq_len),
            ("__getitem__", seq_getitem),
            ("__contains__", seq_contains),
            ("__iter__", seq_iter_m),
            ("__add__", tuple_add),
            ("__mul__", seq_mul),
            ("__rmul__", seq_mul),
            ("__eq__", seq_eq),
            ("__ne__", seq_ne),
            ("__lt__", seq_lt),
            ("__le__", seq_le),
            ("__gt__", seq_gt),
            ("__ge__", seq_ge),
            ("__repr__", seq_repr),
        ],
    );
    // Owned by "object" so that hashing a tuple subclass keeps using the tuple's own hash
    // (see `Vm::hash`), which equals the hash of the plain tuple.
    add_methods(&t.tuple, "object", &[("__hash__", tuple_hash)]);
}

fn list_of(args: &[Value], name: &str) -> PyResult<Arc<ListObj>> {
    let v = self_arg(args, "list", name)?;
    match payload(v) {
        Value::List(l) => Ok(l),
        _ => Err(descr_error("list", name, v)),
    }
}

fn tuple_of(args: &[Value], name: &str) -> PyResult<Arc<crate::objects::value::TupleItems>> {
    let v = self_arg(args, "tuple", name)?;
    match payload(v) {
        Value::Tuple(t) => Ok(t),
        _ => Err(descr_error("tuple", name, v)),
    }
}

/// The built-in list or tuple of `self` (for the dunders shared by both).
fn seq_of(args: &[Value], name: &str) -> PyResult<Value> {
    let v = self_arg(args, "list", name)?;
    match payload(v) {
        p @ (Value::List(_) | Value::Tuple(_)) => Ok(p),
        _ => Err(descr_error("list", name, v)),
    }
}

fn one<'a>(args: &'a [Value], name: &str, kw: &KwArgs) -> PyResult<&'a Value> {
    let r = rest(args, name, kw)?;
    arity(name, r, 1, 1)?;
    Ok(&r[0])
}

fn list_append(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "append")?;
    let x = one(args, "list.append", &kw)?;
    l.push(x.clone());
    Ok(Value::None)
}

fn list_extend(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "extend")?;
    let x = one(args, "list.extend", &kw)?;
    let items = vm.collect(x)?;
    l.lock().extend(items);
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "insert")?;
    let r = rest(args, "list.insert", &kw)?;
    arity("insert", r, 2, 2)?;
    let i = super::args::int_arg(vm, &r[0])?;
    let mut g = l.lock();
    let n = g.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    g.insert(i as usize, r[1].clone());
    Ok(Value::None)
}

fn list_pop(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "pop")?;
    let r = rest(args, "list.pop", &kw)?;
    arity("pop", r, 0, 1)?;
    let i = match r.first() {
        Some(v) => super::args::int_arg(vm, v)?,
        None => -1,
    };
    let mut g = l.lock();
    if g.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(g.remove(j as usize))
}

fn find(
    vm: &mut Vm,
    items: &[Value],
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    for (i, it) in items.iter().enumerate().take(stop).skip(start) {
        if it.is(x) || vm.eq(it, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn list_remove(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "remove")?;
    let x = one(args, "list.remove", &kw)?;
    let items = l.snapshot();
    if let Some(i) = find(vm, &items, x, 0, items.len())? {
        let mut g = l.lock();
        if i < g.len() {
            g.remove(i);
        }
        return Ok(Value::None);
    }
    Err(PyErr::value_error("list.remove(x): x not in list"))
}

/// `start`/`stop` of `index()`: slice-like clamping.
fn bounds(vm: &mut Vm, r: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let mut get = |i: usize, default: i64| -> PyResult<i64> {
        match r.get(i) {
            Some(v) => {
                let x = vm.index_int(v).map_err(|_| {
                    PyErr::type_error("slice indices must be integers or have an __index__ method")
                })?;
                Ok(if x < 0 { (x + n).max(0) } else { x.min(n) })
            }
            None => Ok(default),
        }
    };
    let start = get(1, 0)?;
    let stop = get(2, n)?;
    Ok((start as usize, stop as usize))
}

fn list_index(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "index")?;
    let r = rest(args, "list.index", &kw)?;
    arity("index", r, 1, 3)?;
    let items = l.snapshot();
    let (start, stop) = bounds(vm, r, items.len())?;
    match find(vm, &items, &r[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let s = vm.repr(&r[0])?;
            Err(PyErr::value_error(format!("{s} is not in list")))
        }
    }
}

fn count(vm: &mut Vm, items: &[Value], x: &Value) -> PyResult<Value> {
    let mut n = 0;
    for it in items {
        if it.is(x) || vm.eq(it, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn list_count(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "count")?;
    let x = one(args, "list.count", &kw)?;
    count(vm, &l.snapshot(), x)
}

fn list_sort(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "sort")?;
    if args.len() > 1 {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let key = kw.take("key");
    let reverse = kw.take("reverse");
    if let Some((k, _)) = kw.0.first() {
        return Err(PyErr::type_error(format!(
            "'{}' is an invalid keyword argument for sort()",
            k.as_str()
        )));
    }
    let reverse = match reverse {
        Some(v) => match v {
            Value::Float(_) => {
                return Err(PyErr::type_error(
                    "'float' object cannot be interpreted as an integer",
                ))
            }
            v => vm.truthy(&v)?,
        },
        None => false,
    };
    let mut items = std::mem::take(&mut *l.lock());
    let res = vm.sort_values(&mut items, key.as_ref(), reverse);
    let modified = {
        let mut g = l.lock();
        let m = !g.is_empty();
        *g = items;
        m
    };
    res?;
    if modified {
        return Err(PyErr::value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn list_reverse(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "reverse")?;
    arity("list.reverse", rest(args, "list.reverse", &kw)?, 0, 0)?;
    l.lock().reverse();
    Ok(Value::None)
}

fn list_copy(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "copy")?;
    arity("list.copy", rest(args, "list.copy", &kw)?, 0, 0)?;
    Ok(Value::list(l.snapshot()))
}

fn list_clear(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "clear")?;
    arity("list.clear", rest(args, "list.clear", &kw)?, 0, 0)?;
    let old = std::mem::take(&mut *l.lock());
    drop(old);
    Ok(Value::None)
}

fn seq_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(match seq_of(args, "__len__")? {
        Value::List(l) => l.len() as i64,
        Value::Tuple(t) => t.len() as i64,
        _ => 0,
    }))
}

fn seq_getitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = seq_of(args, "__getitem__")?;
    let i = one(args, "__getitem__", &kw)?;
    vm.get_item(&s, i)
}

fn list_setitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__setitem__")?;
    let r = rest(args, "__setitem__", &kw)?;
    arity("__setitem__", r, 2, 2)?;
    vm.set_item(&Value::List(l), r[0].clone(), r[1].clone())?;
    Ok(Value::None)
}

fn list_delitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__delitem__")?;
    let i = one(args, "__delitem__", &kw)?;
    vm.del_item(&Value::List(l), i)?;
    Ok(Value::None)
}

fn seq_contains(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = seq_of(args, "__contains__")?;
    let x = one(args, "__contains__", &kw)?;
    Ok(Value::Bool(vm.contains(&s, x)?))
}

fn seq_iter_m(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = seq_of(args, "__iter__")?;
    vm.get_iter(&s)
}

fn list_reversed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__reversed__")?;
    let n = l.len();
    Ok(Value::Iter(Arc::new(
        crate::objects::iter::IterObj::ReversedList {
            list: l,
            pos: parking_lot::Mutex::new(n),
        },
    )))
}

fn list_add(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__add__")?;
    let o = one(args, "__add__", &kw)?;
    match payload(o) {
        o @ Value::List(_) => vm.binary_op(&Value::List(l), &o, BinOp::Add),
        _ => Err(PyErr::type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name(o)
        ))),
    }
}

fn tuple_add(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let t = tuple_of(args, "__add__")?;
    let o = one(args, "__add__", &kw)?;
    match payload(o) {
        o @ Value::Tuple(_) => vm.binary_op(&Value::Tuple(t), &o, BinOp::Add),
        _ => Err(PyErr::type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name(o)
        ))),
    }
}

fn list_iadd(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__iadd__")?;
    let o = one(args, "__iadd__", &kw)?;
    let items = vm.collect(o)?;
    l.lock().extend(items);
    Ok(args[0].clone())
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

fn seq_mul(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = seq_of(args, "__mul__")?;
    let n = one(args, "__mul__", &kw)?;
    if !is_int(n) && !matches!(n, Value::Instance(_)) {
        return Ok(Value::NotImplemented);
    }
    let n = match n {
        Value::Instance(_) => Value::Int(vm.index_int(n)?),
        _ => n.clone(),
    };
    vm.binary_op(&s, &n, BinOp::Mul)
}

fn list_imul(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let l = list_of(args, "__imul__")?;
    let n = one(args, "__imul__", &kw)?;
    if !is_int(n) {
        return Ok(Value::NotImplemented);
    }
    vm.inplace_op(&Value::List(l), n, BinOp::Mul)?;
    Ok(args[0].clone())
}

/// Rich comparison of two lists or two tuples; `NotImplemented` for other types.
fn seq_cmp(vm: &mut Vm, args: &[Value], kw: KwArgs, op: CmpOp, name: &str) -> PyResult<Value> {
    let s = seq_of(args, name)?;
    let o = payload(one(args, name, &kw)?);
    match (&s, &o) {
        (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
            vm.compare(&s, &o, op)
        }
        _ => Ok(Value::NotImplemented),
    }
}

fn seq_eq(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::Eq, "__eq__")
}

fn seq_ne(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::NotEq, "__ne__")
}

fn seq_lt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::Lt, "__lt__")
}

fn seq_le(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::LtE, "__le__")
}

fn seq_gt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::Gt, "__gt__")
}

fn seq_ge(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    seq_cmp(vm, args, kw, CmpOp::GtE, "__ge__")
}

fn seq_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = seq_of(args, "__repr__")?;
    Ok(Value::string(vm.repr(&s)?))
}

fn tuple_index(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let t = tuple_of(args, "index")?;
    let r = rest(args, "tuple.index", &kw)?;
    arity("index", r, 1, 3)?;
    let (start, stop) = bounds(vm, r, t.len())?;
    match find(vm, &t, &r[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
    }
}

fn tuple_count(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let t = tuple_of(args, "count")?;
    let x = one(args, "tuple.count", &kw)?;
    count(vm, &t, x)
}

fn tuple_hash(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let t = tuple_of(args, "__hash__")?;
    let h = vm.hash(&Value::Tuple(t))?;
    Ok(Value::Int((h >> 1) as i64))
}
