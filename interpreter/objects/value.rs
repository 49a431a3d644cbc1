//! The `Value` enum: small values inline, everything else behind an `Arc`.

use std::sync::Arc;

use num_bigint::BigInt;

use super::class::{ClassObj, InstanceObj};
use super::dict::DictObj;
use super::function::{BoundMethod, BuiltinFn, FunctionObj, ModuleObj};
use super::iter::IterObj;
use super::list::ListObj;
use super::native::NativeObj;
use super::set::SetObj;
use super::str::StrObj;
use crate::vm::generator::GeneratorObj;

/// A tuple's items: a `Vec` that is freed through the trashcan (`objects/trashcan.rs`), so
/// that dropping a million-deep chain of tuples does not recurse a million times. Reads go
/// through `Deref` to the `Vec`.
pub struct TupleItems(Vec<Value>);

impl TupleItems {
    pub fn new(items: Vec<Value>) -> TupleItems {
        TupleItems(items)
    }

    /// The items, moved out.
    pub fn into_vec(mut self) -> Vec<Value> {
        std::mem::take(&mut self.0)
    }
}

impl std::ops::Deref for TupleItems {
    type Target = Vec<Value>;
    #[inline]
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl Drop for TupleItems {
    fn drop(&mut self) {
        let items = std::mem::take(&mut self.0);
        if !items.is_empty() {
            super::trashcan::drop_contents(super::trashcan::Contents::Items(items));
        }
    }
}

/// A gil value. Cloning never deep-copies: it bumps an `Arc` at most.
/// `None`, `bool`, small `int` and `float` are inline and cost no atomic operation to copy.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// An int outside `i64`; always normalised so that values that fit are `Int`.
    BigInt(Arc<BigInt>),
    Str(Arc<StrObj>),
    Bytes(Arc<Vec<u8>>),
    List(Arc<ListObj>),
    Tuple(Arc<TupleItems>),
    Dict(Arc<DictObj>),
    Set(Arc<SetObj>),
    /// `range(start, stop, step)`
    Range(Arc<(i64, i64, i64)>),
    /// `slice(start, stop, step)`
    Slice(Arc<(Value, Value, Value)>),
    Ellipsis,
    NotImplemented,
    Function(Arc<FunctionObj>),
    Builtin(Arc<BuiltinFn>),
    BoundMethod(Arc<BoundMethod>),
    Class(Arc<ClassObj>),
    Instance(Arc<InstanceObj>),
    Module(Arc<ModuleObj>),
    Iter(Arc<IterObj>),
    Generator(Arc<GeneratorObj>),
    Native(Arc<dyn NativeObj>),
    /// An internal stack marker (CPython's NULL): pushed by `LoadMethod` when the callable needs
    /// no `self`. Never visible to gil code.
    Null,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(StrObj::new(s)))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(StrObj::from_string(s)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(TupleItems::new(items)))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(ListObj::new(items)))
    }

    pub fn from_bigint(b: BigInt) -> Value {
        super::int::normalize(b)
    }

    /// Identity, as Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are cached in CPython; matching value is the closest equivalent.
            (Int(a), Int(b)) => a == b,
            // Floats are values here, not objects: identical bits are the same float.
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.ptr(), other.ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, used for `is`, `id()` and identity hashing.
    pub fn ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(a) => Arc::as_ptr(a) as *const u8 as usize,
            Str(a) => Arc::as_ptr(a) as *const u8 as usize,
            Bytes(a) => Arc::as_ptr(a) as *const u8 as usize,
            List(a) => Arc::as_ptr(a) as *const u8 as usize,
            Tuple(a) => Arc::as_ptr(a) as *const u8 as usize,
            Dict(a) => Arc::as_ptr(a) as *const u8 as usize,
            Set(a) => Arc::as_ptr(a) as *const u8 as usize,
            Range(a) => Arc::as_ptr(a) as *const u8 as usize,
            Slice(a) => Arc::as_ptr(a) as *const u8 as usize,
            Function(a) => Arc::as_ptr(a) as *const u8 as usize,
            Builtin(a) => Arc::as_ptr(a) as *const u8 as usize,
            BoundMethod(a) => Arc::as_ptr(a) as *const u8 as usize,
            Class(a) => Arc::as_ptr(a) as *const u8 as usize,
            Instance(a) => Arc::as_ptr(a) as *const u8 as usize,
            Module(a) => Arc::as_ptr(a) as *const u8 as usize,
            Iter(a) => Arc::as_ptr(a) as *const u8 as usize,
            Generator(a) => Arc::as_ptr(a) as *const u8 as usize,
            Native(a) => Arc::as_ptr(a) as *const u8 as usize,
            _ => return Option::None,
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `clone()` with the inline variants handled without a call: the dispatch loop's
    /// loads copy ints and floats far more often than anything else.
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::Int(i) => Value::Int(*i),
            Value::Float(x) => Value::Float(*x),
            Value::Bool(b) => Value::Bool(*b),
            Value::None => Value::None,
            other => other.clone(),
        }
    }

    /// Drops a value, skipping the out-of-line drop glue for the variants that own nothing.
    #[inline(always)]
    pub fn fast_drop(self) {
        match self {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => {
                std::mem::forget(self)
            }
            other => drop(other),
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            _ => write!(f, "<{}>", crate::vm::types::type_name(self)),
        }
    }
}
