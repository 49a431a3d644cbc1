//! Code objects: one per module, function, class body, lambda and comprehension.

use std::sync::Arc;

use super::Op;
use crate::objects::{StrObj, Value};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub varargs: bool,
    pub varkw: bool,
    pub generator: bool,
    pub coroutine: bool,
    /// `MakeFunction` finds a tuple of positional defaults below the code.
    pub has_defaults: bool,
    /// `MakeFunction` finds a dict of keyword-only defaults below the code.
    pub has_kwdefaults: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Class,
}

pub struct Code {
    pub name: Arc<str>,
    pub qualname: Arc<str>,
    pub filename: Arc<str>,
    /// The whole source file, so tracebacks can show the failing line.
    pub source: Arc<str>,
    pub kind: CodeKind,
    pub flags: CodeFlags,
    pub ops: Vec<Op>,
    /// Line number of each instruction (parallel to `ops`).
    pub lines: Vec<u32>,
    pub first_line: u32,
    pub consts: Vec<Value>,
    pub names: Vec<Arc<StrObj>>,
    /// Local slots; the parameters come first.
    pub varnames: Vec<Arc<StrObj>>,
    /// Positional parameters, positional-only included.
    pub argcount: u32,
    pub posonlycount: u32,
    pub kwonlycount: u32,
    /// Names of this code's own cells (locals captured by nested functions).
    pub cellvars: Vec<Arc<str>>,
    /// For each cell var that is also a parameter: its local slot, copied in at entry.
    pub cell_params: Vec<(u32, u32)>,
    /// Names of the cells taken from the enclosing function.
    pub freevars: Vec<Arc<str>>,
    /// For each free var: the index of the cell in the *enclosing* frame's cells.
    pub closure_from: Vec<u32>,
    /// Slots in the frame: `varnames.len()`.
    pub nlocals: u32,
    /// The docstring (first statement of a function or class body, if a string).
    pub doc: Option<Arc<str>>,
    /// A conservative bound on the value-stack depth, to reserve it once per call.
    pub max_stack: u32,
    /// Positional parameters only and no cells of its own: a call with exactly `argcount`
    /// positional arguments moves them into the slots with no binding logic.
    pub plain_call: bool,
}

impl Code {
    pub fn line_at(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }

    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlycount) as usize
            + self.flags.varargs as usize
            + self.flags.varkw as usize
    }
}
