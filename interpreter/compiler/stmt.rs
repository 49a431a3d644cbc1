//! Statements to bytecode.

use crate::bytecode::code::CodeKind;
use crate::bytecode::Op;
use crate::objects::Value;
use crate::syntax::ast::*;

use super::{CResult, Compiler, FBlock, FuncBody};

impl Compiler {
    pub(super) fn stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.set_line(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                if self.interactive && self.units.len() == 1 {
                    self.emit(Op::PrintExpr);
                } else {
                    self.emit(Op::Pop);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.assign(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.assign(target)?;
                }
                let kind = self.unit().kind;
                if let (ExprKind::Name(n), true) = (&target.kind, kind != CodeKind::Function) {
                    // `__annotations__[name] = annotation`
                    self.expr(annotation)?;
                    self.load_name("__annotations__");
                    self.load_const(Value::str(n));
                    self.emit(Op::StoreSubscr);
                }
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::JumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch(jf);
                } else {
                    let je = self.emit(Op::Jump(0));
                    self.patch(jf);
                    self.stmts(orelse)?;
                    self.patch(je);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let jf = self.emit(Op::JumpIfFalse(0));
                self.unit().fblocks.push(FBlock::Loop {
                    start,
                    is_for: false,
                    breaks: Vec::new(),
                });
                self.stmts(body)?;
                self.emit(Op::Jump(start));
                let breaks = self.pop_loop();
                self.patch(jf);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return self.async_for(target, iter, body, orelse);
                }
                self.expr(iter)?;
                self.emit(Op::GetIter);
                let start = self.here();
                let fi = self.emit(Op::ForIter(0));
                self.unit().fblocks.push(FBlock::Loop {
                    start,
                    is_for: true,
                    breaks: Vec::new(),
                });
                self.assign(target)?;
                self.stmts(body)?;
                self.emit(Op::Jump(start));
                let breaks = self.pop_loop();
                self.patch(fi);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::Break => self.break_continue(s.span, true)?,
            StmtKind::Continue => self.break_continue(s.span, false)?,
            StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => self.function_def(f, s.span)?,
            StmtKind::ClassDef(c) => self.class_def(c, s.span)?,
            StmtKind::Return(v) => {
                if self.unit().kind != CodeKind::Function {
                    return Err(self.err(s.span, "'return' outside function"));
                }
                let flags = &self.unit().flags;
                if v.is_some() && flags.coroutine && flags.generator {
                    return Err(self.err(s.span, "'return' with value in async generator"));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.unwind_fblocks(None, true)?;
                self.emit(Op::Return);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let j = self.emit(Op::JumpIfTrue(0));
                match msg {
                    Some(m) => {
                        self.expr(m)?;
                        self.emit(Op::RaiseAssert(1));
                    }
                    None => {
                        self.emit(Op::RaiseAssert(0));
                    }
                }
                self.patch(j);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Raise { exc, cause } => match (exc, cause) {
                (None, _) => {
                    self.emit(Op::Raise(0));
                }
                (Some(e), None) => {
                    self.expr(e)?;
                    self.emit(Op::Raise(1));
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.emit(Op::Raise(2));
                }
            },
            StmtKind::With {
                items,
                body,
                is_async,
            } => self.with(items, body, *is_async)?,
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.load_const(Value::Int(0));
                    if a.asname.is_some() && a.name.contains('.') {
                        self.load_const(Value::Bool(true));
                    } else {
                        self.load_const(Value::None);
                    }
                    let i = self.name_idx(&a.name);
                    self.emit(Op::ImportName(i));
                    match &a.asname {
                        Some(n) => self.store_name(n),
                        None => {
                            let top = a.name.split('.').next().unwrap_or("").to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(Value::Int(*level as i64));
                let fromlist: Vec<Value> = match names {
                    Some(ns) => ns.iter().map(|a| Value::str(&a.name)).collect(),
                    None => vec![Value::str("*")],
                };
                self.load_const(Value::tuple(fromlist));
                let i = self.name_idx(module.as_deref().unwrap_or(""));
                self.emit(Op::ImportName(i));
                match names {
                    Some(ns) => {
                        for a in ns {
                            let i = self.name_idx(&a.name);
                            self.emit(Op::ImportFrom(i));
                            self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                        }
                        self.emit(Op::Pop);
                    }
                    None => {
                        self.emit(Op::ImportStar);
                    }
                }
            }
        }
        Ok(())
    }

    fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit().fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    fn break_continue(&mut self, span: Span, is_break: bool) -> CResult<()> {
        let Some(loop_i) = self
            .unit()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            return Err(self.err(
                span,
                if is_break {
                    "'break' outside loop"
                } else {
                    "'continue' not properly in loop"
                },
            ));
        };
        self.unwind_fblocks(Some(loop_i + 1), false)?;
        let (start, is_for) = match &self.unit().fblocks[loop_i] {
            FBlock::Loop { start, is_for, .. } => (*start, *is_for),
            _ => unreachable!(),
        };
        if is_break {
            if is_for {
                self.emit(Op::Pop);
            }
            let j = self.emit(Op::Jump(0));
            if let FBlock::Loop { breaks, .. } = &mut self.unit().fblocks[loop_i] {
                breaks.push(j);
            }
        } else {
            self.emit(Op::Jump(start));
        }
        Ok(())
    }

    /// Emits the clean-up for every block being left, innermost first, down to `keep` blocks
    /// (`None`: all of them, for `return`). With `preserve_top`, a return value sits on top.
    fn unwind_fblocks(&mut self, keep: Option<usize>, preserve_top: bool) -> CResult<()> {
        let keep = keep.unwrap_or(0);
        let mut i = self.unit().fblocks.len();
        while i > keep {
            i -= 1;
            // Take the block out while emitting its clean-up, so a `return` in a `finally`
            // body does not unwind it again; put it back afterwards.
            let block = std::mem::replace(&mut self.unit().fblocks[i], FBlock::Try);
            match &block {
                FBlock::Loop { is_for, .. } => {
                    if *is_for && preserve_top {
                        self.emit(Op::Rot2);
                        self.emit(Op::Pop);
                    }
                }
                FBlock::Try => {
                    self.emit(Op::PopBlock);
                }
                FBlock::Finally(body) => {
                    self.emit(Op::PopBlock);
                    let saved: Vec<FBlock> = self.unit().fblocks.drain(i..).collect();
                    let r = self.stmts(body);
                    self.unit().fblocks.extend(saved);
                    r?;
                }
                FBlock::Handler(name) => {
                    if preserve_top {
                        self.emit(Op::Rot2);
                    }
                    self.emit(Op::PopExcept);
                    if let Some(n) = name {
                        self.clear_handler_name(&n.clone());
                    }
                }
                FBlock::With { is_async } => {
                    self.emit(Op::PopBlock);
                    if preserve_top {
                        self.emit(Op::Rot2);
                    }
                    self.with_exit_none(*is_async);
                }
            }
            self.unit().fblocks[i] = block;
        }
        Ok(())
    }

    fn clear_handler_name(&mut self, name: &str) {
        self.load_const(Value::None);
        self.store_name(name);
        self.delete_name(name);
    }

    fn try_except(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
    ) -> CResult<()> {
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().fblocks.push(FBlock::Try);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let mut to_end = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        // The exception is on the stack here.
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.span);
            let mut next = None;
            match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit(Op::CheckExcMatch);
                    next = Some(self.emit(Op::JumpIfFalse(0)));
                }
                None => {
                    if i + 1 != handlers.len() {
                        return Err(self.err(h.span, "default 'except:' must be last"));
                    }
                }
            }
            if let Some(n) = &h.name {
                self.emit(Op::Dup);
                self.store_name(n);
            }
            self.unit().fblocks.push(FBlock::Handler(h.name.clone()));
            // If the handler body raises, its exception must still be cleared from the name.
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                self.clear_handler_name(n);
            }
            to_end.push(self.emit(Op::Jump(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.emit(Op::Reraise);
        for j in to_end {
            self.patch(j);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> CResult<()> {
        let setup = self.emit(Op::SetupExcept(0));
        self.unit()
            .fblocks
            .push(FBlock::Finally(finalbody.to_vec()));
        if handlers.is_empty() {
            self.stmts(body)?;
            self.stmts(orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        let j = self.emit(Op::Jump(0));
        self.patch(setup);
        // Exception path: the exception is on the stack while the finally body runs.
        self.unit().fblocks.push(FBlock::Handler(None));
        self.stmts(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch(j);
        Ok(())
    }

    fn with(&mut self, items: &[WithItem], body: &[Stmt], is_async: bool) -> CResult<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&first.context)?;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::YieldFrom);
        } else {
            self.emit(Op::BeforeWith);
        }
        match &first.target {
            Some(t) => self.assign(t)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().fblocks.push(FBlock::With { is_async });
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with(rest, body, is_async)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.with_exit_none(is_async);
        let j = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::WithExceptStart);
        if is_async {
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::YieldFrom);
            self.emit(Op::UnaryNot);
            self.emit(Op::UnaryNot);
        }
        let suppress = self.emit(Op::JumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.patch(j);
        Ok(())
    }

    /// Calls the `__exit__` (or awaits the `__aexit__`) on the stack with three `None`s.
    fn with_exit_none(&mut self, is_async: bool) {
        if is_async {
            for _ in 0..3 {
                self.load_const(Value::None);
            }
            self.emit(Op::Call(3));
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::YieldFrom);
            self.emit(Op::Pop);
        } else {
            self.emit(Op::WithExitNone);
        }
    }

    fn async_for(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> CResult<()> {
        // Desugared: it = iter.__aiter__(); while True: try: x = await it.__anext__()
        // except StopAsyncIteration: break ... (else runs when the loop ends normally).
        self.expr(iter)?;
        let i = self.name_idx("__aiter__");
        self.emit(Op::LoadMethod(i));
        self.emit(Op::CallMethod(0));
        let start = self.here();
        let setup = self.emit(Op::SetupExcept(0));
        self.emit(Op::Dup);
        let i = self.name_idx("__anext__");
        self.emit(Op::LoadMethod(i));
        self.emit(Op::CallMethod(0));
        self.emit(Op::GetAwaitable);
        self.load_const(Value::None);
        self.emit(Op::YieldFrom);
        self.emit(Op::PopBlock);
        self.unit().fblocks.push(FBlock::Loop {
            start,
            is_for: true,
            breaks: Vec::new(),
        });
        self.assign(target)?;
        self.stmts(body)?;
        self.emit(Op::Jump(start));
        let breaks = self.pop_loop();
        // StopAsyncIteration ends the loop; anything else propagates.
        self.patch(setup);
        self.load_name("StopAsyncIteration");
        self.emit(Op::CheckExcMatch);
        let matched = self.emit(Op::JumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(matched);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop);
        self.stmts(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn function_def(&mut self, f: &FunctionDef, span: Span) -> CResult<()> {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let defaults = self.push_defaults(&f.params)?;
        let line = self.line_of(span.start);
        self.make_function(
            &f.name,
            &f.params,
            FuncBody::Stmts(&f.body),
            line,
            defaults,
            f.is_async,
        )?;
        for _ in &f.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    /// Pushes the defaults tuple and the keyword-only defaults dict, if any.
    pub(super) fn push_defaults(&mut self, params: &Params) -> CResult<(bool, bool)> {
        let pos: Vec<&Expr> = params
            .posonly
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        let has_pos = !pos.is_empty();
        for d in &pos {
            self.expr(d)?;
        }
        if has_pos {
            self.emit(Op::BuildTuple(pos.len() as u32));
        }
        let kw: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        let has_kw = !kw.is_empty();
        for p in &kw {
            self.load_const(Value::str(&p.name));
            self.expr(p.default.as_ref().unwrap())?;
        }
        if has_kw {
            self.emit(Op::BuildMap(kw.len() as u32));
        }
        Ok((has_pos, has_kw))
    }

    fn class_def(&mut self, c: &ClassDef, span: Span) -> CResult<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Op::LoadBuildClass);
        let scope = self.next_child_scope();
        let qualname = self.qualname_for(&c.name);
        let line = self.line_of(span.start);
        let needs_cell = scope.needs_class_cell;
        let has_annotations = scope.has_annotations;
        self.push_unit(scope, CodeKind::Class, &c.name, &qualname, line);
        self.set_line(span);
        self.load_name("__name__");
        self.store_name("__module__");
        self.load_const(Value::str(&qualname));
        self.store_name("__qualname__");
        if let Some(doc) = super::docstring(&c.body) {
            self.load_const(Value::string(doc));
            self.store_name("__doc__");
        }
        if has_annotations {
            self.emit(Op::SetupAnnotations);
        }
        self.stmts(&c.body)?;
        match self.cell_idx("__class__") {
            Some(i) if needs_cell => {
                self.emit(Op::LoadCell(i));
            }
            _ => self.load_const(Value::None),
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        let i = self.add_const(Value::Native(std::sync::Arc::new(crate::vm::CodeConst(
            code,
        ))));
        self.emit(Op::MakeFunction(i));
        self.load_const(Value::str(&c.name));
        for b in &c.bases {
            self.expr(b)?;
        }
        let kws: Vec<&Keyword> = c.keywords.iter().filter(|k| k.arg.is_some()).collect();
        for k in &kws {
            self.expr(&k.value)?;
        }
        let n = 2 + c.bases.len() + kws.len();
        if kws.is_empty() {
            self.emit(Op::Call(n as u32));
        } else {
            let names: Vec<Value> = kws
                .iter()
                .map(|k| Value::str(k.arg.as_deref().unwrap_or("")))
                .collect();
            self.load_const(Value::tuple(names));
            self.emit(Op::CallKw(n as u32));
        }
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    /// Stores TOS into an assignment target.
    pub(super) fn assign(&mut self, t: &Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                    Some(si) => {
                        if items
                            .iter()
                            .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(
                                self.err(t.span, "multiple starred expressions in assignment")
                            );
                        }
                        let after = items.len() - si - 1;
                        self.emit(Op::UnpackEx((si as u32) | ((after as u32) << 16)));
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.assign(inner)?,
                        _ => self.assign(item)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.err(
                    t.span,
                    "starred assignment target must be in a list or tuple",
                ))
            }
            _ => return Err(self.err(t.span, "cannot assign to expression")),
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> CResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::DupTwo);
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(self.err(
                    target.span,
                    "'expression' is an illegal expression for augmented assignment",
                ))
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => return Err(self.err(t.span, "cannot delete expression")),
        }
        Ok(())
    }
}
