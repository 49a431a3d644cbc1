//! Methods of `dict` and of its views (`dict_keys`, `dict_values`, `dict_items`).
//!
//! A view is an instance of its view class whose built-in payload is the dict itself, so that
//! the VM dispatches operators, comparisons, `len`, `in` and iteration to the methods here.

use std::sync::Arc;

use super::args::arity;
use super::seq_methods::{descr_error, payload, rest, self_arg};
use super::{add_classmethod, add_methods};
use crate::objects::function::KwArgs;
use crate::objects::iter::{DictIterKind, IterObj};
use crate::objects::{ClassObj, DictObj, InstanceObj, Payload, SetObj, Value};
use crate::syntax::ast::BinOp;
use crate::vm::types::{type_of, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn register(t: &Types) {
    add_methods(
        &t.dict,
        "dict",
        &[
            ("get", dict_get),
            ("setdefault", dict_setdefault),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("update", dict_update),
            ("keys", dict_keys),
            ("values", dict_values),
            ("items", dict_items),
            ("copy", dict_copy),
            ("clear", dict_clear),
            ("__getitem__", dict_getitem),
            ("__setitem__", dict_setitem),
            ("__delitem__", dict_delitem),
            ("__contains__", dict_contains),
            ("__len__", dict_len),
            ("__iter__", dict_iter),
            ("__reversed__", dict_reversed),
            ("__eq__", dict_eq),
            ("__ne__", dict_ne),
            ("__repr__", dict_repr),
            ("__or__", dict_or),
            ("__ror__", dict_ror),
            ("__ior__", dict_ior),
        ],
    );
    add_classmethod(&t.dict, "dict", "fromkeys", dict_fromkeys);
    t.dict.dict.set_str("__hash__", Value::None);
    for cls in [&t.dict_keys, &t.dict_values, &t.dict_items] {
        add_methods(
            cls,
            "dict_view",
            &[
                ("__len__", view_len),
                ("__iter__", view_iter),
                ("__reversed__", view_reversed),
                ("__contains__", view_contains),
                ("__repr__", view_repr),
                ("__eq__", view_eq),
                ("__ne__", view_ne),
            ],
        );
        cls.dict.set_str("__hash__", Value::None);
    }
    for cls in [&t.dict_keys, &t.dict_items] {
        add_methods(
            cls,
            "dict_view",
            &[
                ("__and__", view_and),
                ("__or__", view_or),
                ("__sub__", view_sub),
                ("__xor__", view_xor),
                ("__rand__", view_rand),
                ("__ror__", view_ror),
                ("__rsub__", view_rsub),
                ("__rxor__", view_rxor),
                ("__lt__", view_lt),
                ("__le__", view_le),
                ("__gt__", view_gt),
                ("__ge__", view_ge),
                ("isdisjoint", view_isdisjoint),
            ],
        );
    }
}

fn dict_of(args: &[Value], name: &str) -> PyResult<Arc<DictObj>> {
    let v = self_arg(args, "dict", name)?;
    match payload(v) {
        Value::Dict(d) => Ok(d),
        _ => Err(descr_error("dict", name, v)),
    }
}

fn one<'a>(args: &'a [Value], name: &str, kw: &KwArgs) -> PyResult<&'a Value> {
    let r = rest(args, name, kw)?;
    super::args::arity(name, r, 1, 1)?;
    Ok(&r[0])
}

fn dict_get(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "get")?;
    let r = rest(args, "dict.get", &kw)?;
    arity("get", r, 1, 2)?;
    Ok(match vm.dict_get(&d, &r[0])? {
        Some(v) => v,
        None => r.get(1).cloned().unwrap_or(Value::None),
    })
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "setdefault")?;
    let r = rest(args, "dict.setdefault", &kw)?;
    arity("setdefault", r, 1, 2)?;
    if let Some(v) = vm.dict_get(&d, &r[0])? {
        return Ok(v);
    }
    let v = r.get(1).cloned().unwrap_or(Value::None);
    vm.dict_set(&d, r[0].clone(), v.clone())?;
    Ok(v)
}

fn dict_pop(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "pop")?;
    let r = rest(args, "dict.pop", &kw)?;
    arity("pop", r, 1, 2)?;
    match vm.dict_del(&d, &r[0])? {
        Some(v) => Ok(v),
        None => match r.get(1) {
            Some(v) => Ok(v.clone()),
            None => Err(PyErr::key_error(r[0].clone())),
        },
    }
}

fn dict_popitem(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "popitem")?;
    arity("dict.popitem", rest(args, "dict.popitem", &kw)?, 0, 0)?;
    let last = d.lock().pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(PyErr::key_error(Value::str(
            "popitem(): dictionary is empty",
        ))),
    }
}

fn dict_update(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "update")?;
    let r = &args[1..];
    arity("update", r, 0, 1)?;
    if let Some(o) = r.first() {
        update_from(vm, &d, o)?;
    }
    for (k, v) in kw.0 {
        vm.dict_set(&d, Value::Str(k), v)?;
    }
    Ok(Value::None)
}

/// `d.update(o)`; views are iterables (of pairs), never mappings.
fn update_from(vm: &mut Vm, d: &DictObj, o: &Value) -> PyResult<()> {
    if view_kind(o).is_some() {
        let items = Value::list(vm.collect(o)?);
        return vm.dict_update_from(d, &items, false);
    }
    vm.dict_update_from(d, o, false)
}

fn new_view(d: Arc<DictObj>, cls: &Arc<ClassObj>) -> Value {
    Value::Instance(Arc::new(InstanceObj::new(
        cls.clone(),
        Payload::Builtin(Value::Dict(d)),
    )))
}

fn dict_keys(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "keys")?;
    arity("dict.keys", rest(args, "dict.keys", &kw)?, 0, 0)?;
    Ok(new_view(d, &types().dict_keys))
}

fn dict_values(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "values")?;
    arity("dict.values", rest(args, "dict.values", &kw)?, 0, 0)?;
    Ok(new_view(d, &types().dict_values))
}

fn dict_items(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "items")?;
    arity("dict.items", rest(args, "dict.items", &kw)?, 0, 0)?;
    Ok(new_view(d, &types().dict_items))
}

fn dict_copy(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "copy")?;
    arity("dict.copy", rest(args, "dict.copy", &kw)?, 0, 0)?;
    let t = d.lock().clone();
    Ok(Value::Dict(Arc::new(DictObj::from_table(t))))
}

fn dict_clear(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "clear")?;
    arity("dict.clear", rest(args, "dict.clear", &kw)?, 0, 0)?;
    let old = std::mem::take(&mut *d.lock());
    let version = old.version;
    d.lock().version = version.wrapping_add(1);
    drop(old);
    Ok(Value::None)
}

fn dict_fromkeys(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().dict.clone(),
    };
    let r = rest(args, "dict.fromkeys", &kw)?;
    arity("fromkeys", r, 1, 2)?;
    let value = r.get(1).cloned().unwrap_or(Value::None);
    let keys = vm.collect(&r[0])?;
    if Arc::ptr_eq(&cls, &types().dict) {
        let d = Arc::new(DictObj::new());
        for k in keys {
            vm.dict_set(&d, k, value.clone())?;
        }
        return Ok(Value::Dict(d));
    }
    let out = vm.call0(&Value::Class(cls), vec![])?;
    for k in keys {
        vm.set_item(&out, k, value.clone())?;
    }
    Ok(out)
}

fn dict_getitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__getitem__")?;
    let k = one(args, "__getitem__", &kw)?;
    if let Some(v) = vm.dict_get(&d, k)? {
        return Ok(v);
    }
    if let Value::Instance(_) = &args[0] {
        if let Some(m) = type_of(&args[0]).lookup("__missing__") {
            return vm.call0(&m, vec![args[0].clone(), k.clone()]);
        }
    }
    Err(PyErr::key_error(k.clone()))
}

fn dict_setitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__setitem__")?;
    let r = rest(args, "__setitem__", &kw)?;
    arity("__setitem__", r, 2, 2)?;
    vm.dict_set(&d, r[0].clone(), r[1].clone())?;
    Ok(Value::None)
}

fn dict_delitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__delitem__")?;
    let k = one(args, "__delitem__", &kw)?;
    match vm.dict_del(&d, k)? {
        Some(_) => Ok(Value::None),
        None => Err(PyErr::key_error(k.clone())),
    }
}

fn dict_contains(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__contains__")?;
    let k = one(args, "__contains__", &kw)?;
    Ok(Value::Bool(vm.dict_get(&d, k)?.is_some()))
}

fn dict_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__len__")?;
    Ok(Value::Int(d.len() as i64))
}

fn dict_iter_of(d: Arc<DictObj>, kind: DictIterKind) -> Value {
    let (version, len) = {
        let t = d.lock();
        (t.version, t.len())
    };
    Value::Iter(Arc::new(IterObj::Dict {
        dict: d,
        kind,
        pos: Default::default(),
        version,
        len,
    }))
}

fn dict_iter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__iter__")?;
    Ok(dict_iter_of(d, DictIterKind::Keys))
}

fn reversed_of(d: &DictObj, kind: DictIterKind) -> Value {
    let mut items: Vec<Value> = match kind {
        DictIterKind::Keys => d.lock().keys(),
        DictIterKind::Values => d.lock().values(),
        DictIterKind::Items => d
            .lock()
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    };
    items.reverse();
    super::functions::seq_iter(items)
}

fn dict_reversed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__reversed__")?;
    Ok(reversed_of(&d, DictIterKind::Keys))
}

/// `dict == other` for built-in dicts; `NotImplemented` when `other` is not a dict.
fn dict_cmp(vm: &mut Vm, args: &[Value], kw: KwArgs, negate: bool) -> PyResult<Value> {
    let name = if negate { "__ne__" } else { "__eq__" };
    let d = dict_of(args, name)?;
    let o = one(args, name, &kw)?;
    match payload(o) {
        o @ Value::Dict(_) => {
            let e = vm.eq(&Value::Dict(d), &o)?;
            Ok(Value::Bool(e != negate))
        }
        _ => Ok(Value::NotImplemented),
    }
}

fn dict_eq(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    dict_cmp(vm, args, kw, false)
}

fn dict_ne(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    dict_cmp(vm, args, kw, true)
}

fn dict_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__repr__")?;
    Ok(Value::string(vm.repr(&Value::Dict(d))?))
}

fn dict_or(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__or__")?;
    let o = one(args, "__or__", &kw)?;
    let Value::Dict(_) = payload(o) else {
        return Ok(Value::NotImplemented);
    };
    let out = Arc::new(DictObj::from_table(d.lock().clone()));
    vm.dict_update_from(&out, o, false)?;
    Ok(Value::Dict(out))
}

fn dict_ror(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__ror__")?;
    let o = one(args, "__ror__", &kw)?;
    let Value::Dict(od) = payload(o) else {
        return Ok(Value::NotImplemented);
    };
    let out = Arc::new(DictObj::from_table(od.lock().clone()));
    vm.dict_update_from(&out, &Value::Dict(d), false)?;
    Ok(Value::Dict(out))
}

fn dict_ior(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let d = dict_of(args, "__ior__")?;
    let o = one(args, "__ior__", &kw)?;
    update_from(vm, &d, o)?;
    Ok(args[0].clone())
}

// ----- views -----

fn view_kind(v: &Value) -> Option<DictIterKind> {
    let Value::Instance(_) = v else { return None };
    let c = type_of(v);
    let t = types();
    if Arc::ptr_eq(&c, &t.dict_keys) {
        Some(DictIterKind::Keys)
    } else if Arc::ptr_eq(&c, &t.dict_values) {
        Some(DictIterKind::Values)
    } else if Arc::ptr_eq(&c, &t.dict_items) {
        Some(DictIterKind::Items)
    } else {
        None
    }
}

fn view_of(args: &[Value], name: &str) -> PyResult<(Arc<DictObj>, DictIterKind)> {
    let v = self_arg(args, "dict_keys", name)?;
    if let (Some(kind), Some(Value::Dict(d))) = (view_kind(v), crate::vm::ops::builtin_payload(v)) {
        return Ok((d, kind));
    }
    Err(descr_error("dict_keys", name, v))
}

fn view_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (d, _) = view_of(args, "__len__")?;
    Ok(Value::Int(d.len() as i64))
}

fn view_iter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (d, kind) = view_of(args, "__iter__")?;
    Ok(dict_iter_of(d, kind))
}

fn view_reversed(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (d, kind) = view_of(args, "__reversed__")?;
    Ok(reversed_of(&d, kind))
}

fn view_items(d: &DictObj, kind: DictIterKind) -> Vec<Value> {
    match kind {
        DictIterKind::Keys => d.lock().keys(),
        DictIterKind::Values => d.lock().values(),
        DictIterKind::Items => d
            .lock()
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    }
}

fn view_has(vm: &mut Vm, d: &DictObj, kind: DictIterKind, x: &Value) -> PyResult<bool> {
    match kind {
        DictIterKind::Keys => Ok(vm.dict_get(d, x)?.is_some()),
        DictIterKind::Values => {
            for v in d.lock().values() {
                if v.is(x) || vm.eq(&v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        DictIterKind::Items => {
            let Value::Tuple(t) = x else { return Ok(false) };
            if t.len() != 2 {
                return Ok(false);
            }
            match vm.dict_get(d, &t[0])? {
                Some(v) => Ok(v.is(&t[1]) || vm.eq(&v, &t[1])?),
                None => Ok(false),
            }
        }
    }
}

fn view_contains(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (d, kind) = view_of(args, "__contains__")?;
    let x = one(args, "__contains__", &kw)?;
    Ok(Value::Bool(view_has(vm, &d, kind, x)?))
}

fn view_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (d, kind) = view_of(args, "__repr__")?;
    let name = &type_of(&args[0]).name;
    let items = Value::list(view_items(&d, kind));
    let inner = vm.repr(&items)?;
    let _ = kind;
    Ok(Value::string(format!("{name}({inner})")))
}

/// A set-like operand: a set of a keys/items view, a set or frozenset; `None` otherwise.
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Option<Arc<SetObj>>> {
    if let Some(kind) = view_kind(v) {
        if kind == DictIterKind::Values {
            return Ok(None);
        }
        let items = vm.collect(v)?;
        let Value::Set(s) = vm.new_set(items, false)? else {
            return Ok(None);
        };
        return Ok(Some(s));
    }
    match payload(v) {
        Value::Set(s) => Ok(Some(s)),
        _ => Ok(None),
    }
}

/// The view as a set, and any iterable `other` as a set (set operators take any iterable).
fn view_sets(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Option<(Arc<SetObj>, Arc<SetObj>)>> {
    view_of(args, name)?;
    let o = one(args, name, kw)?;
    let me = as_set(vm, &args[0])?.expect("a keys or items view");
    let other = match as_set(vm, o)? {
        Some(s) => s,
        None => {
            let it = match vm.get_iter(o) {
                Ok(it) => it,
                Err(_) => return Ok(None),
            };
            let mut items = Vec::new();
            while let Some(x) = vm.next(&it)? {
                items.push(x);
            }
            let Value::Set(s) = vm.new_set(items, false)? else {
                return Ok(None);
            };
            s
        }
    };
    Ok(Some((me, other)))
}

fn view_binop(
    vm: &mut Vm,
    args: &[Value],
    kw: KwArgs,
    name: &str,
    op: BinOp,
    rev: bool,
) -> PyResult<Value> {
    let Some((me, other)) = view_sets(vm, args, &kw, name)? else {
        return Ok(Value::NotImplemented);
    };
    let me = SetObj::from_table(me.lock().clone(), false);
    let other = SetObj::from_table(other.lock().clone(), false);
    if rev {
        vm.set_binop(&other, &me, op)
    } else {
        vm.set_binop(&me, &other, op)
    }
}

fn view_and(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__and__", BinOp::BitAnd, false)
}

fn view_or(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__or__", BinOp::BitOr, false)
}

fn view_sub(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__sub__", BinOp::Sub, false)
}

fn view_xor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__xor__", BinOp::BitXor, false)
}

fn view_rand(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__rand__", BinOp::BitAnd, true)
}

fn view_ror(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__ror__", BinOp::BitOr, true)
}

fn view_rsub(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__rsub__", BinOp::Sub, true)
}

fn view_rxor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_binop(vm, args, kw, "__rxor__", BinOp::BitXor, true)
}

fn view_isdisjoint(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (d, kind) = view_of(args, "isdisjoint")?;
    let o = one(args, "isdisjoint", &kw)?;
    for x in vm.collect(o)? {
        if view_has(vm, &d, kind, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Comparisons of a keys/items view with another set-like; `NotImplemented` otherwise.
fn view_compare(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Option<(Arc<SetObj>, Arc<SetObj>)>> {
    let (_, kind) = view_of(args, name)?;
    let o = one(args, name, kw)?;
    if kind == DictIterKind::Values {
        return Ok(None);
    }
    let Some(other) = as_set(vm, o)? else {
        return Ok(None);
    };
    let me = as_set(vm, &args[0])?.expect("a keys or items view");
    Ok(Some((me, other)))
}

fn view_eq_impl(vm: &mut Vm, args: &[Value], kw: KwArgs, negate: bool) -> PyResult<Value> {
    let name = if negate { "__ne__" } else { "__eq__" };
    let (_, kind) = view_of(args, name)?;
    if kind == DictIterKind::Values {
        let o = one(args, name, &kw)?;
        return Ok(Value::Bool(args[0].is(o) != negate));
    }
    match view_compare(vm, args, &kw, name)? {
        Some((a, b)) => {
            let e = a.len() == b.len() && vm.set_is_subset(&a, &b)?;
            Ok(Value::Bool(e != negate))
        }
        None => Ok(Value::NotImplemented),
    }
}

fn view_eq(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_eq_impl(vm, args, kw, false)
}

fn view_ne(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_eq_impl(vm, args, kw, true)
}

fn view_order(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str) -> PyResult<Value> {
    let Some((a, b)) = view_compare(vm, args, &kw, name)? else {
        return Ok(Value::NotImplemented);
    };
    let (x, y, strict) = match name {
        "__lt__" => (&a, &b, true),
        "__le__" => (&a, &b, false),
        "__gt__" => (&b, &a, true),
        _ => (&b, &a, false),
    };
    let r = (!strict || x.len() < y.len()) && x.len() <= y.len() && vm.set_is_subset(x, y)?;
    Ok(Value::Bool(r))
}

fn view_lt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_order(vm, args, kw, "__lt__")
}

fn view_le(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_order(vm, args, kw, "__le__")
}

fn view_gt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_order(vm, args, kw, "__gt__")
}

fn view_ge(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    view_order(vm, args, kw, "__ge__")
}
