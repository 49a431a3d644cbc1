//! A frame: one activation of a code object.

use std::sync::Arc;

use crate::bytecode::Code;
use crate::objects::{CellObj, DictObj, Value};

/// An active `try` block: where to jump, and how much of the stacks to keep.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: u32,
    pub stack_depth: u32,
    pub exc_depth: u32,
}

pub struct Frame {
    pub code: Arc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    /// Local slots; `None` is "unbound".
    pub locals: Vec<Option<Value>>,
    /// Cell vars, then free vars.
    pub cells: Vec<Arc<CellObj>>,
    pub globals: Arc<DictObj>,
    /// The namespace of a class body (`LoadName`/`StoreName`).
    pub namespace: Option<Arc<DictObj>>,
    pub handlers: Vec<Handler>,
    /// Set once the frame has started (a generator's first `send` must be `None`).
    pub started: bool,
}

impl Frame {
    pub fn new(code: Arc<Code>, globals: Arc<DictObj>, stack: Vec<Value>) -> Box<Frame> {
        let n = code.nlocals as usize;
        let mut locals = Vec::with_capacity(n);
        locals.resize(n, None);
        let cells = (0..code.cellvars.len())
            .map(|_| Arc::new(CellObj::default()))
            .collect();
        Box::new(Frame {
            code,
            ip: 0,
            stack,
            locals,
            cells,
            globals,
            namespace: None,
            handlers: Vec::new(),
            started: false,
        })
    }

    /// Makes a recycled frame ready to run `code`, reusing its allocations.
    pub fn reset(&mut self, code: &Arc<Code>, globals: &Arc<DictObj>) {
        if !Arc::ptr_eq(&self.code, code) {
            self.code = code.clone();
        }
        if !Arc::ptr_eq(&self.globals, globals) {
            self.globals = globals.clone();
        }
        self.ip = 0;
        self.locals.resize(code.nlocals as usize, None);
        self.cells
            .extend((0..code.cellvars.len()).map(|_| Arc::new(CellObj::default())));
        self.started = false;
    }

    /// Like `reset`, but leaves `locals` empty for the caller to fill (the plain-call path
    /// moves the arguments straight in). `self` must have been cleared.
    #[inline]
    pub fn reset_empty(&mut self, code: &Arc<Code>, globals: &Arc<DictObj>) {
        if !Arc::ptr_eq(&self.code, code) {
            self.code = code.clone();
        }
        if !Arc::ptr_eq(&self.globals, globals) {
            self.globals = globals.clone();
        }
        self.ip = 0;
        self.started = false;
    }

    /// Drops the values a finished frame still holds, keeping its buffers for reuse.
    #[inline]
    pub fn clear(&mut self) {
        // Popping keeps the common case (ints, an empty stack) free of out-of-line drop glue.
        while let Some(v) = self.stack.pop() {
            v.fast_drop();
        }
        while let Some(v) = self.locals.pop() {
            if let Some(v) = v {
                v.fast_drop();
            }
        }
        self.cells.clear();
        self.handlers.clear();
        self.namespace = None;
    }

    /// The line being executed (the instruction before `ip`).
    pub fn line(&self) -> u32 {
        self.code.line_at(self.ip.saturating_sub(1))
    }

    #[inline]
    pub fn pop(&mut self) -> Value {
        // Not `unwrap_or(Value::None)`: the unused default would go through drop glue.
        match self.stack.pop() {
            Some(v) => v,
            None => Value::None,
        }
    }

    #[inline]
    pub fn top(&self) -> &Value {
        self.stack.last().unwrap_or(&Value::None)
    }
}
