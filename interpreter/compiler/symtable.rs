//! Scope analysis: decides, before code generation, whether each name in each scope is a local
//! slot, a cell, a free variable from an enclosing function, a global, or (in class bodies and
//! at module level) a namespace name.
//!
//! The compiler walks the AST in exactly the order this pass does, taking the next child scope
//! for each function, lambda, comprehension and class it meets.

use std::collections::{HashMap, HashSet};

use crate::syntax::ast::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Resolved {
    Local,
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
    /// Module level and class bodies: the namespace dict.
    Name,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names bound here (assigned, params, imports, def/class, for targets...).
    pub bound: Vec<String>,
    bound_set: HashSet<String>,
    pub params: Vec<String>,
    pub used: HashSet<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
    pub children: Vec<Scope>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// Names of this scope that nested scopes capture (become cells).
    pub cells: Vec<String>,
    /// Names this scope takes from enclosing functions.
    pub frees: Vec<String>,
    pub resolved: HashMap<String, Resolved>,
    /// A method that calls `super()` (or uses `__class__`): needs the implicit `__class__` cell.
    pub needs_class_cell: bool,
    pub has_annotations: bool,
}

impl Scope {
    /// A placeholder left behind when the compiler takes a child scope.
    pub fn empty() -> Scope {
        Scope::new(ScopeKind::Module, "")
    }

    fn new(kind: ScopeKind, name: &str) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            bound: Vec::new(),
            bound_set: HashSet::new(),
            params: Vec::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            cells: Vec::new(),
            frees: Vec::new(),
            resolved: HashMap::new(),
            needs_class_cell: false,
            has_annotations: false,
        }
    }

    fn bind(&mut self, name: &str) {
        if self.bound_set.insert(name.to_string()) {
            self.bound.push(name.to_string());
        }
    }

    pub fn resolve(&self, name: &str) -> Resolved {
        if let Some(r) = self.resolved.get(name) {
            return *r;
        }
        match self.kind {
            ScopeKind::Function => Resolved::GlobalImplicit,
            _ => Resolved::Name,
        }
    }
}

pub struct SymError {
    pub message: String,
    pub span: Span,
}

/// Builds the scope tree of a module.
pub fn analyze(module: &Module) -> Result<Scope, SymError> {
    let mut b = Builder { stack: Vec::new() };
    b.stack.push(Scope::new(ScopeKind::Module, "<module>"));
    for s in &module.body {
        b.stmt(s)?;
    }
    let mut top = b.stack.pop().unwrap();
    resolve(&mut top, &[])?;
    Ok(top)
}

struct Builder {
    stack: Vec<Scope>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        self.stack.last_mut().unwrap()
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SymError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn params_defaults(&mut self, p: &Params) -> Result<(), SymError> {
        for param in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            if let Some(d) = &param.default {
                self.expr(d)?;
            }
        }
        for param in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            if let Some(a) = &param.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    fn push_params(scope: &mut Scope, p: &Params) {
        let mut names: Vec<String> = Vec::new();
        names.extend(p.posonly.iter().map(|x| x.name.clone()));
        names.extend(p.args.iter().map(|x| x.name.clone()));
        names.extend(p.kwonly.iter().map(|x| x.name.clone()));
        names.extend(p.vararg.iter().cloned());
        names.extend(p.kwarg.iter().cloned());
        for n in &names {
            scope.bind(n);
        }
        scope.params = names;
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SymError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.cur().used.insert(n.clone());
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.expr(annotation)?;
                if matches!(target.kind, ExprKind::Name(_)) {
                    self.cur().has_annotations = true;
                }
                if value.is_some() || !matches!(target.kind, ExprKind::Name(_)) {
                    self.target(target)?;
                } else if let ExprKind::Name(n) = &target.kind {
                    // A bare annotation makes the name local in a function, as in Python.
                    if self.cur().kind == ScopeKind::Function {
                        self.cur().bind(n);
                    }
                }
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.params_defaults(&f.params)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.cur().bind(&f.name);
                let mut scope = Scope::new(ScopeKind::Function, &f.name);
                scope.is_coroutine = f.is_async;
                Self::push_params(&mut scope, &f.params);
                self.stack.push(scope);
                self.stmts(&f.body)?;
                let scope = self.stack.pop().unwrap();
                self.cur().children.push(scope);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.cur().bind(&c.name);
                self.stack.push(Scope::new(ScopeKind::Class, &c.name));
                self.stmts(&c.body)?;
                let scope = self.stack.pop().unwrap();
                self.cur().children.push(scope);
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    if self.cur().bound_set.contains(n) && self.cur().kind == ScopeKind::Function {
                        let is_param = self.cur().params.contains(n);
                        if is_param {
                            return Err(SymError {
                                message: format!("name '{n}' is parameter and global"),
                                span: s.span,
                            });
                        }
                    }
                    self.cur().globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(names) => {
                if self.cur().kind != ScopeKind::Function {
                    return Err(SymError {
                        message: "nonlocal declaration not allowed at module level".into(),
                        span: s.span,
                    });
                }
                for n in names {
                    self.cur().nonlocals.insert(n.clone());
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.cur().bind(n);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context)?;
                    if let Some(t) = &it.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or("").to_string(),
                    };
                    self.cur().bind(&bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => match names {
                Some(names) => {
                    for a in names {
                        let n = a.asname.clone().unwrap_or_else(|| a.name.clone());
                        self.cur().bind(&n);
                    }
                }
                None => {
                    if self.cur().kind == ScopeKind::Function {
                        return Err(SymError {
                            message: "import * only allowed at module level".into(),
                            span: s.span,
                        });
                    }
                }
            },
        }
        Ok(())
    }

    fn target(&mut self, t: &Expr) -> Result<(), SymError> {
        match &t.kind {
            ExprKind::Name(n) => self.cur().bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
            }
            ExprKind::Starred(inner) => self.target(inner)?,
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
            }
            _ => self.expr(t)?,
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        generators: &[Comprehension],
        elts: &[&Expr],
        is_genexp: bool,
    ) -> Result<(), SymError> {
        // The first iterable is evaluated in the enclosing scope.
        self.expr(&generators[0].iter)?;
        let mut scope = Scope::new(ScopeKind::Function, "<comprehension>");
        scope.params = vec![".0".to_string()];
        scope.bind(".0");
        scope.is_generator = is_genexp;
        self.stack.push(scope);
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
            }
            if g.is_async {
                self.cur().is_coroutine = true;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        let scope = self.stack.pop().unwrap();
        self.cur().children.push(scope);
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SymError> {
        // The parser bounds the nesting; this guards a compile run deep in a recursion.
        if crate::vm::stack::low() {
            return Err(SymError {
                message: "too many nested expressions".into(),
                span: e.span,
            });
        }
        match &e.kind {
            ExprKind::Name(n) => {
                if n == "super" || n == "__class__" {
                    self.mark_class_cell();
                }
                self.cur().used.insert(n.clone());
            }
            ExprKind::Constant(_) => {}
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v)?;
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                for c in comparators {
                    self.expr(c)?;
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                for a in args {
                    self.expr(a)?;
                }
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
            ExprKind::Starred(v) => self.expr(v)?,
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                for i in items {
                    self.expr(i)?;
                }
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                self.comprehension(generators, &[elt], false)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators, &[elt], true)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(generators, &[key, value], false)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Lambda { params, body } => {
                self.params_defaults(params)?;
                let mut scope = Scope::new(ScopeKind::Function, "<lambda>");
                Self::push_params(&mut scope, params);
                self.stack.push(scope);
                self.expr(body)?;
                let scope = self.stack.pop().unwrap();
                self.cur().children.push(scope);
            }
            ExprKind::Yield(v) => {
                self.yield_here(e.span)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom(v) => {
                self.yield_here(e.span)?;
                self.expr(v)?;
            }
            ExprKind::Await(v) => self.expr(v)?,
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                // In a comprehension, the walrus binds in the enclosing function.
                let n = match &target.kind {
                    ExprKind::Name(n) => n.clone(),
                    _ => return Ok(()),
                };
                let idx = self
                    .stack
                    .iter()
                    .rposition(|s| s.name != "<comprehension>")
                    .unwrap_or(0);
                self.stack[idx].bind(&n);
                if idx + 1 < self.stack.len() {
                    for s in &mut self.stack[idx + 1..] {
                        s.nonlocals.insert(n.clone());
                    }
                    if self.stack[idx].kind == ScopeKind::Module {
                        for s in &mut self.stack[idx + 1..] {
                            s.nonlocals.remove(&n);
                            s.globals.insert(n.clone());
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Result<(), SymError> {
        for p in parts {
            if let FStringPart::Formatted {
                value, format_spec, ..
            } = p
            {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.fstring(spec)?;
                }
            }
        }
        Ok(())
    }

    fn yield_here(&mut self, span: Span) -> Result<(), SymError> {
        let cur = self.cur();
        if cur.kind != ScopeKind::Function {
            return Err(SymError {
                message: "'yield' outside function".into(),
                span,
            });
        }
        cur.is_generator = true;
        Ok(())
    }

    /// `super()` inside a method needs the class being defined: mark the nearest function as
    /// needing the implicit `__class__` cell of the nearest enclosing class.
    fn mark_class_cell(&mut self) {
        let n = self.stack.len();
        if n >= 2 && self.stack[n - 1].kind == ScopeKind::Function {
            if let Some(ci) = self.stack.iter().rposition(|s| s.kind == ScopeKind::Class) {
                self.stack[n - 1].needs_class_cell = true;
                self.stack[n - 1].used.insert("__class__".into());
                for s in &mut self.stack[ci + 1..n - 1] {
                    s.used.insert("__class__".into());
                }
                self.stack[ci].needs_class_cell = true;
            }
        }
    }
}

/// Resolves every scope's names, from the outside in. `enclosing` holds the names bound in
/// each enclosing *function* scope (class scopes are invisible to nested functions).
fn resolve(scope: &mut Scope, enclosing: &[HashSet<String>]) -> Result<(), SymError> {
    let mut resolved = HashMap::new();
    match scope.kind {
        ScopeKind::Module => {
            for g in &scope.globals {
                resolved.insert(g.clone(), Resolved::GlobalExplicit);
            }
        }
        ScopeKind::Class | ScopeKind::Function => {
            for g in &scope.globals {
                resolved.insert(g.clone(), Resolved::GlobalExplicit);
            }
            for n in &scope.nonlocals {
                if !enclosing.iter().any(|e| e.contains(n)) {
                    return Err(SymError {
                        message: format!("no binding for nonlocal '{n}' found"),
                        span: Span::default(),
                    });
                }
                resolved.insert(n.clone(), Resolved::Free);
            }
            if scope.kind == ScopeKind::Function {
                for b in &scope.bound {
                    if !resolved.contains_key(b) {
                        resolved.insert(b.clone(), Resolved::Local);
                    }
                }
            }
            let mut used: Vec<&String> = scope.used.iter().collect();
            used.sort();
            for u in used {
                if resolved.contains_key(u) || scope.bound_set.contains(u) {
                    continue;
                }
                if enclosing.iter().any(|e| e.contains(u)) {
                    resolved.insert(u.clone(), Resolved::Free);
                }
            }
        }
    }
    // The implicit `__class__` cell: free in methods, a cell of the class scope.
    if scope.kind == ScopeKind::Function && scope.used.contains("__class__") {
        resolved.insert("__class__".into(), Resolved::Free);
    }
    scope.resolved = resolved;

    // Names this scope offers to nested functions.
    let mut offered = enclosing.to_vec();
    if scope.kind == ScopeKind::Function {
        let mut mine: HashSet<String> = scope
            .resolved
            .iter()
            .filter(|(_, r)| matches!(r, Resolved::Local | Resolved::Free))
            .map(|(n, _)| n.clone())
            .collect();
        mine.extend(
            scope
                .resolved
                .iter()
                .filter(|(_, r)| matches!(r, Resolved::Free))
                .map(|(n, _)| n.clone()),
        );
        offered.push(mine);
    } else if scope.kind == ScopeKind::Class && scope.needs_class_cell {
        let mut s = HashSet::new();
        s.insert("__class__".to_string());
        offered.push(s);
    }

    let mut children = std::mem::take(&mut scope.children);
    for c in &mut children {
        resolve(c, &offered)?;
    }
    // A name that a child takes as free becomes a cell here if bound here, or free here too.
    let mut child_frees: Vec<String> = Vec::new();
    collect_frees(&children, &mut child_frees);
    for f in child_frees {
        match scope.resolved.get(&f).copied() {
            Some(Resolved::Local) => {
                scope.resolved.insert(f.clone(), Resolved::Cell);
            }
            Some(_) => {}
            None => {
                if scope.kind == ScopeKind::Class && f == "__class__" {
                    scope.resolved.insert(f.clone(), Resolved::Cell);
                } else if scope.kind == ScopeKind::Function
                    && enclosing.iter().any(|e| e.contains(&f))
                {
                    scope.resolved.insert(f.clone(), Resolved::Free);
                }
            }
        }
    }
    scope.children = children;
    let mut cells: Vec<String> = scope
        .resolved
        .iter()
        .filter(|(_, r)| **r == Resolved::Cell)
        .map(|(n, _)| n.clone())
        .collect();
    cells.sort();
    // Parameters keep their order first among cells, so arguments copy into them predictably.
    cells.sort_by_key(|c| {
        scope
            .params
            .iter()
            .position(|p| p == c)
            .unwrap_or(usize::MAX)
    });
    scope.cells = cells;
    let mut frees: Vec<String> = scope
        .resolved
        .iter()
        .filter(|(_, r)| **r == Resolved::Free)
        .map(|(n, _)| n.clone())
        .collect();
    frees.sort();
    scope.frees = frees;
    Ok(())
}

fn collect_frees(children: &[Scope], out: &mut Vec<String>) {
    for c in children {
        for f in &c.frees {
            if !out.contains(f) {
                out.push(f.clone());
            }
        }
    }
}
