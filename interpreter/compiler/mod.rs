//! AST to bytecode. One `Unit` per code object being built; names are resolved through the
//! scope tree from `symtable`, so locals become slot indices and closures go through cells.

mod expr;
mod stmt;
pub mod symtable;

use std::collections::HashMap;
use std::sync::Arc;

use crate::bytecode::code::CodeKind;
use crate::bytecode::{Code, CodeFlags, Op};
use crate::objects::{StrObj, Value};
use crate::syntax::ast::{self, Span};
use crate::syntax::{SyntaxError, SyntaxErrorKind};
use symtable::{Resolved, Scope, ScopeKind};

/// Where control goes when `break`/`continue`/`return` leaves a block.
enum FBlock {
    Loop {
        start: u32,
        is_for: bool,
        breaks: Vec<usize>,
    },
    /// A `SetupExcept` is active: leaving pops it.
    Try,
    /// Leaving runs the `finally` body.
    Finally(Vec<ast::Stmt>),
    /// Inside an `except` body: the exception sits on the stack.
    Handler(Option<String>),
    /// Inside `with`: the `__exit__` callable sits on the stack.
    With { is_async: bool },
}

struct Unit {
    scope: Scope,
    next_child: usize,
    kind: CodeKind,
    name: String,
    qualname: String,
    flags: CodeFlags,
    ops: Vec<Op>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Arc<StrObj>>,
    name_index: HashMap<String, u32>,
    varnames: Vec<Arc<StrObj>>,
    var_index: HashMap<String, u32>,
    cells: Vec<String>,
    frees: Vec<String>,
    fblocks: Vec<FBlock>,
    first_line: u32,
    line: u32,
    argcount: u32,
    posonlycount: u32,
    kwonlycount: u32,
    doc: Option<String>,
    /// Positions that jumps may target (superinstructions must not swallow them).
    targets: std::collections::HashSet<u32>,
}

pub struct Compiler {
    filename: Arc<str>,
    source: Arc<str>,
    line_starts: Vec<u32>,
    units: Vec<Unit>,
    /// Expression nesting depth, bounded so hostile input cannot overflow the stack.
    depth: usize,
    /// The REPL echoes expression statements at top level.
    interactive: bool,
}

type CResult<T> = Result<T, SyntaxError>;

const MAX_DEPTH: usize = 3000;

/// Compiles a parsed module into its code object.
pub fn compile_module(
    module: &ast::Module,
    filename: &str,
    source: Arc<str>,
    interactive: bool,
) -> Result<Arc<Code>, SyntaxError> {
    let scope = symtable::analyze(module).map_err(|e| SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        message: e.message,
        offset: e.span.start as usize,
        incomplete: false,
    })?;
    let mut line_starts = vec![0u32];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            line_starts.push(i as u32 + 1);
        }
    }
    let mut c = Compiler {
        filename: filename.into(),
        source,
        line_starts,
        units: Vec::new(),
        depth: 0,
        interactive,
    };
    let has_annotations = scope.has_annotations;
    c.push_unit(scope, CodeKind::Module, "<module>", "<module>", 1);
    if has_annotations {
        c.emit(Op::SetupAnnotations);
    }
    c.stmts(&module.body)?;
    c.emit_none_return();
    Ok(c.pop_unit())
}

impl Compiler {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().unwrap()
    }

    fn err(&self, span: Span, msg: impl Into<String>) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            message: msg.into(),
            offset: span.start as usize,
            incomplete: false,
        }
    }

    fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    fn set_line(&mut self, span: Span) {
        let l = self.line_of(span.start);
        self.unit().line = l;
    }

    fn push_unit(&mut self, scope: Scope, kind: CodeKind, name: &str, qualname: &str, line: u32) {
        let cells = scope.cells.clone();
        let frees = scope.frees.clone();
        let mut flags = CodeFlags::default();
        if kind == CodeKind::Function {
            flags.generator = scope.is_generator;
            flags.coroutine = scope.is_coroutine;
        }
        self.units.push(Unit {
            scope,
            next_child: 0,
            kind,
            name: name.to_string(),
            qualname: qualname.to_string(),
            flags,
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            var_index: HashMap::new(),
            cells,
            frees,
            fblocks: Vec::new(),
            first_line: line,
            line,
            argcount: 0,
            posonlycount: 0,
            kwonlycount: 0,
            doc: None,
            targets: Default::default(),
        });
    }

    fn pop_unit(&mut self) -> Arc<Code> {
        let u = self.units.pop().unwrap();
        let cell_params = u
            .cells
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| u.var_index.get(name).map(|&slot| (slot, ci as u32)))
            .filter(|(slot, _)| (*slot as usize) < u.scope.params.len())
            .collect();
        // For each free variable, where the enclosing unit keeps that cell.
        let closure_from = match self.units.last() {
            Some(parent) => u
                .frees
                .iter()
                .map(|f| {
                    parent
                        .cells
                        .iter()
                        .position(|c| c == f)
                        .or_else(|| {
                            parent
                                .frees
                                .iter()
                                .position(|c| c == f)
                                .map(|i| i + parent.cells.len())
                        })
                        .unwrap_or(0) as u32
                })
                .collect(),
            None => Vec::new(),
        };
        let mut u = u;
        crate::bytecode::quicken::quicken(&mut u.ops, &u.lines, &u.names);
        Arc::new(Code {
            name: u.name.as_str().into(),
            qualname: u.qualname.as_str().into(),
            filename: self.filename.clone(),
            source: self.source.clone(),
            kind: u.kind,
            flags: u.flags,
            nlocals: u.varnames.len() as u32,
            ops: u.ops,
            lines: u.lines,
            first_line: u.first_line,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            argcount: u.argcount,
            posonlycount: u.posonlycount,
            kwonlycount: u.kwonlycount,
            cellvars: u.cells.iter().map(|s| s.as_str().into()).collect(),
            cell_params,
            freevars: u.frees.iter().map(|s| s.as_str().into()).collect(),
            closure_from,
            doc: u.doc.map(|d| d.as_str().into()),
            max_stack: 16,
            plain_call: !u.flags.varargs
                && !u.flags.varkw
                && !u.flags.generator
                && !u.flags.coroutine
                && u.kwonlycount == 0
                && u.cells.is_empty(),
        })
    }

    fn next_child_scope(&mut self) -> Scope {
        let u = self.unit();
        let i = u.next_child;
        u.next_child += 1;
        std::mem::replace(&mut u.scope.children[i], Scope::empty())
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.unit();
        // Superinstruction: `Compare; JumpIfFalse` becomes one `CompareJumpIfFalse`, unless
        // something jumps to the `JumpIfFalse` itself.
        if let (Op::JumpIfFalse(t), Some(Op::Compare(c))) = (op, u.ops.last().copied()) {
            let pos = u.ops.len() as u32;
            if !u.targets.contains(&pos) && t < (1 << 28) {
                *u.ops.last_mut().unwrap() = Op::CompareJumpIfFalse(cmp_jump(c, t));
                return u.ops.len() - 1;
            }
        }
        u.ops.push(op);
        u.lines.push(u.line);
        u.ops.len() - 1
    }

    /// The current position, recorded as a possible jump target.
    fn here(&mut self) -> u32 {
        let u = self.unit();
        let pos = u.ops.len() as u32;
        u.targets.insert(pos);
        pos
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let op = &mut self.unit().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(target),
            Op::JumpIfTrue(_) => Op::JumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupExcept(_) => Op::SetupExcept(target),
            Op::CompareJumpIfFalse(arg) => {
                Op::CompareJumpIfFalse(cmp_jump(crate::bytecode::op::cmp_of(arg), target))
            }
            other => other,
        };
    }

    fn add_const(&mut self, v: Value) -> u32 {
        let u = self.unit();
        // Share identical simple constants.
        for (i, c) in u.consts.iter().enumerate() {
            let same = match (c, &v) {
                (Value::None, Value::None) => true,
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Str(a), Value::Str(b)) => a.as_str() == b.as_str(),
                _ => false,
            };
            if same {
                return i as u32;
            }
        }
        u.consts.push(v);
        (u.consts.len() - 1) as u32
    }

    fn load_const(&mut self, v: Value) {
        let i = self.add_const(v);
        self.emit(Op::LoadConst(i));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        u.names.push(crate::objects::str::intern(name));
        let i = (u.names.len() - 1) as u32;
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn var_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.var_index.get(name) {
            return i;
        }
        u.varnames.push(crate::objects::str::intern(name));
        let i = (u.varnames.len() - 1) as u32;
        u.var_index.insert(name.to_string(), i);
        i
    }

    fn cell_idx(&self, name: &str) -> Option<u32> {
        let u = self.units.last().unwrap();
        u.cells
            .iter()
            .position(|c| c == name)
            .or_else(|| {
                u.frees
                    .iter()
                    .position(|c| c == name)
                    .map(|i| i + u.cells.len())
            })
            .map(|i| i as u32)
    }

    fn emit_none_return(&mut self) {
        self.load_const(Value::None);
        self.emit(Op::Return);
    }

    fn load_name(&mut self, name: &str) {
        self.name_op(name, Access::Load);
    }

    fn store_name(&mut self, name: &str) {
        self.name_op(name, Access::Store);
    }

    fn delete_name(&mut self, name: &str) {
        self.name_op(name, Access::Delete);
    }

    /// Emits the load, store or delete of `name` that its scope resolution calls for.
    fn name_op(&mut self, name: &str, access: Access) {
        let u = self.units.last().unwrap();
        let res = u.scope.resolve(name);
        let kind = u.scope.kind;
        let pick = |load: fn(u32) -> Op, store: fn(u32) -> Op, delete: fn(u32) -> Op| match access {
            Access::Load => load,
            Access::Store => store,
            Access::Delete => delete,
        };
        let (make, i): (fn(u32) -> Op, u32) = match res {
            Resolved::Local => (
                pick(Op::LoadFast, Op::StoreFast, Op::DeleteFast),
                self.var_idx(name),
            ),
            Resolved::Cell | Resolved::Free => {
                let load = if kind == ScopeKind::Class {
                    Op::LoadClassDeref
                } else {
                    Op::LoadDeref
                };
                (
                    pick(load, Op::StoreDeref, Op::DeleteDeref),
                    self.cell_idx(name).unwrap_or(0),
                )
            }
            Resolved::GlobalExplicit | Resolved::GlobalImplicit => (
                pick(Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal),
                self.name_idx(name),
            ),
            // Module level: the namespace is the globals dict.
            Resolved::Name if kind == ScopeKind::Module => (
                pick(Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal),
                self.name_idx(name),
            ),
            Resolved::Name => (
                pick(Op::LoadName, Op::StoreName, Op::DeleteName),
                self.name_idx(name),
            ),
        };
        self.emit(make(i));
    }

    fn qualname_for(&self, name: &str) -> String {
        // Nested in a function: `outer.<locals>.name`; in a class: `Class.name`.
        let u = self.units.last().unwrap();
        match u.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{}", u.qualname, name),
            CodeKind::Function => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Compiles a function body (def, lambda) into a new code object and emits `MakeFunction`.
    /// The caller has already pushed the defaults tuple / kw-defaults dict (per `flags`).
    fn make_function(
        &mut self,
        name: &str,
        params: &ast::Params,
        body: FuncBody,
        line: u32,
        defaults: (bool, bool),
        is_async: bool,
    ) -> CResult<()> {
        let scope = self.next_child_scope();
        let qualname = self.qualname_for(name);
        self.push_unit(scope, CodeKind::Function, name, &qualname, line);
        {
            let u = self.unit();
            u.argcount = (params.posonly.len() + params.args.len()) as u32;
            u.posonlycount = params.posonly.len() as u32;
            u.kwonlycount = params.kwonly.len() as u32;
            u.flags.varargs = params.vararg.is_some();
            u.flags.varkw = params.kwarg.is_some();
            u.flags.has_defaults = defaults.0;
            u.flags.has_kwdefaults = defaults.1;
            u.flags.coroutine = is_async;
        }
        let pnames: Vec<String> = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
            .map(|p| p.name.clone())
            .chain(params.vararg.iter().cloned())
            .chain(params.kwarg.iter().cloned())
            .collect();
        for p in &pnames {
            self.var_idx(p);
        }
        match body {
            FuncBody::Stmts(stmts) => {
                self.unit().doc = docstring(stmts);
                self.stmts(stmts)?;
                self.emit_none_return();
            }
            FuncBody::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Return);
            }
        }
        let code = self.pop_unit();
        let i = self.add_const(Value::Native(Arc::new(crate::vm::CodeConst(code))));
        self.emit(Op::MakeFunction(i));
        Ok(())
    }
}

/// Packs a comparison and a jump target into one operand.
fn cmp_jump(c: ast::CmpOp, target: u32) -> u32 {
    crate::bytecode::op::cmp_code(c) << 28 | target
}

/// The docstring of a body: its first statement, when that is a string literal.
pub(crate) fn docstring(body: &[ast::Stmt]) -> Option<String> {
    match body.first().map(|s| &s.kind) {
        Some(ast::StmtKind::Expr(ast::Expr {
            kind: ast::ExprKind::Constant(ast::Constant::Str(s)),
            ..
        })) => Some(s.clone()),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Access {
    Load,
    Store,
    Delete,
}

enum FuncBody<'a> {
    Stmts(&'a [ast::Stmt]),
    Expr(&'a ast::Expr),
}
