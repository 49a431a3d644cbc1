//! Constructors of the built-in types: `int(...)`, `str(...)`, `list(...)`, ...
//!
//! Each `__new__` builds the whole value when called on the built-in type itself. Called on a
//! subclass, mutable containers get an empty payload that their `__init__` fills, as in CPython.

use std::sync::Arc;

use num_traits::ToPrimitive;

use crate::objects::class::{InstanceObj, Payload};
use crate::objects::function::KwArgs;
use crate::objects::{ClassObj, DictObj, SetObj, Value};
use crate::vm::ops::builtin_payload;
use crate::vm::types::{type_name, type_of, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

use super::args::{arity, no_kwargs};
use super::{add_methods, add_static};

pub fn register(t: &Types) {
    add_static(&t.int, "int", "__new__", int_new);
    add_static(&t.bool_, "bool", "__new__", bool_new);
    add_static(&t.float, "float", "__new__", float_new);
    add_static(&t.str_, "str", "__new__", str_new);
    add_static(&t.bytes, "bytes", "__new__", bytes_new);
    add_static(&t.list, "list", "__new__", list_new);
    add_methods(&t.list, "list", &[("__init__", list_init)]);
    add_static(&t.tuple, "tuple", "__new__", tuple_new);
    add_static(&t.dict, "dict", "__new__", dict_new);
    add_methods(&t.dict, "dict", &[("__init__", dict_init)]);
    add_static(&t.set, "set", "__new__", set_new);
    add_methods(&t.set, "set", &[("__init__", set_init)]);
    add_static(&t.frozenset, "frozenset", "__new__", frozenset_new);
    add_static(&t.range, "range", "__new__", range_new);
    add_static(&t.slice, "slice", "__new__", slice_new);
}

fn cls_arg(args: &[Value]) -> PyResult<(Arc<ClassObj>, &[Value])> {
    match args.first() {
        Some(Value::Class(c)) => Ok((c.clone(), &args[1..])),
        _ => Err(PyErr::type_error("__new__(X): X is not a type object")),
    }
}

/// Wraps `v` in an instance of `cls` when `cls` is a subclass of the built-in type.
fn wrap(vm: &mut Vm, cls: &Arc<ClassObj>, builtin: &Arc<ClassObj>, v: Value) -> Value {
    if Arc::ptr_eq(cls, builtin) {
        return v;
    }
    let _ = vm;
    Value::Instance(Arc::new(InstanceObj::new(cls.clone(), Payload::Builtin(v))))
}

fn int_new(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let (cls, args) = cls_arg(args)?;
    let base_kw = kw.take("base");
    no_kwargs("int", &kw)?;
    arity("int", args, 0, 2)?;
    let base = args.get(1).cloned().or(base_kw);
    let v = match (args.first(), base) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => return Err(PyErr::type_error("int() missing string argument")),
        (Some(x), Some(b)) => {
            let b = super::args::int_arg(vm, &b)?;
            if !(b == 0 || (2..=36).contains(&b)) {
                return Err(PyErr::value_error(
                    "int() base must be >= 2 and <= 36, or 0",
                ));
            }
            let s = match x {
                Value::Str(s) => s.as_str().to_string(),
                Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                _ => {
                    return Err(PyErr::type_error(
                        "int() can't convert non-string with explicit base",
                    ))
                }
            };
            parse_int(&s, b as u32)?
        }
        (Some(x), None) => vm.to_int(x)?,
    };
    Ok(wrap(vm, &cls, &types().int, v))
}

fn parse_int(s: &str, base: u32) -> PyResult<Value> {
    match crate::format::parse_int_literal(s, base) {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(()) => Err(PyErr::value_error(crate::format::int_literal_error(
            s, base,
        ))),
    }
}

impl Vm {
    /// `int(x)`.
    pub fn to_int(&mut self, x: &Value) -> PyResult<Value> {
        Ok(match x {
            Value::Int(_) | Value::BigInt(_) => x.clone(),
            Value::Bool(b) => Value::Int(*b as i64),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(PyErr::value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(PyErr::overflow("cannot convert float infinity to integer"));
                }
                if f.abs() < 9.0e18 {
                    Value::Int(f.trunc() as i64)
                } else {
                    Value::from_bigint(crate::objects::int::big_from_f64(*f))
                }
            }
            Value::Str(s) => parse_int(s.as_str(), 10)?,
            Value::Bytes(b) => parse_int(&String::from_utf8_lossy(b), 10)?,
            _ => {
                for m in ["__int__", "__index__", "__trunc__"] {
                    if let Some(f) = type_of(x).lookup(m) {
                        return self.call0(&f, vec![x.clone()]);
                    }
                }
                if let Some(p) = builtin_payload(x) {
                    return self.to_int(&p);
                }
                return Err(PyErr::type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_name(x)
                )));
            }
        })
    }

    /// `float(x)`.
    pub fn to_float(&mut self, x: &Value) -> PyResult<f64> {
        Ok(match x {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            Value::Bool(b) => *b as i64 as f64,
            Value::BigInt(b) => match b.to_f64() {
                Some(f) if f.is_finite() => f,
                _ => return Err(PyErr::overflow("int too large to convert to float")),
            },
            Value::Str(s) => match crate::format::parse_float_literal(s.as_str()) {
                Some(f) => f,
                None => {
                    return Err(PyErr::value_error(crate::format::float_literal_error(
                        s.as_str(),
                    )))
                }
            },
            _ => {
                for m in ["__float__", "__index__"] {
                    if let Some(f) = type_of(x).lookup(m) {
                        let r = self.call0(&f, vec![x.clone()])?;
                        return self.to_float(&r);
                    }
                }
                if let Some(p) = builtin_payload(x) {
                    return self.to_float(&p);
                }
                return Err(PyErr::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    type_name(x)
                )));
            }
        })
    }
}

fn bool_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (_, args) = cls_arg(args)?;
    arity("bool", args, 0, 1)?;
    Ok(Value::Bool(match args.first() {
        Some(v) => vm.truthy(v)?,
        None => false,
    }))
}

fn float_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (cls, args) = cls_arg(args)?;
    arity("float", args, 0, 1)?;
    let f = match args.first() {
        Some(v) => vm.to_float(v)?,
        None => 0.0,
    };
    Ok(wrap(vm, &cls, &types().float, Value::Float(f)))
}

fn str_new(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let (cls, args) = cls_arg(args)?;
    let encoding = kw.take("encoding");
    let errors = kw.take("errors");
    no_kwargs("str", &kw)?;
    arity("str", args, 0, 3)?;
    let s = match args.first() {
        None => Value::str(""),
        Some(Value::Bytes(b)) if args.len() > 1 || encoding.is_some() => {
            let strict = !matches!(args.get(2).or(errors.as_ref()), Some(Value::Str(e)) if e.as_str() != "strict");
            match String::from_utf8(b.to_vec()) {
                Ok(s) => Value::string(s),
                Err(_) if !strict => Value::string(String::from_utf8_lossy(b).into_owned()),
                Err(e) => {
                    return Err(PyErr::new(
                        &types().unicode_decode_error,
                        format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                            b[e.utf8_error().valid_up_to()],
                            e.utf8_error().valid_up_to()
                        ),
                    ))
                }
            }
        }
        Some(v) => Value::string(vm.to_str(v)?),
    };
    Ok(wrap(vm, &cls, &types().str_, s))
}

fn bytes_new(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let (_, args) = cls_arg(args)?;
    let _enc = kw.take("encoding");
    arity("bytes", args, 0, 3)?;
    let b: Vec<u8> = match args.first() {
        None => Vec::new(),
        Some(Value::Str(s)) => s.as_str().as_bytes().to_vec(),
        Some(Value::Bytes(b)) => (**b).clone(),
        Some(Value::Int(n)) => {
            if *n < 0 {
                return Err(PyErr::value_error("negative count"));
            }
            vec![0; *n as usize]
        }
        Some(v) => {
            let mut out = Vec::new();
            for x in vm.collect(v)? {
                match x {
                    Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                    Value::Int(_) => {
                        return Err(PyErr::value_error("bytes must be in range(0, 256)"))
                    }
                    other => {
                        return Err(PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(&other)
                        )))
                    }
                }
            }
            out
        }
    };
    Ok(Value::Bytes(Arc::new(b)))
}

fn list_new(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (cls, rest) = cls_arg(args)?;
    if Arc::ptr_eq(&cls, &types().list) {
        no_kwargs("list", &kw)?;
        arity("list", rest, 0, 1)?;
        let items = match rest.first() {
            Some(v) => vm.collect(v)?,
            None => Vec::new(),
        };
        return Ok(Value::list(items));
    }
    Ok(vm.new_instance(&cls))
}

fn list_init(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("list", &args[1..], 0, 1)?;
    let target = builtin_payload(&args[0]).unwrap_or_else(|| args[0].clone());
    if let Value::List(l) = target {
        let items = match args.get(1) {
            Some(v) => vm.collect(v)?,
            None => Vec::new(),
        };
        *l.lock() = items;
    }
    Ok(Value::None)
}

fn tuple_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (cls, rest) = cls_arg(args)?;
    arity("tuple", rest, 0, 1)?;
    let t = match rest.first() {
        Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
        Some(v) => Value::tuple(vm.collect(v)?),
        None => Value::tuple(vec![]),
    };
    Ok(wrap(vm, &cls, &types().tuple, t))
}

fn dict_new(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (cls, rest) = cls_arg(args)?;
    if Arc::ptr_eq(&cls, &types().dict) {
        let d = Arc::new(DictObj::new());
        fill_dict(vm, &d, rest, kw)?;
        return Ok(Value::Dict(d));
    }
    Ok(vm.new_instance(&cls))
}

fn fill_dict(vm: &mut Vm, d: &DictObj, args: &[Value], kw: KwArgs) -> PyResult<()> {
    arity("dict", args, 0, 1)?;
    if let Some(src) = args.first() {
        vm.dict_update_from(d, src, false)?;
    }
    for (k, v) in kw.0 {
        vm.dict_set(d, Value::Str(k), v)?;
    }
    Ok(())
}

fn dict_init(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let target = builtin_payload(&args[0]).unwrap_or_else(|| args[0].clone());
    if let Value::Dict(d) = target {
        fill_dict(vm, &d, &args[1..], kw)?;
    }
    Ok(Value::None)
}

fn set_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (cls, rest) = cls_arg(args)?;
    if Arc::ptr_eq(&cls, &types().set) {
        arity("set", rest, 0, 1)?;
        let items = match rest.first() {
            Some(v) => vm.collect(v)?,
            None => Vec::new(),
        };
        return vm.new_set(items, false);
    }
    Ok(vm.new_instance(&cls))
}

fn set_init(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let target = builtin_payload(&args[0]).unwrap_or_else(|| args[0].clone());
    if let (Value::Set(s), Some(src)) = (target, args.get(1)) {
        for x in vm.collect(src)? {
            vm.set_add(&s, x)?;
        }
    }
    Ok(Value::None)
}

fn frozenset_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (_, rest) = cls_arg(args)?;
    arity("frozenset", rest, 0, 1)?;
    let items = match rest.first() {
        Some(Value::Set(s)) if s.frozen => return Ok(Value::Set(s.clone())),
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    let s = vm.new_set(items, true)?;
    let _ = SetObj::new(true);
    Ok(s)
}

fn range_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (_, rest) = cls_arg(args)?;
    if rest.is_empty() {
        return Err(PyErr::type_error(
            "range expected at least 1 argument, got 0",
        ));
    }
    arity("range", rest, 1, 3)?;
    let mut n = Vec::with_capacity(3);
    for a in rest {
        n.push(super::args::int_arg(vm, a)?);
    }
    let (start, stop, step) = match n.len() {
        1 => (0, n[0], 1),
        2 => (n[0], n[1], 1),
        _ => (n[0], n[1], n[2]),
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new((start, stop, step))))
}

fn slice_new(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let (_, rest) = cls_arg(args)?;
    arity("slice", rest, 1, 3)?;
    let (a, b, c) = match rest.len() {
        1 => (Value::None, rest[0].clone(), Value::None),
        2 => (rest[0].clone(), rest[1].clone(), Value::None),
        _ => (rest[0].clone(), rest[1].clone(), rest[2].clone()),
    };
    Ok(Value::Slice(Arc::new((a, b, c))))
}
