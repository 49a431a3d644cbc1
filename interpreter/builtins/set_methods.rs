//! Methods of `set` and `frozenset`.

use std::sync::Arc;

use super::add_methods;
use super::args::arity;
use super::seq_methods::{descr_error, payload, rest, self_arg};
use crate::objects::dict::DictTable;
use crate::objects::function::KwArgs;
use crate::objects::{SetObj, Value};
use crate::syntax::ast::BinOp;
use crate::vm::types::{type_of, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn register(t: &Types) {
    add_methods(
        &t.set,
        "set",
        &[
            ("add", set_add),
            ("remove", set_remove),
            ("discard", set_discard),
            ("pop", set_pop),
            ("clear", set_clear),
            ("update", set_update),
            ("intersection_update", set_intersection_update),
            ("difference_update", set_difference_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
            ("__ior__", set_ior),
            ("__iand__", set_iand),
            ("__isub__", set_isub),
            ("__ixor__", set_ixor),
        ],
    );
    t.set.dict.set_str("__hash__", Value::None);
    for (cls, owner) in [(&t.set, "set"), (&t.frozenset, "frozenset")] {
        add_methods(
            cls,
            owner,
            &[
                ("copy", set_copy),
                ("union", set_union),
                ("intersection", set_intersection),
                ("difference", set_difference),
                ("symmetric_difference", set_symmetric_difference),
                ("issubset", set_issubset),
                ("issuperset", set_issuperset),
                ("isdisjoint", set_isdisjoint),
                ("__len__", set_len),
                ("__contains__", set_contains),
                ("__iter__", set_iter),
                ("__eq__", set_eq),
                ("__ne__", set_ne),
                ("__lt__", set_lt),
                ("__le__", set_le),
                ("__gt__", set_gt),
                ("__ge__", set_ge),
                ("__or__", set_or),
                ("__and__", set_and),
                ("__sub__", set_sub),
                ("__xor__", set_xor),
                ("__ror__", set_ror),
                ("__rand__", set_rand),
                ("__rsub__", set_rsub),
                ("__rxor__", set_rxor),
                ("__repr__", set_repr),
            ],
        );
    }
    add_methods(&t.frozenset, "frozenset", &[("__hash__", frozenset_hash)]);
}

/// `self` as a set; `(set, is_frozenset)`.
fn set_of(args: &[Value], name: &str) -> PyResult<(Arc<SetObj>, bool)> {
    let v = self_arg(args, "set", name)?;
    match v {
        Value::Set(s) => Ok((s.clone(), s.frozen)),
        Value::Instance(_) => match payload(v) {
            Value::Set(s) => {
                let frozen = type_of(v).is_subclass(&types().frozenset);
                Ok((s, frozen))
            }
            _ => Err(descr_error("set", name, v)),
        },
        _ => Err(descr_error("set", name, v)),
    }
}

/// `self` of a method only `set` has.
fn mut_set_of(args: &[Value], name: &str) -> PyResult<Arc<SetObj>> {
    let (s, frozen) = set_of(args, name)?;
    if frozen {
        return Err(descr_error("set", name, &args[0]));
    }
    Ok(s)
}

fn one<'a>(args: &'a [Value], name: &str, kw: &KwArgs) -> PyResult<&'a Value> {
    let r = rest(args, name, kw)?;
    arity(name, r, 1, 1)?;
    Ok(&r[0])
}

fn copy_of(s: &SetObj, frozen: bool) -> SetObj {
    SetObj::from_table(s.lock().clone(), frozen)
}

/// Any iterable as a set (sets are used as they are).
fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Arc<SetObj>> {
    if let Value::Set(s) = payload(v) {
        return Ok(s);
    }
    let items = vm.collect(v)?;
    match vm.new_set(items, false)? {
        Value::Set(s) => Ok(s),
        _ => unreachable!(),
    }
}

/// A set or frozenset operand of an operator; `None` for anything else.
fn set_operand(v: &Value) -> Option<Arc<SetObj>> {
    match payload(v) {
        Value::Set(s) => Some(s),
        _ => None,
    }
}

fn set_add(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "add")?;
    let x = one(args, "set.add", &kw)?;
    vm.set_add(&s, x.clone())?;
    Ok(Value::None)
}

/// `set.remove(x)` and `x in s` accept a set `x`, looked up as a frozenset.
fn as_key(v: &Value) -> Value {
    match v {
        Value::Set(s) if !s.frozen => Value::Set(Arc::new(copy_of(s, true))),
        _ => v.clone(),
    }
}

fn set_remove(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "remove")?;
    let x = one(args, "set.remove", &kw)?;
    if vm.set_remove(&s, &as_key(x))? {
        Ok(Value::None)
    } else {
        Err(PyErr::key_error(x.clone()))
    }
}

fn set_discard(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "discard")?;
    let x = one(args, "set.discard", &kw)?;
    vm.set_remove(&s, &as_key(x))?;
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "pop")?;
    arity("set.pop", rest(args, "set.pop", &kw)?, 0, 0)?;
    let first = s.lock().entry_from(0).map(|(_, k, _)| k);
    match first {
        Some(k) => {
            // The stored key: its hash is the table's, and removing it needs no `__eq__`.
            let h = vm.hash(&k)?;
            s.lock().remove(h, &k);
            Ok(k)
        }
        None => Err(PyErr::key_error(Value::str("pop from an empty set"))),
    }
}

fn set_clear(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "clear")?;
    arity("set.clear", rest(args, "set.clear", &kw)?, 0, 0)?;
    let old = std::mem::replace(&mut *s.lock(), DictTable::for_set());
    s.lock().version = old.version.wrapping_add(1);
    drop(old);
    Ok(Value::None)
}

fn set_copy(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "copy")?;
    arity("copy", rest(args, "set.copy", &kw)?, 0, 0)?;
    if frozen {
        if let Value::Set(_) = &args[0] {
            return Ok(args[0].clone());
        }
    }
    Ok(Value::Set(Arc::new(copy_of(&s, frozen))))
}

/// The items of `s` that are (`keep`) or are not in `other`.
fn filter(vm: &mut Vm, s: &SetObj, other: &SetObj, keep: bool, frozen: bool) -> PyResult<SetObj> {
    let out = SetObj::new(frozen);
    for x in s.lock().keys() {
        if vm.set_contains(other, &x)? == keep {
            vm.set_add(&out, x)?;
        }
    }
    Ok(out)
}

fn sym_diff(vm: &mut Vm, s: &SetObj, other: &SetObj, frozen: bool) -> PyResult<SetObj> {
    let out = filter(vm, s, other, false, frozen)?;
    for x in other.lock().keys() {
        if !vm.set_contains(s, &x)? {
            vm.set_add(&out, x)?;
        }
    }
    Ok(out)
}

fn set_union(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "union")?;
    let r = rest(args, "set.union", &kw)?;
    let out = copy_of(&s, frozen);
    for o in r {
        for x in vm.collect(o)? {
            vm.set_add(&out, x)?;
        }
    }
    Ok(Value::Set(Arc::new(out)))
}

fn set_intersection(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "intersection")?;
    let r = rest(args, "set.intersection", &kw)?;
    let mut out = copy_of(&s, frozen);
    for o in r {
        let o = to_set(vm, o)?;
        out = filter(vm, &out, &o, true, frozen)?;
    }
    Ok(Value::Set(Arc::new(out)))
}

fn set_difference(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "difference")?;
    let r = rest(args, "set.difference", &kw)?;
    let mut out = copy_of(&s, frozen);
    for o in r {
        let o = to_set(vm, o)?;
        out = filter(vm, &out, &o, false, frozen)?;
    }
    Ok(Value::Set(Arc::new(out)))
}

fn set_symmetric_difference(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "symmetric_difference")?;
    let o = one(args, "set.symmetric_difference", &kw)?;
    let o = to_set(vm, o)?;
    Ok(Value::Set(Arc::new(sym_diff(vm, &s, &o, frozen)?)))
}

fn replace(s: &SetObj, new: SetObj) {
    let t = new.lock().clone();
    let version = s.lock().version;
    let mut g = s.lock();
    *g = t;
    g.version = version.wrapping_add(1);
}

fn set_update(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "update")?;
    let r = rest(args, "set.update", &kw)?;
    for o in r {
        for x in vm.collect(o)? {
            vm.set_add(&s, x)?;
        }
    }
    Ok(Value::None)
}

fn set_intersection_update(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "intersection_update")?;
    let r = rest(args, "set.intersection_update", &kw)?;
    let mut out = copy_of(&s, false);
    for o in r {
        let o = to_set(vm, o)?;
        out = filter(vm, &out, &o, true, false)?;
    }
    replace(&s, out);
    Ok(Value::None)
}

fn set_difference_update(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "difference_update")?;
    let r = rest(args, "set.difference_update", &kw)?;
    for o in r {
        for x in vm.collect(o)? {
            vm.set_remove(&s, &x)?;
        }
    }
    Ok(Value::None)
}

fn set_symmetric_difference_update(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = mut_set_of(args, "symmetric_difference_update")?;
    let o = one(args, "set.symmetric_difference_update", &kw)?;
    let o = to_set(vm, o)?;
    let out = sym_diff(vm, &s, &o, false)?;
    replace(&s, out);
    Ok(Value::None)
}

fn set_issubset(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "issubset")?;
    let o = one(args, "set.issubset", &kw)?;
    let o = to_set(vm, o)?;
    Ok(Value::Bool(vm.set_is_subset(&s, &o)?))
}

fn set_issuperset(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "issuperset")?;
    let o = one(args, "set.issuperset", &kw)?;
    let o = to_set(vm, o)?;
    Ok(Value::Bool(vm.set_is_subset(&o, &s)?))
}

fn set_isdisjoint(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "isdisjoint")?;
    let o = one(args, "set.isdisjoint", &kw)?;
    for x in vm.collect(o)? {
        if vm.set_contains(&s, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn set_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "__len__")?;
    Ok(Value::Int(s.len() as i64))
}

fn set_contains(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "__contains__")?;
    let x = one(args, "__contains__", &kw)?;
    Ok(Value::Bool(vm.set_contains(&s, x)?))
}

fn set_iter(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "__iter__")?;
    vm.get_iter(&Value::Set(s))
}

fn set_cmp(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str) -> PyResult<Value> {
    let (s, _) = set_of(args, name)?;
    let o = one(args, name, &kw)?;
    let Some(o) = set_operand(o) else {
        return Ok(Value::NotImplemented);
    };
    let (a, b) = (s.len(), o.len());
    Ok(Value::Bool(match name {
        "__eq__" => a == b && vm.set_is_subset(&s, &o)?,
        "__ne__" => !(a == b && vm.set_is_subset(&s, &o)?),
        "__lt__" => a < b && vm.set_is_subset(&s, &o)?,
        "__le__" => a <= b && vm.set_is_subset(&s, &o)?,
        "__gt__" => a > b && vm.set_is_subset(&o, &s)?,
        _ => a >= b && vm.set_is_subset(&o, &s)?,
    }))
}

fn set_eq(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__eq__")
}

fn set_ne(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__ne__")
}

fn set_lt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__lt__")
}

fn set_le(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__le__")
}

fn set_gt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__gt__")
}

fn set_ge(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_cmp(vm, args, kw, "__ge__")
}

fn set_binary(
    vm: &mut Vm,
    args: &[Value],
    kw: KwArgs,
    name: &str,
    op: BinOp,
    rev: bool,
) -> PyResult<Value> {
    let (s, frozen) = set_of(args, name)?;
    let o = one(args, name, &kw)?;
    let Some(o) = set_operand(o) else {
        return Ok(Value::NotImplemented);
    };
    let me = copy_of(&s, frozen);
    if rev {
        let other = copy_of(&o, o.frozen);
        vm.set_binop(&other, &me, op)
    } else {
        vm.set_binop(&me, &o, op)
    }
}

fn set_or(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__or__", BinOp::BitOr, false)
}

fn set_and(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__and__", BinOp::BitAnd, false)
}

fn set_sub(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__sub__", BinOp::Sub, false)
}

fn set_xor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__xor__", BinOp::BitXor, false)
}

fn set_ror(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__ror__", BinOp::BitOr, true)
}

fn set_rand(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__rand__", BinOp::BitAnd, true)
}

fn set_rsub(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__rsub__", BinOp::Sub, true)
}

fn set_rxor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_binary(vm, args, kw, "__rxor__", BinOp::BitXor, true)
}

fn set_inplace(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str, op: BinOp) -> PyResult<Value> {
    let s = mut_set_of(args, name)?;
    let o = one(args, name, &kw)?;
    let Some(o) = set_operand(o) else {
        return Ok(Value::NotImplemented);
    };
    let me = copy_of(&s, false);
    if let Value::Set(r) = vm.set_binop(&me, &o, op)? {
        let t = r.lock().clone();
        replace(&s, SetObj::from_table(t, false));
    }
    Ok(args[0].clone())
}

fn set_ior(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, kw, "__ior__", BinOp::BitOr)
}

fn set_iand(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, kw, "__iand__", BinOp::BitAnd)
}

fn set_isub(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, kw, "__isub__", BinOp::Sub)
}

fn set_ixor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, kw, "__ixor__", BinOp::BitXor)
}

fn set_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (s, frozen) = set_of(args, "__repr__")?;
    if let Value::Set(_) = &args[0] {
        return Ok(Value::string(vm.repr(&args[0])?));
    }
    let name = type_of(&args[0]).name.clone();
    let _ = frozen;
    let items = s.lock().keys();
    if items.is_empty() {
        return Ok(Value::string(format!("{name}()")));
    }
    let mut parts = Vec::with_capacity(items.len());
    for x in &items {
        parts.push(vm.repr(x)?);
    }
    Ok(Value::string(format!("{name}({{{}}})", parts.join(", "))))
}

fn frozenset_hash(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (s, _) = set_of(args, "__hash__")?;
    let f = Value::Set(Arc::new(copy_of(&s, true)));
    let h = vm.hash(&f)?;
    Ok(Value::Int((h >> 1) as i64))
}
