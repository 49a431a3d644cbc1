//! Expressions to bytecode.

use std::sync::Arc;

use crate::bytecode::code::CodeKind;
use crate::bytecode::Op;
use crate::objects::Value;
use crate::syntax::ast::*;

use super::{CResult, Compiler, FuncBody};

impl Compiler {
    pub(super) fn expr(&mut self, e: &Expr) -> CResult<()> {
        self.depth += 1;
        // The parser bounds the nesting; the stack check guards a compile (`import`, `exec`)
        // run deep in a recursion.
        if self.depth > super::MAX_DEPTH || crate::vm::stack::low() {
            self.depth = 0;
            return Err(self.err(e.span, "too many nested expressions"));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult<()> {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => {
                let v = const_value(c);
                self.load_const(v);
            }
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Not => Op::UnaryNot,
                    UnaryOp::Neg => Op::UnaryNeg,
                    UnaryOp::Pos => Op::UnaryPos,
                    UnaryOp::Invert => Op::UnaryInvert,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.emit(Op::Compare(ops[0]));
                } else {
                    let mut cleanups = Vec::new();
                    for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
                        self.expr(c)?;
                        if i + 1 < ops.len() {
                            self.emit(Op::Dup);
                            self.emit(Op::Rot3);
                            self.emit(Op::Compare(*op));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(Op::Compare(*op));
                        }
                    }
                    let end = self.emit(Op::Jump(0));
                    for c in cleanups {
                        self.patch(c);
                    }
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                    self.patch(end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.err(e.span, "can't use starred expression here"));
            }
            ExprKind::List(items) => self.sequence(items, Seq::List)?,
            ExprKind::Tuple(items) => self.sequence(items, Seq::Tuple)?,
            ExprKind::Set(items) => self.sequence(items, Seq::Set)?,
            ExprKind::Dict { keys, values } => {
                if keys.iter().all(|k| k.is_some()) {
                    for (k, v) in keys.iter().zip(values) {
                        self.expr(k.as_ref().unwrap())?;
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildMap(keys.len() as u32));
                } else {
                    self.emit(Op::BuildMap(0));
                    for (k, v) in keys.iter().zip(values) {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::MapAdd(1));
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Op::DictUpdate(1));
                            }
                        }
                    }
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(Comp::List(elt), generators, e.span)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(Comp::Set(elt), generators, e.span)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(Comp::Dict(key, value), generators, e.span)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(Comp::Gen(elt), generators, e.span)?
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.emit(Op::JumpIfFalse(0));
                self.expr(body)?;
                let je = self.emit(Op::Jump(0));
                self.patch(jf);
                self.expr(orelse)?;
                self.patch(je);
            }
            ExprKind::Lambda { params, body } => {
                let defaults = self.push_defaults(params)?;
                let line = self.line_of(e.span.start);
                self.make_function(
                    "<lambda>",
                    params,
                    FuncBody::Expr(body),
                    line,
                    defaults,
                    false,
                )?;
            }
            ExprKind::Yield(v) => {
                self.check_in_function(e.span, "'yield' outside function")?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(v) => {
                self.check_in_function(e.span, "'yield' outside function")?;
                if self.unit().flags.coroutine {
                    return Err(self.err(e.span, "'yield from' inside async function"));
                }
                self.expr(v)?;
                self.emit(Op::GetYieldFromIter);
                self.load_const(Value::None);
                self.emit(Op::YieldFrom);
            }
            ExprKind::Await(v) => {
                if self.unit().kind != CodeKind::Function {
                    if !self.interactive || self.unit().kind != CodeKind::Module {
                        return Err(self.err(e.span, "'await' outside function"));
                    }
                    // Top-level `await` at the REPL: the chunk runs as a coroutine.
                    self.unit().flags.coroutine = true;
                }
                self.expr(v)?;
                self.emit(Op::GetAwaitable);
                self.load_const(Value::None);
                self.emit(Op::YieldFrom);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::Dup);
                self.assign(target)?;
            }
        }
        Ok(())
    }

    fn check_in_function(&self, span: Span, msg: &str) -> CResult<()> {
        if self.units.last().unwrap().kind != CodeKind::Function {
            return Err(self.err(span, msg));
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> CResult<()> {
        let mut n = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_const(Value::str(s));
                    n += 1;
                }
                FStringPart::Formatted {
                    value,
                    conversion,
                    format_spec,
                    debug_text,
                } => {
                    if let Some(t) = debug_text {
                        self.load_const(Value::str(t));
                        n += 1;
                    }
                    self.expr(value)?;
                    let mut flags = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if let Some(spec) = format_spec {
                        self.fstring(spec)?;
                        flags |= 8;
                    }
                    self.emit(Op::FormatValue(flags));
                    n += 1;
                }
            }
        }
        if n == 0 {
            self.load_const(Value::str(""));
        } else if n > 1 {
            self.emit(Op::BuildString(n));
        }
        Ok(())
    }

    fn sequence(&mut self, items: &[Expr], kind: Seq) -> CResult<()> {
        let starred = items.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !starred {
            for i in items {
                self.expr(i)?;
            }
            let n = items.len() as u32;
            if let (Seq::Tuple, true) = (kind, items.iter().all(is_const)) {
                if !items.is_empty() {
                    // Constant tuple: build once at compile time.
                    let u = self.unit();
                    let len = u.ops.len() - items.len();
                    u.ops.truncate(len);
                    u.lines.truncate(len);
                    let vals: Vec<Value> = items
                        .iter()
                        .map(|e| match &e.kind {
                            ExprKind::Constant(c) => const_value(c),
                            _ => Value::None,
                        })
                        .collect();
                    self.load_const(Value::tuple(vals));
                    return Ok(());
                }
            }
            self.emit(match kind {
                Seq::List => Op::BuildList(n),
                Seq::Tuple => Op::BuildTuple(n),
                Seq::Set => Op::BuildSet(n),
            });
            return Ok(());
        }
        match kind {
            Seq::Set => self.emit(Op::BuildSet(0)),
            _ => self.emit(Op::BuildList(0)),
        };
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(match kind {
                        Seq::Set => Op::SetUpdate(1),
                        _ => Op::ListExtend(1),
                    });
                }
                _ => {
                    self.expr(i)?;
                    self.emit(match kind {
                        Seq::Set => Op::SetAdd(1),
                        _ => Op::ListAppend(1),
                    });
                }
            }
        }
        if let Seq::Tuple = kind {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult<()> {
        // Zero-argument `super()` inside a method becomes `super(__class__, first_arg)`.
        if let ExprKind::Name(n) = &func.kind {
            if n == "super" && args.is_empty() && keywords.is_empty() {
                if let Some(first) = self.first_param() {
                    if self.cell_idx("__class__").is_some() {
                        self.load_name("super");
                        self.load_name("__class__");
                        self.load_name(&first);
                        self.emit(Op::Call(2));
                        return Ok(());
                    }
                }
            }
        }
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        if has_star {
            self.expr(func)?;
            self.sequence(args, Seq::Tuple)?;
            if keywords.is_empty() {
                self.emit(Op::CallEx(0));
            } else {
                self.emit(Op::BuildMap(0));
                for k in keywords {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(Value::str(name));
                            self.expr(&k.value)?;
                            self.emit(Op::BuildMap(1));
                            self.emit(Op::DictMerge(1));
                        }
                        None => {
                            self.expr(&k.value)?;
                            self.emit(Op::DictMerge(1));
                        }
                    }
                }
                self.emit(Op::CallEx(1));
            }
            return Ok(());
        }
        if !keywords.is_empty() {
            self.expr(func)?;
            for a in args {
                self.expr(a)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            let names: Vec<Value> = keywords
                .iter()
                .map(|k| Value::str(k.arg.as_deref().unwrap_or("")))
                .collect();
            self.load_const(Value::tuple(names));
            self.emit(Op::CallKw((args.len() + keywords.len()) as u32));
            return Ok(());
        }
        if let ExprKind::Attribute { value, attr } = &func.kind {
            self.expr(value)?;
            let i = self.name_idx(attr);
            self.emit(Op::LoadMethod(i));
            for a in args {
                self.expr(a)?;
            }
            self.set_line(func.span);
            self.emit(Op::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        for a in args {
            self.expr(a)?;
        }
        self.emit(Op::Call(args.len() as u32));
        Ok(())
    }

    fn first_param(&self) -> Option<String> {
        let u = self.units.last()?;
        if u.kind != CodeKind::Function || u.argcount == 0 {
            return None;
        }
        u.scope.params.first().cloned()
    }

    fn comprehension(&mut self, kind: Comp, gens: &[Comprehension], span: Span) -> CResult<()> {
        let is_gen = matches!(kind, Comp::Gen(_));
        let name = match kind {
            Comp::List(_) => "<listcomp>",
            Comp::Set(_) => "<setcomp>",
            Comp::Dict(..) => "<dictcomp>",
            Comp::Gen(_) => "<genexpr>",
        };
        // The outermost iterable is evaluated here, in the enclosing scope, before the
        // comprehension's own scope is taken: the symbol table met the scopes inside that
        // iterable (a lambda's) first.
        self.expr(&gens[0].iter)?;
        if gens[0].is_async {
            let i = self.name_idx("__aiter__");
            self.emit(Op::LoadMethod(i));
            self.emit(Op::CallMethod(0));
        } else {
            self.emit(Op::GetIter);
        }
        let scope = self.next_child_scope();
        let is_async = scope.is_coroutine;
        let qualname = self.qualname_for(name);
        let line = self.line_of(span.start);
        self.push_unit(scope, CodeKind::Function, name, &qualname, line);
        self.set_line(span);
        {
            let u = self.unit();
            u.argcount = 1;
            u.flags.generator = is_gen;
        }
        self.var_idx(".0");
        match kind {
            Comp::List(_) => {
                self.emit(Op::BuildList(0));
            }
            Comp::Set(_) => {
                self.emit(Op::BuildSet(0));
            }
            Comp::Dict(..) => {
                self.emit(Op::BuildMap(0));
            }
            Comp::Gen(_) => {}
        }
        self.comp_loop(&kind, gens, 0)?;
        if is_gen {
            self.load_const(Value::None);
        }
        self.emit(Op::Return);
        let code = self.pop_unit();
        let i = self.add_const(Value::Native(Arc::new(crate::vm::CodeConst(code))));
        self.emit(Op::MakeFunction(i));
        self.emit(Op::Rot2);
        self.emit(Op::Call(1));
        if is_async && !is_gen {
            // An async comprehension is a coroutine: await its result in place.
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::YieldFrom);
        }
        Ok(())
    }

    fn comp_loop(&mut self, kind: &Comp, gens: &[Comprehension], i: usize) -> CResult<()> {
        let g = &gens[i];
        if i == 0 {
            let slot = self.var_idx(".0");
            self.emit(Op::LoadFast(slot));
        } else {
            self.expr(&g.iter)?;
            if g.is_async {
                let n = self.name_idx("__aiter__");
                self.emit(Op::LoadMethod(n));
                self.emit(Op::CallMethod(0));
            } else {
                self.emit(Op::GetIter);
            }
        }
        let start = self.here();
        // `async for`: await `__anext__()` under a handler that ends the loop on
        // StopAsyncIteration; otherwise a plain `ForIter`.
        let fi = if g.is_async {
            let setup = self.emit(Op::SetupExcept(0));
            self.emit(Op::Dup);
            let n = self.name_idx("__anext__");
            self.emit(Op::LoadMethod(n));
            self.emit(Op::CallMethod(0));
            self.emit(Op::GetAwaitable);
            self.load_const(Value::None);
            self.emit(Op::YieldFrom);
            self.emit(Op::PopBlock);
            setup
        } else {
            self.emit(Op::ForIter(0))
        };
        self.assign(&g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.expr(cond)?;
            skips.push(self.emit(Op::JumpIfFalse(0)));
        }
        if i + 1 < gens.len() {
            self.comp_loop(kind, gens, i + 1)?;
        } else {
            // Depth of the result container below the iterators once the item is popped.
            let depth = (gens.len() + 1) as u32;
            match kind {
                Comp::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(depth));
                }
                Comp::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
                Comp::Gen(e) => {
                    self.expr(e)?;
                    self.emit(Op::Yield);
                    self.emit(Op::Pop);
                }
            }
        }
        for s in skips {
            self.patch_to(s, start);
        }
        self.emit(Op::Jump(start));
        self.patch(fi);
        if g.is_async {
            // The handler: [iterator, exception].
            self.load_name("StopAsyncIteration");
            self.emit(Op::CheckExcMatch);
            let matched = self.emit(Op::JumpIfTrue(0));
            self.emit(Op::Reraise);
            self.patch(matched);
            self.emit(Op::PopExcept);
            self.emit(Op::Pop);
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Seq {
    List,
    Tuple,
    Set,
}

enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn is_const(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Constant(_))
}

pub(super) fn const_value(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::True => Value::Bool(true),
        Constant::False => Value::Bool(false),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Int(b) => Value::from_bigint(b.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::str(s),
        Constant::Bytes(b) => Value::Bytes(Arc::new(b.clone())),
    }
}
