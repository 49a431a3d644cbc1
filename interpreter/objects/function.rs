//! Functions, built-in functions, bound methods, closure cells and modules.

use std::sync::Arc;

use parking_lot::Mutex;

use super::{DictObj, StrObj, Value};
use crate::bytecode::Code;
use crate::vm::{PyResult, Vm};

/// A closure cell: a variable shared between a function and the functions nested in it.
#[derive(Default)]
pub struct CellObj {
    pub value: Mutex<Option<Value>>,
}

impl CellObj {
    pub fn new(v: Option<Value>) -> CellObj {
        CellObj {
            value: Mutex::new(v),
        }
    }
}

pub struct FunctionObj {
    pub code: Arc<Code>,
    pub globals: Arc<DictObj>,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters, by name.
    pub kwdefaults: Vec<(Arc<StrObj>, Value)>,
    pub closure: Vec<Arc<CellObj>>,
    /// Attributes set on the function (`__wrapped__`, a renamed `__name__`, ...).
    pub dict: std::sync::Arc<DictObj>,
}

impl FunctionObj {
    pub fn name(&self) -> String {
        match self.dict.get_str("__name__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => self.code.name.to_string(),
        }
    }

    pub fn qualname(&self) -> String {
        match self.dict.get_str("__qualname__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => self.code.qualname.to_string(),
        }
    }
}

/// Keyword arguments passed to a built-in: names with values, in call order.
#[derive(Default)]
pub struct KwArgs(pub Vec<(Arc<StrObj>, Value)>);

impl KwArgs {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes and returns the argument called `name`.
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let i = self.0.iter().position(|(k, _)| k.as_str() == name)?;
        Some(self.0.remove(i).1)
    }
}

pub type NativeFn = fn(&mut Vm, &[Value], KwArgs) -> PyResult<Value>;

pub struct BuiltinFn {
    pub name: &'static str,
    pub func: NativeFn,
    /// Set for methods stored in a class dict, so `repr` can say `<method 'append' of 'list' objects>`.
    pub owner: Option<&'static str>,
    /// `staticmethod`-like natives (`dict.fromkeys` is a classmethod; `str.maketrans` static).
    pub binding: Binding,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Binding {
    /// Accessed through an instance, binds the instance as the first argument.
    Method,
    /// Binds the class (through an instance or the class).
    ClassMethod,
    /// Never binds.
    Static,
}

pub struct BoundMethod {
    pub receiver: Value,
    pub func: Value,
}

pub struct ModuleObj {
    pub name: String,
    pub dict: Arc<DictObj>,
}
