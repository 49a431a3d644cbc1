//! The wire format between a gil process and its worker children: an explicit enum of the
//! values that can cross a process boundary, encoded with `postcard` (compact, varint-based,
//! no schema negotiation, no self-description overhead: both ends are the same binary).
//!
//! Functions and classes cross *by reference* (module + qualified name), as pickle does:
//! the child imports the module and looks the name up. Instances of module-level classes
//! (dataclasses included) cross as class reference + attribute dict; exceptions as class
//! reference + `args` + attribute dict. Anything else (lambdas, nested functions, locks,
//! files, generators, coroutines, modules, sockets...) is refused with pickle's wording
//! *before* anything is written to a pipe.

use std::sync::{Arc, OnceLock};

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

use crate::objects::class::Layout;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::types::{new_class, type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

/// One value on the wire.
#[derive(Serialize, Deserialize, Debug)]
pub enum Wire {
    None,
    Bool(bool),
    Int(i64),
    /// An int outside `i64`: signed little-endian two's complement bytes.
    BigInt(#[serde(with = "raw_bytes")] Vec<u8>),
    Float(f64),
    Str(String),
    Bytes(#[serde(with = "raw_bytes")] Vec<u8>),
    List(Vec<Wire>),
    Tuple(Vec<Wire>),
    Dict(Vec<(Wire, Wire)>),
    Set(Vec<Wire>),
    FrozenSet(Vec<Wire>),
    Range(i64, i64, i64),
    /// A module-level function or class, or a built-in: found again by name.
    Global {
        module: String,
        qualname: String,
    },
    /// An instance of a module-level class: the class, then the instance's attributes.
    Object {
        class: Box<Wire>,
        dict: Vec<(String, Wire)>,
    },
    /// An exception: the class, its `args`, and its other attributes.
    Exception {
        class: Box<Wire>,
        args: Vec<Wire>,
        dict: Vec<(String, Wire)>,
    },
    /// An instance whose class defines `__getstate__`: the class, then that state (given to
    /// `__setstate__` on the other side).
    State {
        class: Box<Wire>,
        state: Box<Wire>,
    },
    /// One end of a pipe, inherited by a starting process under the same number (`mp_conn`).
    Conn {
        fd: i32,
        readable: bool,
        writable: bool,
    },
    /// A process-shared lock: its pipe's two descriptors, inherited likewise.
    PipeLock {
        r: i32,
        w: i32,
    },
}

/// Byte strings as one length-prefixed block (serde would otherwise write a `Vec<u8>` as a
/// sequence, one call per byte: 1 MB took milliseconds each way).
mod raw_bytes {
    use serde::de::{Deserializer, Error, SeqAccess, Visitor};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Vec<u8>, A::Error> {
                let mut out = Vec::new();
                while let Some(b) = a.next_element()? {
                    out.push(b);
                }
                Ok(out)
            }
        }
        d.deserialize_byte_buf(V)
    }
}

thread_local! {
    /// While a `Process` is being started: the descriptors its arguments hold, which the
    /// child will inherit. `None` otherwise, when descriptors cannot cross.
    static PASSING: std::cell::RefCell<Option<Vec<i32>>> = const { std::cell::RefCell::new(None) };
}

/// The CPython wording for an object that only a starting process may inherit.
pub fn inheritance_only(what: &str) -> PyErr {
    PyErr::runtime_error(format!(
        "{what} objects should only be shared between processes through inheritance"
    ))
}

/// Whether a `Process` is being started on this thread (`_mp.assert_spawning`).
pub fn spawning() -> bool {
    PASSING.with(|p| p.borrow().is_some())
}

/// Lists descriptors for the starting process, or refuses them outside a start.
fn pass_fds(fds: &[i32], what: &str) -> PyResult<()> {
    PASSING.with(|p| match p.borrow_mut().as_mut() {
        Some(v) => {
            v.extend_from_slice(fds);
            Ok(())
        }
        None => Err(inheritance_only(what)),
    })
}

/// `multiprocessing.PicklingError` (pickle's `PicklingError`).
pub fn pickling_error() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class(
            "PicklingError",
            vec![types().exception.clone()],
            Layout::Exception,
        );
        c.dict.set_str("__module__", Value::str("_pickle"));
        c
    })
}

/// A hard bound on nesting, whatever the recursion limit: the receiving side decodes (and
/// drops) a `Wire` recursively, on its own stack.
const MAX_DEPTH: usize = 1000;

/// CPython's `RecursionError` suffix for pickling nested values.
const WHILE_PICKLING: &str = " while pickling an object";

/// The module a main-script object is known by on the other side.
fn wire_module(m: &str) -> String {
    if m == "__mp_main__" {
        "__main__".to_string()
    } else {
        m.to_string()
    }
}

fn cannot_pickle(v: &Value) -> PyErr {
    let mut name = type_name(v);
    if let Value::Native(n) = v {
        let c = n.class();
        if c.name == "lock" || c.name == "RLock" {
            name = format!("_thread.{}", c.name);
        }
    }
    if name == "TextIOWrapper" || name == "BufferedReader" || name == "BufferedWriter" {
        name = format!("_io.{name}");
    }
    PyErr::type_error(format!("cannot pickle '{name}' object"))
}

/// Serialises `v`, or raises the error pickle would.
pub fn encode(vm: &mut Vm, v: &Value) -> PyResult<Wire> {
    enc(vm, v, 0)
}

fn enc(vm: &mut Vm, v: &Value, depth: usize) -> PyResult<Wire> {
    if depth > MAX_DEPTH {
        return Err(PyErr::recursion_error_while(WHILE_PICKLING));
    }
    // One level of native recursion, as in pickle's `save` (bounded by the recursion limit).
    vm.nested(WHILE_PICKLING, |vm| enc_value(vm, v, depth + 1))
}

fn enc_value(vm: &mut Vm, v: &Value, d: usize) -> PyResult<Wire> {
    Ok(match v {
        Value::None => Wire::None,
        Value::Bool(b) => Wire::Bool(*b),
        Value::Int(i) => Wire::Int(*i),
        Value::BigInt(b) => Wire::BigInt(b.to_signed_bytes_le()),
        Value::Float(f) => Wire::Float(*f),
        Value::Str(s) => Wire::Str(s.as_str().to_string()),
        Value::Bytes(b) => Wire::Bytes((**b).clone()),
        Value::List(l) => {
            let items = l.snapshot();
            Wire::List(enc_all(vm, &items, d)?)
        }
        Value::Tuple(t) => Wire::Tuple(enc_all(vm, t, d)?),
        Value::Dict(dict) => {
            let items = dict.lock().items();
            let mut out = Vec::with_capacity(items.len());
            for (k, val) in items {
                out.push((enc(vm, &k, d)?, enc(vm, &val, d)?));
            }
            Wire::Dict(out)
        }
        Value::Set(s) => {
            let items = s.lock().keys();
            let w = enc_all(vm, &items, d)?;
            if s.frozen {
                Wire::FrozenSet(w)
            } else {
                Wire::Set(w)
            }
        }
        Value::Range(r) => Wire::Range(r.0, r.1, r.2),
        Value::Function(f) => {
            let module = match f.dict.get_str("__module__") {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => match f.globals.get_str("__name__") {
                    Some(Value::Str(s)) => s.as_str().to_string(),
                    _ => "__main__".into(),
                },
            };
            global_ref(vm, v, &module, &f.qualname())?
        }
        Value::Builtin(b) if b.owner.is_none() => match vm.interp.builtins.get_str(b.name) {
            Some(found) if found.is(v) => Wire::Global {
                module: "builtins".into(),
                qualname: b.name.to_string(),
            },
            _ => return Err(cannot_pickle(v)),
        },
        Value::Class(c) => class_ref(vm, c)?,
        Value::Native(_) => {
            use super::mp_conn::Conn;
            use super::mp_lock::PipeLock;
            if let Some(c) = crate::vm::attr::downcast::<Conn>(v) {
                let fd = c
                    .fd()
                    .ok_or_else(|| PyErr::new(&types().os_error, "handle is closed"))?;
                pass_fds(&[fd], "Connection")?;
                Wire::Conn {
                    fd,
                    readable: c.readable,
                    writable: c.writable,
                }
            } else if let Some(l) = crate::vm::attr::downcast::<PipeLock>(v) {
                let (r, w) = l.fds();
                pass_fds(&[r, w], "Lock")?;
                Wire::PipeLock { r, w }
            } else {
                return Err(cannot_pickle(v));
            }
        }
        Value::Instance(i)
            if i.class().layout != Layout::Exception && user_getstate(&i.class()).is_some() =>
        {
            let cls = i.class();
            let class = Box::new(class_ref(vm, &cls)?);
            let f = user_getstate(&cls).unwrap_or(Value::None);
            let state = vm.call(&f, vec![v.clone()], Default::default())?;
            Wire::State {
                class,
                state: Box::new(enc(vm, &state, d)?),
            }
        }
        Value::Instance(i) => {
            let cls = i.class();
            let class = Box::new(class_ref(vm, &cls)?);
            let mut dict = Vec::new();
            for (k, val) in i.dict.lock().items() {
                let Value::Str(k) = k else { continue };
                if k.as_str() == "args" && cls.layout == Layout::Exception {
                    continue;
                }
                dict.push((k.as_str().to_string(), enc(vm, &val, d)?));
            }
            if cls.layout == Layout::Exception {
                let args = match i.dict.get_str("args") {
                    Some(Value::Tuple(t)) => enc_all(vm, &t, d)?,
                    _ => Vec::new(),
                };
                Wire::Exception { class, args, dict }
            } else if i.builtin_value().is_some() {
                return Err(cannot_pickle(v));
            } else {
                Wire::Object { class, dict }
            }
        }
        _ => return Err(cannot_pickle(v)),
    })
}

/// `__getstate__` defined by a user class (not a built-in default).
fn user_getstate(cls: &Arc<ClassObj>) -> Option<Value> {
    match cls.lookup("__getstate__")? {
        f @ Value::Function(_) => Some(f),
        _ => None,
    }
}

fn enc_all(vm: &mut Vm, items: &[Value], depth: usize) -> PyResult<Vec<Wire>> {
    items.iter().map(|x| enc(vm, x, depth)).collect()
}

fn class_ref(vm: &mut Vm, c: &Arc<ClassObj>) -> PyResult<Wire> {
    let module = match c.dict.get_str("__module__") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "builtins".into(),
    };
    if c.builtin || module == "builtins" {
        return Ok(Wire::Global {
            module: "builtins".into(),
            qualname: c.name.clone(),
        });
    }
    global_ref(vm, &Value::Class(c.clone()), &module, &c.qualname)
}

/// A reference to a module-level function or class, checked the way pickle checks it: the
/// name must lead back to the very same object.
fn global_ref(vm: &mut Vm, v: &Value, module: &str, qualname: &str) -> PyResult<Wire> {
    if qualname.contains("<locals>") {
        return Err(PyErr::attribute_error(format!(
            "Can't pickle local object '{qualname}'"
        )));
    }
    let shown = || match v {
        Value::Function(_) => format!("<function {qualname} at {}>", crate::vm::convert::addr(v)),
        Value::Class(_) => format!("<class '{module}.{qualname}'>"),
        _ => qualname.to_string(),
    };
    let found = lookup(vm, module, qualname);
    match found {
        Some(f) if f.is(v) => Ok(Wire::Global {
            module: wire_module(module),
            qualname: qualname.to_string(),
        }),
        Some(_) => Err(PyErr::new(
            pickling_error(),
            format!(
                "Can't pickle {}: it's not the same object as {module}.{qualname}",
                shown()
            ),
        )),
        None => Err(PyErr::new(
            pickling_error(),
            format!(
                "Can't pickle {}: attribute lookup {qualname} on {module} failed",
                shown()
            ),
        )),
    }
}

fn module_dict(vm: &mut Vm, module: &str) -> Option<Arc<DictObj>> {
    if module == "builtins" {
        return Some(vm.interp.builtins.clone());
    }
    let m = match vm.interp.modules.get_str(module) {
        Some(m) => m,
        None => {
            let alt = match module {
                "__main__" => "__mp_main__",
                "__mp_main__" => "__main__",
                _ => "",
            };
            match vm.interp.modules.get_str(alt) {
                Some(m) => m,
                None => {
                    let g = DictObj::new();
                    vm.import_name(
                        module,
                        &Value::tuple(vec![Value::str("x")]),
                        &Value::Int(0),
                        &g,
                    )
                    .ok()?
                }
            }
        }
    };
    match m {
        Value::Module(m) => Some(m.dict.clone()),
        _ => None,
    }
}

/// `module.qualname`, following dots through classes.
fn lookup(vm: &mut Vm, module: &str, qualname: &str) -> Option<Value> {
    let dict = module_dict(vm, module)?;
    let mut parts = qualname.split('.');
    let mut cur = dict.get_str(parts.next()?)?;
    for p in parts {
        cur = vm.get_attr_str(&cur, p).ok()?;
    }
    Some(cur)
}

/// Rebuilds a value received from the other side.
pub fn decode(vm: &mut Vm, w: Wire) -> PyResult<Value> {
    vm.stack_check(" while unpickling an object")?;
    Ok(match w {
        Wire::None => Value::None,
        Wire::Bool(b) => Value::Bool(b),
        Wire::Int(i) => Value::Int(i),
        Wire::BigInt(b) => Value::from_bigint(BigInt::from_signed_bytes_le(&b)),
        Wire::Float(f) => Value::Float(f),
        Wire::Str(s) => Value::string(s),
        Wire::Bytes(b) => Value::Bytes(Arc::new(b)),
        Wire::List(items) => Value::list(dec_all(vm, items)?),
        Wire::Tuple(items) => Value::tuple(dec_all(vm, items)?),
        Wire::Dict(items) => {
            let d = Arc::new(DictObj::new());
            for (k, v) in items {
                let k = decode(vm, k)?;
                let v = decode(vm, v)?;
                vm.dict_set(&d, k, v)?;
            }
            Value::Dict(d)
        }
        Wire::Set(items) => {
            let items = dec_all(vm, items)?;
            vm.new_set(items, false)?
        }
        Wire::FrozenSet(items) => {
            let items = dec_all(vm, items)?;
            vm.new_set(items, true)?
        }
        Wire::Range(a, b, c) => Value::Range(Arc::new((a, b, c))),
        Wire::Global { module, qualname } => lookup(vm, &module, &qualname).ok_or_else(|| {
            PyErr::attribute_error(format!(
                "Can't get attribute '{qualname}' on <module '{module}'>"
            ))
        })?,
        Wire::Object { class, dict } => {
            let cls = decode_class(vm, *class)?;
            let obj = vm.new_instance(&cls);
            fill_dict(vm, &obj, dict)?;
            obj
        }
        Wire::Exception { class, args, dict } => {
            let cls = decode_class(vm, *class)?;
            let args = dec_all(vm, args)?;
            let obj = match vm.call(&Value::Class(cls.clone()), args.clone(), Default::default()) {
                Ok(o @ Value::Instance(_)) => o,
                _ => vm.new_instance(&cls),
            };
            if let Value::Instance(i) = &obj {
                i.dict.set_str("args", Value::tuple(args));
            }
            fill_dict(vm, &obj, dict)?;
            obj
        }
        Wire::State { class, state } => {
            let cls = decode_class(vm, *class)?;
            let obj = vm.new_instance(&cls);
            let state = decode(vm, *state)?;
            match cls.lookup("__setstate__") {
                Some(f) => {
                    vm.call(&f, vec![obj.clone(), state], Default::default())?;
                }
                None => {
                    if let (Value::Instance(i), Value::Dict(d)) = (&obj, &state) {
                        for (k, v) in d.lock().items() {
                            if let Value::Str(k) = k {
                                i.dict.set_str(k.as_str(), v);
                            }
                        }
                    }
                }
            }
            obj
        }
        Wire::Conn {
            fd,
            readable,
            writable,
        } => super::mp_conn::adopt_conn(fd, readable, writable)?,
        Wire::PipeLock { r, w } => super::mp_lock::adopt_lock(r, w)?,
    })
}

fn dec_all(vm: &mut Vm, items: Vec<Wire>) -> PyResult<Vec<Value>> {
    items.into_iter().map(|x| decode(vm, x)).collect()
}

fn decode_class(vm: &mut Vm, w: Wire) -> PyResult<Arc<ClassObj>> {
    match decode(vm, w)? {
        Value::Class(c) => Ok(c),
        other => Err(PyErr::type_error(format!(
            "expected a class on the wire, got {}",
            type_name(&other)
        ))),
    }
}

fn fill_dict(vm: &mut Vm, obj: &Value, dict: Vec<(String, Wire)>) -> PyResult<()> {
    if let Value::Instance(i) = obj {
        for (k, v) in dict {
            let v = decode(vm, v)?;
            i.dict.set_str(&k, v);
        }
    }
    Ok(())
}

/// `encode` then `postcard`.
pub fn dumps(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    let w = encode(vm, v)?;
    postcard::to_stdvec(&w).map_err(|e| PyErr::new(pickling_error(), e.to_string()))
}

/// `dumps` for a starting `Process`: also returns the descriptors the child must inherit.
pub fn dumps_passing(vm: &mut Vm, v: &Value) -> PyResult<(Vec<u8>, Vec<i32>)> {
    let outer = PASSING.with(|p| p.borrow_mut().replace(Vec::new()));
    let r = dumps(vm, v);
    let fds = PASSING.with(|p| std::mem::replace(&mut *p.borrow_mut(), outer));
    let mut fds = fds.unwrap_or_default();
    fds.sort_unstable();
    fds.dedup();
    Ok((r?, fds))
}

/// `postcard` then `decode`.
pub fn loads(vm: &mut Vm, bytes: &[u8]) -> PyResult<Value> {
    // postcard recurses once per level (at most `MAX_DEPTH`) without a check of its own.
    if crate::vm::stack::room() < 1024 * 1024 {
        return Err(PyErr::recursion_error_while(" while unpickling an object"));
    }
    let w: Wire = postcard::from_bytes(bytes)
        .map_err(|e| PyErr::new(pickling_error(), format!("corrupt message: {e}")))?;
    decode(vm, w)
}
