//! `object`, `type`, `BaseException`, generators, properties and other core classes' methods.

use std::sync::Arc;

use crate::objects::function::KwArgs;
use crate::objects::{StrObj, Value};
use crate::vm::attr::{downcast, ClassMethod, Property, StaticMethod, Super};
use crate::vm::generator::Sent;
use crate::vm::types::{type_name, type_of, Types};
use crate::vm::{PyErr, PyResult, Vm};

use super::args::arity;
use super::{add_methods, add_static};

pub fn register(t: &Types) {
    add_static(&t.object, "object", "__new__", object_new);
    add_methods(
        &t.object,
        "object",
        &[
            ("__init__", object_init),
            ("__setattr__", object_setattr),
            ("__delattr__", object_delattr),
            ("__getattribute__", object_getattribute),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__format__", object_format),
            ("__init_subclass__", object_noop),
        ],
    );
    add_methods(&t.type_, "type", &[("mro", type_mro)]);
    add_static(&t.type_, "type", "__new__", type_new);
    add_static(&t.base_exception, "BaseException", "__new__", exc_new);
    add_methods(
        &t.base_exception,
        "BaseException",
        &[
            ("__init__", exc_init),
            ("__str__", exc_str),
            ("__repr__", exc_repr),
            ("with_traceback", exc_with_traceback),
            ("add_note", exc_add_note),
        ],
    );
    for cls in [&t.generator, &t.coroutine] {
        add_methods(
            cls,
            "generator",
            &[
                ("send", gen_send),
                ("throw", gen_throw),
                ("close", gen_close),
                ("__next__", gen_next),
                ("__iter__", identity),
                ("__await__", identity),
            ],
        );
    }
    crate::vm::asyncgen::register(t);
    add_methods(
        &t.iterator,
        "iterator",
        &[("__next__", iter_next), ("__iter__", identity)],
    );
    add_static(&t.property, "property", "__new__", property_new);
    add_methods(
        &t.property,
        "property",
        &[
            ("setter", property_setter),
            ("getter", property_getter),
            ("deleter", property_deleter),
            ("__get__", property_get),
            ("__set_name__", object_noop),
        ],
    );
    add_static(&t.staticmethod, "staticmethod", "__new__", staticmethod_new);
    add_static(&t.classmethod, "classmethod", "__new__", classmethod_new);
    add_static(&t.super_, "super", "__new__", super_new);
}

fn identity(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn object_noop(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::None)
}

fn object_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(c)) => Ok(vm.new_instance(c)),
        _ => Err(PyErr::type_error(
            "object.__new__(X): X is not a type object",
        )),
    }
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::None)
}

fn name_arg(v: &Value) -> PyResult<Arc<StrObj>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(v)
        ))),
    }
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__setattr__", args, 3, 3)?;
    let name = name_arg(&args[1])?;
    vm.generic_setattr(&args[0], &name, args[2].clone())?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__delattr__", args, 2, 2)?;
    let name = name_arg(&args[1])?;
    vm.generic_delattr(&args[0], &name)?;
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__getattribute__", args, 2, 2)?;
    let name = name_arg(&args[1])?;
    vm.get_attr(&args[0], &name)
}

fn object_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let v = &args[0];
    let cls = type_of(v);
    let module = match cls.dict.get_str("__module__") {
        Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.", m.as_str()),
        _ => String::new(),
    };
    let _ = vm;
    Ok(Value::string(format!(
        "<{module}{} object at {}>",
        cls.qualname,
        crate::vm::convert::addr(v)
    )))
}

fn object_str(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::string(vm.repr(&args[0])?))
}

fn object_eq(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__eq__", args, 2, 2)?;
    Ok(if args[0].is(&args[1]) {
        Value::Bool(true)
    } else {
        Value::NotImplemented
    })
}

fn object_ne(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__ne__", args, 2, 2)?;
    let r = vm.compare(&args[0], &args[1], crate::syntax::ast::CmpOp::Eq)?;
    Ok(Value::Bool(!vm.truthy(&r)?))
}

fn object_hash(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let p = args[0].ptr().unwrap_or(0) as i64;
    let _ = vm;
    Ok(Value::Int(p >> 4))
}

fn object_format(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__format__", args, 2, 2)?;
    if !matches!(&args[1], Value::Str(s) if s.as_str().is_empty()) {
        return Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(&args[0])
        )));
    }
    Ok(Value::string(vm.to_str(&args[0])?))
}

fn type_mro(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(c)) => Ok(Value::list(c.mro().into_iter().map(Value::Class).collect())),
        _ => Err(PyErr::type_error(
            "descriptor 'mro' requires a 'type' object",
        )),
    }
}

fn type_new(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    // args[0] is the metaclass.
    match args.len() {
        2 => Ok(Value::Class(type_of(&args[1]))),
        4 => {
            let name = super::args::str_arg(&args[1], "type.__new__()")?;
            let bases = match &args[2] {
                Value::Tuple(t) => (**t).clone(),
                _ => return Err(PyErr::type_error("type.__new__() argument 2 must be tuple")),
            };
            let ns = match &args[3] {
                Value::Dict(d) => d.clone(),
                _ => return Err(PyErr::type_error("type.__new__() argument 3 must be dict")),
            };
            let _ = kw;
            let cls = vm.create_class(name.as_str(), &bases, &ns)?;
            Ok(Value::Class(cls))
        }
        _ => Err(PyErr::type_error("type() takes 1 or 3 arguments")),
    }
}

fn exc_new(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let Some(Value::Class(c)) = args.first() else {
        return Err(PyErr::type_error(
            "BaseException.__new__(X): X is not a type object",
        ));
    };
    let inst = vm.new_instance(c);
    set_exc_args(&inst, &args[1..]);
    Ok(inst)
}

/// Sets `args`, plus the attributes some classes derive from them (`StopIteration.value`,
/// `SystemExit.code`).
pub fn set_exc_args(exc: &Value, args: &[Value]) {
    let Value::Instance(i) = exc else {
        return;
    };
    i.dict.set_str("args", Value::tuple(args.to_vec()));
    let cls = i.class();
    let t = crate::vm::types::types();
    let first = args.first().cloned().unwrap_or(Value::None);
    if cls.is_subclass(&t.stop_iteration) {
        i.dict.set_str("value", first);
    } else if cls.is_subclass(&t.system_exit) {
        let code = if args.len() > 1 {
            Value::tuple(args.to_vec())
        } else {
            first
        };
        i.dict.set_str("code", code);
    } else if cls.is_subclass(&t.os_error) {
        // `OSError(errno, strerror[, filename])`, as CPython unpacks it.
        let with_errno = (2..=5).contains(&args.len());
        let get = |k: usize| {
            if with_errno {
                args.get(k).cloned().unwrap_or(Value::None)
            } else {
                Value::None
            }
        };
        i.dict.set_str("errno", get(0));
        i.dict.set_str("strerror", get(1));
        i.dict.set_str("filename", get(2));
    }
}

fn exc_init(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    set_exc_args(&args[0], &args[1..]);
    Ok(Value::None)
}

fn exc_str(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::string(vm.exception_str(&args[0])?))
}

fn exc_repr(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let v = &args[0];
    let name = type_of(v).name.clone();
    let a = match v {
        Value::Instance(i) => match i.dict.get_str("args") {
            Some(Value::Tuple(t)) => (*t).clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let inner = if a.len() == 1 {
        vm.repr(&a[0])?
    } else {
        let r = vm.repr(&Value::tuple(a.clone()))?;
        if a.is_empty() {
            String::new()
        } else {
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(Value::string(format!("{name}({inner})")))
}

fn exc_with_traceback(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn exc_add_note(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("add_note", args, 2, 2)?;
    if let Value::Instance(i) = &args[0] {
        let notes = match i.dict.get_str("__notes__") {
            Some(n) => n,
            None => {
                let l = Value::list(vec![]);
                i.dict.set_str("__notes__", l.clone());
                l
            }
        };
        if let Value::List(l) = notes {
            l.push(args[1].clone());
        }
    }
    let _ = vm;
    Ok(Value::None)
}

fn gen_of(v: &Value) -> PyResult<&Arc<crate::vm::generator::GeneratorObj>> {
    match v {
        Value::Generator(g) => Ok(g),
        _ => Err(PyErr::type_error(
            "descriptor requires a 'generator' object",
        )),
    }
}

fn sent_to_value(s: Sent) -> PyResult<Value> {
    match s {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(if v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

fn gen_send(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("send", args, 2, 2)?;
    let g = gen_of(&args[0])?.clone();
    sent_to_value(g.resume(vm, args[1].clone())?)
}

fn gen_next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let g = gen_of(&args[0])?.clone();
    sent_to_value(g.resume(vm, Value::None)?)
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("throw", args, 2, 4)?;
    let g = gen_of(&args[0])?.clone();
    let exc = match (&args[1], args.get(2)) {
        (Value::Class(c), Some(v)) if !v.is_none() => {
            let inst = vm.call0(&Value::Class(c.clone()), vec![v.clone()])?;
            vm.make_exception(inst)?
        }
        (v, _) => vm.make_exception(v.clone())?,
    };
    sent_to_value(g.throw(vm, exc)?)
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let g = gen_of(&args[0])?.clone();
    g.close(vm)?;
    Ok(Value::None)
}

fn iter_next(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    match vm.next(&args[0])? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(None)),
    }
}

fn property_new(_vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let get = |i: usize, kw: &mut KwArgs, name: &str| {
        args.get(i)
            .cloned()
            .or_else(|| kw.take(name))
            .unwrap_or(Value::None)
    };
    let fget = get(1, &mut kw, "fget");
    let fset = get(2, &mut kw, "fset");
    let fdel = get(3, &mut kw, "fdel");
    let doc = get(4, &mut kw, "doc");
    Ok(Value::Native(Arc::new(Property {
        fget,
        fset,
        fdel,
        doc,
        name: Default::default(),
    })))
}

fn property_with(args: &[Value], which: usize) -> PyResult<Value> {
    let Some(p) = downcast::<Property>(&args[0]) else {
        return Err(PyErr::type_error("descriptor requires a 'property' object"));
    };
    let f = args.get(1).cloned().unwrap_or(Value::None);
    let mut parts = [p.fget.clone(), p.fset.clone(), p.fdel.clone()];
    parts[which] = f;
    let [fget, fset, fdel] = parts;
    Ok(Value::Native(Arc::new(Property {
        fget,
        fset,
        fdel,
        doc: p.doc.clone(),
        name: Default::default(),
    })))
}

fn property_getter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    property_with(args, 0)
}
fn property_setter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    property_with(args, 1)
}
fn property_deleter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    property_with(args, 2)
}

fn property_get(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__get__", args, 2, 3)?;
    let Some(p) = downcast::<Property>(&args[0]) else {
        return Err(PyErr::type_error("descriptor requires a 'property' object"));
    };
    if args[1].is_none() {
        return Ok(args[0].clone());
    }
    let g = p.fget.clone();
    vm.call0(&g, vec![args[1].clone()])
}

fn staticmethod_new(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("staticmethod", &args[1..], 1, 1)?;
    Ok(Value::Native(Arc::new(StaticMethod(args[1].clone()))))
}

fn classmethod_new(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("classmethod", &args[1..], 1, 1)?;
    Ok(Value::Native(Arc::new(ClassMethod(args[1].clone()))))
}

fn super_new(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let args = &args[1..];
    if args.is_empty() {
        return Err(PyErr::runtime_error("super(): no arguments"));
    }
    let Value::Class(start) = &args[0] else {
        return Err(PyErr::type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name(&args[0])
        )));
    };
    let obj = args.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Native(Arc::new(Super {
        start: start.clone(),
        obj,
    })))
}
