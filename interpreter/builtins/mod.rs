//! Built-in functions, the methods of built-in types, and the `builtins` namespace.

pub mod args;
pub mod constructors;
pub mod dict_methods;
pub mod functions;
pub mod io;
pub mod list_methods;
pub mod num_methods;
pub mod object;
pub mod seq_methods;
pub mod set_methods;
pub mod str_bytes;
pub mod str_format;
pub mod str_methods;
pub mod str_unicode;

use std::sync::Arc;

use crate::objects::function::{Binding, NativeFn};
use crate::objects::{BuiltinFn, ClassObj, Value};
use crate::vm::interp::Interp;
use crate::vm::types::Types;
use crate::vm::{PyResult, Vm};

/// A free built-in function value.
pub fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFn {
        name,
        func,
        owner: None,
        binding: Binding::Static,
    }))
}

/// Adds methods (taking `self` first) to a built-in class.
pub fn add_methods(cls: &Arc<ClassObj>, owner: &'static str, methods: &[(&'static str, NativeFn)]) {
    for (name, func) in methods {
        cls.dict.set_str(
            name,
            Value::Builtin(Arc::new(BuiltinFn {
                name,
                func: *func,
                owner: Some(owner),
                binding: Binding::Method,
            })),
        );
    }
}

/// Adds a method that never binds (`__new__`, `str.maketrans`).
pub fn add_static(cls: &Arc<ClassObj>, owner: &'static str, name: &'static str, func: NativeFn) {
    cls.dict.set_str(
        name,
        Value::Builtin(Arc::new(BuiltinFn {
            name,
            func,
            owner: Some(owner),
            binding: Binding::Static,
        })),
    );
}

/// Adds a method that binds the class (`dict.fromkeys`).
pub fn add_classmethod(
    cls: &Arc<ClassObj>,
    owner: &'static str,
    name: &'static str,
    func: NativeFn,
) {
    cls.dict.set_str(
        name,
        Value::Builtin(Arc::new(BuiltinFn {
            name,
            func,
            owner: Some(owner),
            binding: Binding::ClassMethod,
        })),
    );
}

/// Fills the built-in classes' dicts. Runs once, when the type registry is built.
pub fn register_methods(t: &Types) {
    object::register(t);
    constructors::register(t);
    str_methods::register(t);
    seq_methods::register(t);
    io::register(t);
    num_methods::register(t);
}

/// The `builtins` namespace of a new interpreter.
pub fn fill_builtins(interp: &Arc<Interp>) {
    let b = &interp.builtins;
    let t = crate::vm::types::types();
    for (name, cls) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("str", &t.str_),
        ("bytes", &t.bytes),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ] {
        b.set_str(name, Value::Class(cls.clone()));
    }
    for cls in &t.exceptions {
        b.set_str(&cls.name, Value::Class(cls.clone()));
    }
    b.set_str("EnvironmentError", Value::Class(t.os_error.clone()));
    b.set_str("IOError", Value::Class(t.os_error.clone()));
    b.set_str("None", Value::None);
    b.set_str("True", Value::Bool(true));
    b.set_str("False", Value::Bool(false));
    b.set_str("Ellipsis", Value::Ellipsis);
    b.set_str("NotImplemented", Value::NotImplemented);
    b.set_str("__debug__", Value::Bool(true));
    b.set_str("__build_class__", interp.build_class.clone());
    functions::fill(b);
    io::fill(b);
}

/// Attributes of native objects that are not methods (a file's `name`, ...).
pub fn native_attr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    io::native_attr(vm, obj, name)
}

/// `repr` of native objects without a `__repr__` method.
pub fn native_repr(vm: &mut Vm, obj: &Value) -> PyResult<Option<String>> {
    io::native_repr(vm, obj)
}
