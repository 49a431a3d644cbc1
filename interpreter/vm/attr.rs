//! Attribute access: instance dicts, the class MRO, descriptors (functions, properties,
//! static and class methods), `__getattr__`, `__setattr__`, and `super()`.

use std::any::Any;
use std::sync::Arc;

use crate::objects::function::{Binding, BoundMethod};
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, StrObj, Value};

use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};

pub struct StaticMethod(pub Value);
pub struct ClassMethod(pub Value);

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    /// Set by `__set_name__`, for error messages.
    pub name: parking_lot::Mutex<Option<String>>,
}

pub struct Super {
    /// Search the MRO after this class.
    pub start: Arc<ClassObj>,
    pub obj: Value,
}

macro_rules! native_class {
    ($t:ty, $field:ident) => {
        impl NativeObj for $t {
            fn class(&self) -> Arc<ClassObj> {
                types().$field.clone()
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
        }
    };
}
native_class!(StaticMethod, staticmethod);
native_class!(ClassMethod, classmethod);
native_class!(Property, property);
native_class!(Super, super_);

/// The allowed attribute names when every user class in the MRO declares `__slots__`.
fn slots_of(cls: &Arc<ClassObj>) -> Option<Vec<String>> {
    if cls.builtin {
        return None;
    }
    // The common case, without allocating: a class without `__slots__` has a `__dict__`.
    cls.dict.get_str("__slots__")?;
    let mut names = Vec::new();
    for c in cls.mro() {
        if c.builtin {
            continue;
        }
        match c.dict.get_str("__slots__") {
            Some(Value::Str(s)) => names.push(s.as_str().to_string()),
            Some(Value::Tuple(t)) => {
                names.extend(t.iter().filter_map(|v| v.as_str().map(String::from)))
            }
            Some(Value::List(l)) => names.extend(
                l.snapshot()
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from)),
            ),
            _ => return None,
        }
    }
    if names.iter().any(|n| n == "__dict__") {
        return None;
    }
    Some(names)
}

/// A traceback object: the frames an exception passed through, innermost first.
pub struct Traceback(pub Vec<crate::objects::class::TraceEntry>);

impl NativeObj for Traceback {
    fn class(&self) -> Arc<ClassObj> {
        static C: std::sync::OnceLock<Arc<ClassObj>> = std::sync::OnceLock::new();
        C.get_or_init(|| {
            super::types::new_class(
                "traceback",
                vec![types().object.clone()],
                crate::objects::class::Layout::Other,
            )
        })
        .clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub fn traceback_value(entries: &[crate::objects::class::TraceEntry]) -> Value {
    if entries.is_empty() {
        Value::None
    } else {
        Value::Native(Arc::new(Traceback(entries.to_vec())))
    }
}

pub fn downcast<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

fn bound(receiver: Value, func: Value) -> Value {
    Value::BoundMethod(Arc::new(BoundMethod { receiver, func }))
}

impl Vm {
    /// Applies the descriptor protocol to a value found in a class dict.
    /// `inst` is `None` when the attribute is read from the class itself.
    pub fn bind_descriptor(
        &mut self,
        attr: Value,
        inst: Option<&Value>,
        cls: &Arc<ClassObj>,
    ) -> PyResult<Value> {
        match &attr {
            Value::Function(_) => Ok(match inst {
                Some(i) => bound(i.clone(), attr),
                None => attr,
            }),
            Value::Builtin(b) => Ok(match (b.binding, inst) {
                (Binding::Method, Some(i)) => bound(i.clone(), attr),
                (Binding::ClassMethod, _) => bound(Value::Class(cls.clone()), attr),
                _ => attr,
            }),
            Value::Native(n) => {
                let any = n.as_any();
                if let Some(s) = any.downcast_ref::<StaticMethod>() {
                    return Ok(s.0.clone());
                }
                if let Some(c) = any.downcast_ref::<ClassMethod>() {
                    return Ok(bound(Value::Class(cls.clone()), c.0.clone()));
                }
                if let Some(p) = any.downcast_ref::<Property>() {
                    return match inst {
                        Some(i) => {
                            if p.fget.is_none() {
                                return Err(PyErr::attribute_error("property has no getter"));
                            }
                            let g = p.fget.clone();
                            self.call0(&g, vec![i.clone()])
                        }
                        None => Ok(attr.clone()),
                    };
                }
                Ok(attr.clone())
            }
            Value::Instance(_) => {
                // A user-defined descriptor: `__get__(self, instance, owner)`.
                if let Some(get) = type_of(&attr).lookup("__get__") {
                    let i = inst.cloned().unwrap_or(Value::None);
                    return self.call0(&get, vec![attr.clone(), i, Value::Class(cls.clone())]);
                }
                Ok(attr)
            }
            _ => Ok(attr),
        }
    }

    fn is_data_descriptor(v: &Value) -> bool {
        match v {
            Value::Native(n) => n.as_any().is::<Property>(),
            Value::Instance(_) => type_of(v).lookup("__set__").is_some(),
            _ => false,
        }
    }

    pub fn get_attr(&mut self, obj: &Value, name: &Arc<StrObj>) -> PyResult<Value> {
        match self.get_attr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    pub fn get_attr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        self.get_attr(obj, &Arc::new(StrObj::new(name)))
    }

    pub fn no_attribute(&self, obj: &Value, name: &str) -> PyErr {
        let msg = match obj {
            Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
            Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            _ => format!("'{}' object has no attribute '{name}'", type_name(obj)),
        };
        let e = PyErr::attribute_error(msg);
        if let Value::Instance(i) = &e.exc {
            i.dict.set_str("name", Value::str(name));
            i.dict.set_str("obj", obj.clone());
        }
        e
    }

    /// Attribute lookup that reports absence as `None` (for `hasattr`, `getattr` defaults).
    pub fn get_attr_opt(&mut self, obj: &Value, name: &Arc<StrObj>) -> PyResult<Option<Value>> {
        let n = name.as_str();
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class();
                let cls_attr = cls.lookup(n);
                if let Some(a) = &cls_attr {
                    if Self::is_data_descriptor(a) {
                        return self.bind_descriptor(a.clone(), Some(obj), &cls).map(Some);
                    }
                }
                if let Some(v) = inst.dict.get_strkey(name) {
                    return Ok(Some(v));
                }
                if let Some(v) = self.special_instance_attr(inst, &cls, n) {
                    return Ok(Some(v));
                }
                if let Some(a) = cls_attr {
                    return self.bind_descriptor(a, Some(obj), &cls).map(Some);
                }
                if let Some(ga) = cls.lookup("__getattr__") {
                    // The user's AttributeError (and its message) propagates.
                    return self
                        .call0(&ga, vec![obj.clone(), Value::Str(name.clone())])
                        .map(Some);
                }
                Ok(None)
            }
            Value::Class(cls) => {
                if let Some(v) = self.special_class_attr(cls, n) {
                    return Ok(Some(v));
                }
                match cls.lookup(n) {
                    Some(a) => self.bind_descriptor(a, None, cls).map(Some),
                    None => {
                        // Attributes of `type` itself (`mro`, ...).
                        let t = types().type_.clone();
                        match t.lookup(n) {
                            Some(a) => self.bind_descriptor(a, Some(obj), &t).map(Some),
                            None => Ok(None),
                        }
                    }
                }
            }
            Value::Module(m) => {
                if let Some(v) = m.dict.get_strkey(name) {
                    return Ok(Some(v));
                }
                Ok(match n {
                    "__dict__" => Some(Value::Dict(m.dict.clone())),
                    "__name__" => Some(Value::str(&m.name)),
                    // PEP 562: a module-level `__getattr__` supplies missing attributes
                    // (lazy imports, as in CPython's `concurrent.futures`).
                    _ => match m.dict.get_str("__getattr__") {
                        Some(f) => {
                            match self.call(&f, vec![Value::Str(name.clone())], Default::default())
                            {
                                Ok(v) => Some(v),
                                Err(e) if e.matches(&types().attribute_error) => None,
                                Err(e) => return Err(e),
                            }
                        }
                        None => None,
                    },
                })
            }
            Value::Function(f) => {
                if let Some(v) = f.dict.get_strkey(name) {
                    return Ok(Some(v));
                }
                let v = match n {
                    "__name__" => Some(Value::string(f.name())),
                    "__qualname__" => Some(Value::string(f.qualname())),
                    "__doc__" => Some(match &f.code.doc {
                        Some(d) => Value::str(d),
                        None => Value::None,
                    }),
                    "__dict__" => Some(Value::Dict(f.dict.clone())),
                    "__defaults__" => Some(if f.defaults.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.defaults.clone())
                    }),
                    "__globals__" => Some(Value::Dict(f.globals.clone())),
                    "__code__" => Some(Value::Native(Arc::new(super::CodeConst(f.code.clone())))),
                    _ => None,
                };
                if v.is_some() {
                    return Ok(v);
                }
                self.generic_type_attr(obj, n)
            }
            Value::BoundMethod(m) => match n {
                "__self__" => Ok(Some(m.receiver.clone())),
                "__func__" => Ok(Some(m.func.clone())),
                _ => {
                    let f = m.func.clone();
                    self.get_attr_opt(&f, name)
                }
            },
            Value::Builtin(b) => Ok(match n {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                "__doc__" => Some(Value::None),
                _ => self.generic_type_attr(obj, n)?,
            }),
            Value::Native(nat) => {
                if let Some(s) = nat.as_any().downcast_ref::<Super>() {
                    return self.super_getattr(s, n);
                }
                if let Some(p) = nat.as_any().downcast_ref::<Property>() {
                    match n {
                        "fget" => return Ok(Some(p.fget.clone())),
                        "fset" => return Ok(Some(p.fset.clone())),
                        "fdel" => return Ok(Some(p.fdel.clone())),
                        "__doc__" => return Ok(Some(p.doc.clone())),
                        _ => {}
                    }
                }
                if let Some(s) = nat.as_any().downcast_ref::<StaticMethod>() {
                    if n == "__func__" {
                        return Ok(Some(s.0.clone()));
                    }
                }
                if let Some(s) = nat.as_any().downcast_ref::<ClassMethod>() {
                    if n == "__func__" {
                        return Ok(Some(s.0.clone()));
                    }
                }
                if let Some(v) = crate::builtins::native_attr(self, obj, n)? {
                    return Ok(Some(v));
                }
                self.generic_type_attr(obj, n)
            }
            _ => {
                match (obj, n) {
                    (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "real" | "numerator") => {
                        return Ok(Some(super::ops::int_value(obj)))
                    }
                    (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => {
                        return Ok(Some(Value::Int(0)))
                    }
                    (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => {
                        return Ok(Some(Value::Int(1)))
                    }
                    (Value::Float(x), "real") => return Ok(Some(Value::Float(*x))),
                    (Value::Float(_), "imag") => return Ok(Some(Value::Float(0.0))),
                    (Value::Slice(s), "start") => return Ok(Some(s.0.clone())),
                    (Value::Slice(s), "stop") => return Ok(Some(s.1.clone())),
                    (Value::Slice(s), "step") => return Ok(Some(s.2.clone())),
                    (Value::Range(r), "start") => return Ok(Some(Value::Int(r.0))),
                    (Value::Range(r), "stop") => return Ok(Some(Value::Int(r.1))),
                    (Value::Range(r), "step") => return Ok(Some(Value::Int(r.2))),
                    (Value::Generator(g), "ag_running") if g.is_asyncgen() => {
                        let running = g.ag.as_ref().is_some_and(|a| a.running());
                        return Ok(Some(Value::Bool(running)));
                    }
                    (Value::Generator(g), "__name__") => return Ok(Some(Value::string(g.name()))),
                    (Value::Generator(g), "__qualname__") => {
                        return Ok(Some(Value::string(g.qualname())))
                    }
                    _ => {}
                }
                self.generic_type_attr(obj, n)
            }
        }
    }

    /// Attributes found on the value's type (methods of built-in types, `__class__`).
    fn generic_type_attr(&mut self, obj: &Value, n: &str) -> PyResult<Option<Value>> {
        if n == "__class__" {
            return Ok(Some(Value::Class(type_of(obj))));
        }
        let cls = type_of(obj);
        match cls.lookup(n) {
            Some(a) => self.bind_descriptor(a, Some(obj), &cls).map(Some),
            None => Ok(None),
        }
    }

    fn special_instance_attr(
        &mut self,
        inst: &crate::objects::InstanceObj,
        cls: &Arc<ClassObj>,
        n: &str,
    ) -> Option<Value> {
        match n {
            "__class__" => return Some(Value::Class(cls.clone())),
            "__dict__" => return Some(Value::Dict(inst.dict.clone())),
            _ => {}
        }
        let st = inst.exc_state()?;
        let st = st.lock();
        match n {
            "__cause__" => Some(st.cause.clone().unwrap_or(Value::None)),
            "__context__" => Some(st.context.clone().unwrap_or(Value::None)),
            "__suppress_context__" => Some(Value::Bool(st.suppress_context)),
            "__traceback__" => Some(traceback_value(&st.traceback)),
            _ => None,
        }
    }

    fn special_class_attr(&mut self, cls: &Arc<ClassObj>, n: &str) -> Option<Value> {
        Some(match n {
            "__name__" => Value::str(&cls.name),
            "__qualname__" => Value::str(&cls.qualname),
            "__mro__" => Value::tuple(cls.mro().into_iter().map(Value::Class).collect()),
            "__bases__" => Value::tuple(cls.bases.iter().cloned().map(Value::Class).collect()),
            "__base__" => cls
                .bases
                .first()
                .cloned()
                .map(Value::Class)
                .unwrap_or(Value::None),
            "__dict__" => Value::Dict(cls.dict.clone()),
            "__class__" => Value::Class(types().type_.clone()),
            "__doc__" => cls.dict.get_str("__doc__").unwrap_or(Value::None),
            _ => return None,
        })
    }

    fn super_getattr(&mut self, s: &Super, n: &str) -> PyResult<Option<Value>> {
        let (mro, inst, owner) = match &s.obj {
            Value::Class(c) => (c.mro(), None, c.clone()),
            other => {
                let c = type_of(other);
                (c.mro(), Some(other.clone()), c)
            }
        };
        let pos = mro.iter().position(|c| Arc::ptr_eq(c, &s.start));
        let Some(pos) = pos else {
            return Ok(None);
        };
        for c in &mro[pos + 1..] {
            if let Some(a) = c.dict.get_str(n) {
                return self.bind_descriptor(a, inst.as_ref(), &owner).map(Some);
            }
        }
        Ok(None)
    }

    /// `LoadMethod`: the callable and the `self` to pass, without allocating a bound method
    /// when the attribute is a plain function or built-in method found on the type.
    pub fn load_method(
        &mut self,
        obj: Value,
        name: &Arc<StrObj>,
    ) -> PyResult<(Value, Option<Value>)> {
        match &obj {
            Value::Instance(inst) => {
                let cls = inst.class();
                if let Some(a) = cls.lookup(name.as_str()) {
                    let plain = matches!(&a, Value::Function(_))
                        || matches!(&a, Value::Builtin(b) if b.binding == Binding::Method);
                    if plain && inst.dict.get_strkey(name).is_none() {
                        return Ok((a, Some(obj)));
                    }
                }
            }
            Value::Module(_) | Value::Class(_) | Value::Function(_) | Value::Native(_) => {}
            _ => {
                if let Some(a) = self.builtin_method(&obj, name) {
                    return Ok((a, Some(obj)));
                }
            }
        }
        let v = self.get_attr(&obj, name)?;
        Ok((v, None))
    }

    /// A method of a built-in type (`list.append`), through a per-thread cache. Built-in
    /// classes cannot be modified after start-up, so entries never go stale.
    fn builtin_method(&mut self, obj: &Value, name: &Arc<StrObj>) -> Option<Value> {
        let cls = super::types::builtin_type_ref(obj)?;
        if self.method_cache.is_empty() {
            // Allocated on first use and small (it doubles as the global cache does): a
            // thread that only waits on a lock stays small (10,000 of them in a benchmark;
            // the full 256-slot table was 12 KB per thread).
            self.method_cache = (0..super::METHOD_CACHE_MIN).map(|_| None).collect();
        }
        let key = (Arc::as_ptr(cls) as usize, Arc::as_ptr(name) as usize);
        let hash = (key.0 >> 4) ^ (key.1 >> 3);
        let len = self.method_cache.len();
        let mut slot = hash & (len - 1);
        if let Some((k, _name, v)) = &self.method_cache[slot] {
            if *k == key {
                return Some(v.clone());
            }
        }
        let a = cls.lookup(name.as_str())?;
        if !matches!(&a, Value::Builtin(b) if b.binding == Binding::Method) {
            return None;
        }
        if self.method_cache[slot].is_some() && len < super::METHOD_CACHE_SIZE {
            self.method_cache_evictions += 1;
            if self.method_cache_evictions as usize > len {
                self.method_cache_evictions = 0;
                self.method_cache = (0..len * 2).map(|_| None).collect();
                slot = hash & (len * 2 - 1);
            }
        }
        // Holding the name keeps its address from being reused while cached.
        self.method_cache[slot] = Some((key, name.clone(), a.clone()));
        Some(a)
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Arc<StrObj>, v: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class();
                if let Some(sa) = cls.lookup("__setattr__") {
                    if !matches!(&sa, Value::Builtin(b) if b.owner == Some("object")) {
                        self.call0(&sa, vec![obj.clone(), Value::Str(name.clone()), v])?;
                        return Ok(());
                    }
                }
                self.generic_setattr(obj, name, v)
            }
            Value::Class(c) => {
                if c.builtin {
                    return Err(PyErr::type_error(format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name.as_str(),
                        c.name
                    )));
                }
                c.dict.set_strkey(name, v);
                Ok(())
            }
            Value::Function(f) => {
                f.dict.set_strkey(name, v);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.set_strkey(name, v);
                Ok(())
            }
            _ => Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '{}'",
                type_name(obj),
                name.as_str()
            ))),
        }
    }

    /// `object.__setattr__`: data descriptors, then the instance dict.
    pub fn generic_setattr(&mut self, obj: &Value, name: &Arc<StrObj>, v: Value) -> PyResult<()> {
        let Value::Instance(inst) = obj else {
            return self.set_attr(obj, name, v);
        };
        let cls = inst.class();
        if let Some(a) = cls.lookup(name.as_str()) {
            if let Some(p) = downcast::<Property>(&a) {
                if p.fset.is_none() {
                    return Err(PyErr::attribute_error(format!(
                        "property '{}' of '{}' object has no setter",
                        name.as_str(),
                        cls.name
                    )));
                }
                let s = p.fset.clone();
                self.call0(&s, vec![obj.clone(), v])?;
                return Ok(());
            }
            if let Value::Instance(_) = &a {
                if let Some(set) = type_of(&a).lookup("__set__") {
                    self.call0(&set, vec![a.clone(), obj.clone(), v])?;
                    return Ok(());
                }
            }
        }
        if let Some(slots) = slots_of(&cls) {
            if !slots.iter().any(|s| s == name.as_str()) {
                return Err(PyErr::attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    cls.name,
                    name.as_str()
                )));
            }
        }
        if name.as_str() == "__class__" {
            if let Value::Class(c) = &v {
                *inst.class.lock() = c.clone();
                return Ok(());
            }
        }
        inst.dict.set_strkey(name, v);
        Ok(())
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Arc<StrObj>) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class();
                if let Some(da) = cls.lookup("__delattr__") {
                    if !matches!(&da, Value::Builtin(b) if b.owner == Some("object")) {
                        self.call0(&da, vec![obj.clone(), Value::Str(name.clone())])?;
                        return Ok(());
                    }
                }
                self.generic_delattr(obj, name)
            }
            Value::Class(c) if !c.builtin => {
                if c.dict.del_str(name.as_str()) {
                    Ok(())
                } else {
                    Err(self.no_attribute(obj, name.as_str()))
                }
            }
            Value::Function(f) => {
                f.dict.del_str(name.as_str());
                Ok(())
            }
            Value::Module(m) => {
                if m.dict.del_str(name.as_str()) {
                    Ok(())
                } else {
                    Err(self.no_attribute(obj, name.as_str()))
                }
            }
            _ => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    pub fn generic_delattr(&mut self, obj: &Value, name: &Arc<StrObj>) -> PyResult<()> {
        let Value::Instance(inst) = obj else {
            return Err(self.no_attribute(obj, name.as_str()));
        };
        let cls = inst.class();
        if let Some(a) = cls.lookup(name.as_str()) {
            if let Some(p) = downcast::<Property>(&a) {
                if p.fdel.is_none() {
                    return Err(PyErr::attribute_error(format!(
                        "property '{}' of '{}' object has no deleter",
                        name.as_str(),
                        cls.name
                    )));
                }
                let d = p.fdel.clone();
                self.call0(&d, vec![obj.clone()])?;
                return Ok(());
            }
        }
        if inst.dict.del_str(name.as_str()) {
            Ok(())
        } else {
            Err(self.no_attribute(obj, name.as_str()))
        }
    }
}
