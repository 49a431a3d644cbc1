//! The dispatch loop. `execute` runs a frame until it returns, yields or raises; calls to gil
//! functions switch frames inside the loop (no Rust recursion), and exceptions unwind through
//! the frames' handler blocks.

use std::sync::Arc;

use crate::bytecode::Op;
use crate::objects::class::TraceEntry;
use crate::objects::{StrObj, Value};
use crate::syntax::ast::{BinOp, CmpOp};

use super::frame::{Frame, Handler};
use super::{ops, PyErr, PyResult, Vm};

/// How a frame's execution ended.
pub enum Exec {
    Returned(Value),
    /// A generator frame yielded: it comes back to be stored in its generator.
    Yielded(Value, Box<Frame>),
    Raised(PyErr),
}

impl Vm {
    /// Runs `frame` (and every frame it calls) to completion.
    pub fn execute(&mut self, frame: Box<Frame>) -> Exec {
        self.execute_inner(frame, None)
    }

    /// Runs `frame`, first raising `throw` at its current instruction (`generator.throw`).
    pub fn execute_inner(&mut self, mut frame: Box<Frame>, throw: Option<PyErr>) -> Exec {
        let base = self.frames.len();
        self.depth += 1;
        if self.depth > self.interp.recursion_limit() + 50 || self.stack_low() {
            self.depth -= 1;
            return Exec::Raised(PyErr::recursion_error());
        }
        frame.started = true;
        if self.profiling {
            self.prof_enter_code(&frame.code);
        }
        let mut f = frame;
        let mut pending = throw;
        let result = loop {
            let r = match pending.take() {
                Some(e) => Err(e),
                None => self.run(&mut f, base),
            };
            match r {
                Ok(exec) => break exec,
                Err(err) => {
                    if !self.unwind(&mut f, base, &err) {
                        break Exec::Raised(err);
                    }
                }
            }
        };
        if self.profiling {
            self.prof_exit();
        }
        self.depth -= 1;
        result
    }

    /// Finds a handler for `err`, walking down the frames above `base`. Returns false when the
    /// exception escapes the base frame. Adds a traceback entry per frame it leaves or enters.
    fn unwind(&mut self, f: &mut Box<Frame>, base: usize, err: &PyErr) -> bool {
        let mut first = true;
        loop {
            let skip_tb = first && std::mem::take(&mut self.reraising);
            if first && !skip_tb {
                self.chain_context(err);
            }
            first = false;
            if !skip_tb {
                add_traceback(err, f);
            }
            if let Some(h) = f.handlers.pop() {
                f.stack.truncate(h.stack_depth as usize);
                self.exc_stack.truncate(h.exc_depth as usize);
                f.stack.push(err.exc.clone());
                self.exc_stack.push(err.exc.clone());
                f.ip = h.target as usize;
                return true;
            }
            if self.frames.len() <= base {
                return false;
            }
            if self.profiling {
                self.prof_exit();
            }
            let caller = self.frames.pop().unwrap();
            let done = std::mem::replace(f, caller);
            self.recycle(done);
        }
    }

    /// Sets `__context__` of a newly raised exception to the one being handled.
    fn chain_context(&self, err: &PyErr) {
        let Some(handled) = self.exc_stack.last() else {
            return;
        };
        if handled.is(&err.exc) {
            return;
        }
        if let Value::Instance(i) = &err.exc {
            if let Some(st) = i.exc_state() {
                let mut st = st.lock();
                if st.context.is_none() {
                    st.context = Some(handled.clone());
                }
            }
        }
    }

    #[inline]
    pub(crate) fn recycle(&mut self, mut f: Box<Frame>) {
        if self.frame_pool.len() < 256 {
            f.clear();
            self.frame_pool.push(f);
        }
    }

    /// A frame for `code`, recycled when possible.
    #[inline]
    pub(crate) fn alloc_frame(
        &mut self,
        code: &Arc<crate::bytecode::Code>,
        globals: &Arc<crate::objects::DictObj>,
    ) -> Box<Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                f.reset(code, globals);
                f
            }
            None => Frame::new(code.clone(), globals.clone(), Vec::new()),
        }
    }

    /// Pushes the caller and makes `new` the current frame.
    #[inline(always)]
    fn enter(&mut self, f: &mut Box<Frame>, new: Box<Frame>) -> PyResult<()> {
        if self.frames.len() + self.depth >= self.interp.recursion_limit() {
            self.recycle(new);
            return Err(PyErr::recursion_error());
        }
        let caller = std::mem::replace(f, new);
        self.frames.push(caller);
        f.started = true;
        if self.profiling {
            self.prof_enter_code(&f.code);
        }
        Ok(())
    }

    /// The loop proper. Returns `Err` for an exception raised in the current frame `f`.
    fn run(&mut self, f: &mut Box<Frame>, base: usize) -> PyResult<Exec> {
        // The current frame's instructions and instruction pointer live in locals (registers)
        // rather than behind `f.code` / `f.ip`; `reload!` re-reads both after a frame switch.
        // `f.ip` is written back before anything can observe it: on every error path of the
        // hot ops below (`tri!`, `local!`), before calls and check points, and at the top of
        // every other op.
        let mut ops: *const [Op] = &f.code.ops[..];
        let mut ip = f.ip;
        // A local's value, or `UnboundLocalError`.
        macro_rules! local {
            ($i:expr) => {
                match &f.locals[$i as usize] {
                    Some(v) => v,
                    None => {
                        f.ip = ip;
                        let name = f.code.varnames[$i as usize].as_str().to_string();
                        return Err(unbound_local(&name));
                    }
                }
            };
        }
        // `?` for the hot ops, which do not store `f.ip` up front: stores it on the error path.
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        f.ip = ip;
                        return Err(e);
                    }
                }
            };
        }
        macro_rules! reload {
            () => {{
                ops = &f.code.ops[..];
                ip = f.ip;
            }};
        }
        loop {
            // SAFETY: `ops` points into the `Arc<Code>` of the current frame `f`. A frame never
            // replaces its own `code` while it runs (only `Frame::reset` does, on a pooled frame),
            // and every place that makes another frame current (`call_at`, `Return`) calls
            // `reload!` before the next dispatch, so the slice is alive and unchanged here.
            // The index itself stays bounds-checked.
            let op = unsafe { &*ops }[ip];
            ip += 1;
            match op {
                Op::Nop => {}
                Op::Pop => {
                    if let Some(v) = f.stack.pop() {
                        v.fast_drop();
                    }
                }
                Op::LoadConst(i) => {
                    let v = f.code.consts[i as usize].fast_clone();
                    f.stack.push(v);
                }
                Op::LoadFast(i) => match &f.locals[i as usize] {
                    Some(v) => {
                        let v = v.fast_clone();
                        f.stack.push(v);
                    }
                    None => {
                        f.ip = ip;
                        let name = f.code.varnames[i as usize].as_str().to_string();
                        return Err(unbound_local(&name));
                    }
                },
                Op::StoreFast(i) => {
                    let v = f.pop();
                    if let Some(old) = f.locals[i as usize].replace(v) {
                        old.fast_drop();
                    }
                }
                Op::LoadGlobal(i) => {
                    let v = tri!(self.load_global(f, i));
                    f.stack.push(v);
                }
                Op::LoadMethod(i) => {
                    let obj = f.pop();
                    let name = f.code.names[i as usize].clone();
                    let (m, this) = tri!(self.load_method(obj, &name));
                    f.stack.push(m);
                    f.stack.push(this.unwrap_or(Value::Null));
                }
                Op::CallMethod(argc) => {
                    let argc = argc as usize;
                    let at = f.stack.len() - argc - 2;
                    // `xs.append(x)`: the hottest method call, done here without a call.
                    if argc == 1 && !self.profiling {
                        if let (Value::Builtin(b), Value::List(_)) =
                            (&f.stack[at], &f.stack[at + 1])
                        {
                            if b.name == "append" && b.owner == Some("list") {
                                let x = f.pop();
                                if let Some(Value::List(l)) = f.stack.pop() {
                                    l.push(x);
                                }
                                f.stack.pop();
                                f.stack.push(Value::None);
                                continue;
                            }
                        }
                    }
                    if matches!(f.stack[at + 1], Value::Null) {
                        f.stack.remove(at + 1);
                        f.ip = ip;
                        self.call_at(f, at, argc, None)?;
                        reload!();
                    } else {
                        f.ip = ip;
                        self.call_at(f, at, argc + 1, None)?;
                        reload!();
                    }
                }
                Op::Binary(bop) | Op::Inplace(bop) => {
                    let b = f.pop();
                    let a = f.pop();
                    let v = tri!(self.arith(&a, &b, bop, matches!(op, Op::Inplace(_))));
                    a.fast_drop();
                    b.fast_drop();
                    f.stack.push(v);
                }
                Op::LoadFastLoadFast(a, b) => {
                    let x = local!(a).fast_clone();
                    let y = local!(b).fast_clone();
                    f.stack.push(x);
                    f.stack.push(y);
                    ip += 1;
                }
                Op::BinaryFastFast(bop, inplace, a, b) => {
                    let v = tri!(self.arith(local!(a), local!(b), bop, inplace));
                    f.stack.push(v);
                    ip += 2;
                }
                Op::BinaryFastConst(bop, inplace, a, c) => {
                    let v = tri!(self.arith(local!(a), &f.code.consts[c as usize], bop, inplace));
                    f.stack.push(v);
                    ip += 2;
                }
                Op::InplaceFastConst(bop, inplace, a, c) => {
                    if let Some(x @ Value::BigInt(_)) = &mut f.locals[a as usize] {
                        if crate::objects::int::big_assign_slot(x, &f.code.consts[c as usize], bop)
                        {
                            ip += 3;
                            continue;
                        }
                    }
                    let v = tri!(self.arith(local!(a), &f.code.consts[c as usize], bop, inplace));
                    if let Some(old) = f.locals[a as usize].replace(v) {
                        old.fast_drop();
                    }
                    ip += 3;
                }
                Op::BinaryStoreFast(bop, inplace, s) => {
                    let b = f.pop();
                    let mut a = f.pop();
                    // `total += i * i` on a big int: when the stack and the target local hold
                    // the only two references, drop the local's and update the int in place.
                    if let (Value::BigInt(x), Some(Value::BigInt(l))) = (&a, &f.locals[s as usize])
                    {
                        if Arc::ptr_eq(x, l) && Arc::strong_count(x) == 2 {
                            f.locals[s as usize] = None;
                            if crate::objects::int::big_assign_slot(&mut a, &b, bop) {
                                b.fast_drop();
                                f.locals[s as usize] = Some(a);
                                ip += 1;
                                continue;
                            }
                            f.locals[s as usize] = Some(a.clone());
                        }
                    }
                    let v = tri!(self.arith(&a, &b, bop, inplace));
                    a.fast_drop();
                    b.fast_drop();
                    if let Some(old) = f.locals[s as usize].replace(v) {
                        old.fast_drop();
                    }
                    ip += 1;
                }
                Op::CompareFastConstJump(cop, a, c, t) => {
                    let truth = tri!(self.cmp_truth(local!(a), &f.code.consts[c as usize], cop));
                    ip = if truth { ip + 2 } else { t as usize };
                }
                Op::LoadFastAppend(a, n) => {
                    let obj = local!(a).clone();
                    if let (Value::List(_), Some(m)) = (&obj, list_append()) {
                        f.stack.push(m.clone());
                        f.stack.push(obj);
                    } else {
                        let name = f.code.names[n as usize].clone();
                        let (m, this) = tri!(self.load_method(obj, &name));
                        f.stack.push(m);
                        f.stack.push(this.unwrap_or(Value::Null));
                    }
                    ip += 1;
                }
                Op::ForIterStore(s, t) => {
                    let next = match f.top() {
                        Value::Iter(it) => match &**it {
                            crate::objects::iter::IterObj::Range { next, stop, step } => {
                                crate::objects::iter::IterObj::range_next(next, *stop, *step)
                                    .map(Value::Int)
                            }
                            _ => {
                                f.ip = ip;
                                let it = f.top().clone();
                                self.next(&it)?
                            }
                        },
                        _ => {
                            f.ip = ip;
                            let it = f.top().clone();
                            self.next(&it)?
                        }
                    };
                    match next {
                        Some(v) => {
                            if let Some(old) = f.locals[s as usize].replace(v) {
                                old.fast_drop();
                            }
                            ip += 1;
                        }
                        None => {
                            f.stack.pop();
                            ip = t as usize;
                        }
                    }
                }
                Op::Jump(t) => {
                    if (t as usize) < ip {
                        f.ip = ip;
                        self.check_point(f)?;
                    }
                    ip = t as usize;
                }
                Op::CompareJumpIfFalse(arg) => {
                    let cop = crate::bytecode::op::cmp_of(arg);
                    let b = f.pop();
                    let a = f.pop();
                    let truth = tri!(self.cmp_truth(&a, &b, cop));
                    a.fast_drop();
                    b.fast_drop();
                    if !truth {
                        ip = crate::bytecode::op::target_of(arg) as usize;
                    }
                }
                Op::Call(argc) => {
                    let at = f.stack.len() - argc as usize - 1;
                    f.ip = ip;
                    self.call_at(f, at, argc as usize, None)?;
                    reload!();
                }
                Op::Return | Op::ReturnFast(_) => {
                    let v = match op {
                        Op::ReturnFast(a) => local!(a).fast_clone(),
                        _ => f.pop(),
                    };
                    if self.frames.len() <= base {
                        return Ok(Exec::Returned(v));
                    }
                    if self.profiling {
                        self.prof_exit();
                    }
                    let caller = self.frames.pop().unwrap();
                    let done = std::mem::replace(f, caller);
                    self.recycle(done);
                    f.stack.push(v);
                    reload!();
                }
                _ => {
                    // Everything else may look at `f.ip` (calls, tracebacks, yields).
                    f.ip = ip;
                    match op {
                        Op::Dup => {
                            let v = f.top().clone();
                            f.stack.push(v);
                        }
                        Op::DupTwo => {
                            let n = f.stack.len();
                            let a = f.stack[n - 2].clone();
                            let b = f.stack[n - 1].clone();
                            f.stack.push(a);
                            f.stack.push(b);
                        }
                        Op::Rot2 => {
                            let n = f.stack.len();
                            f.stack.swap(n - 1, n - 2);
                        }
                        Op::Rot3 => {
                            let v = f.pop();
                            let n = f.stack.len();
                            f.stack.insert(n - 2, v);
                        }
                        Op::Rot4 => {
                            let v = f.pop();
                            let n = f.stack.len();
                            f.stack.insert(n - 3, v);
                        }
                        Op::DeleteFast(i) => {
                            let old = f.locals[i as usize].take();
                            if old.is_none() {
                                let name = f.code.varnames[i as usize].as_str().to_string();
                                return Err(unbound_local(&name));
                            }
                        }
                        Op::StoreGlobal(i) => {
                            let v = f.pop();
                            f.globals.set_strkey(&f.code.names[i as usize], v);
                        }
                        Op::DeleteGlobal(i) => {
                            let name = f.code.names[i as usize].clone();
                            if !f.globals.del_str(name.as_str()) {
                                return Err(PyErr::name_error(name.as_str()));
                            }
                        }
                        Op::LoadName(i) => {
                            let name = f.code.names[i as usize].clone();
                            let v = f
                                .namespace
                                .as_ref()
                                .and_then(|ns| ns.get_strkey(&name))
                                .or_else(|| f.globals.get_strkey(&name))
                                .or_else(|| self.interp.builtins.get_strkey(&name));
                            match v {
                                Some(v) => f.stack.push(v),
                                None => return Err(PyErr::name_error(name.as_str())),
                            }
                        }
                        Op::StoreName(i) => {
                            let v = f.pop();
                            let name = &f.code.names[i as usize];
                            match &f.namespace {
                                Some(ns) => ns.set_strkey(name, v),
                                None => f.globals.set_strkey(name, v),
                            }
                        }
                        Op::DeleteName(i) => {
                            let name = f.code.names[i as usize].clone();
                            let ok = match &f.namespace {
                                Some(ns) => ns.del_str(name.as_str()),
                                None => f.globals.del_str(name.as_str()),
                            };
                            if !ok {
                                return Err(PyErr::name_error(name.as_str()));
                            }
                        }
                        Op::LoadDeref(i) => {
                            let v = f.cells[i as usize].value.lock().clone();
                            match v {
                                Some(v) => f.stack.push(v),
                                None => return Err(self.unbound_cell(f, i)),
                            }
                        }
                        Op::LoadClassDeref(i) => {
                            let name = self.cell_name(f, i);
                            let from_ns = f.namespace.as_ref().and_then(|ns| ns.get_str(&name));
                            match from_ns {
                                Some(v) => f.stack.push(v),
                                None => {
                                    let v = f.cells[i as usize].value.lock().clone();
                                    match v {
                                        Some(v) => f.stack.push(v),
                                        None => return Err(self.unbound_cell(f, i)),
                                    }
                                }
                            }
                        }
                        Op::StoreDeref(i) => {
                            let v = f.pop();
                            *f.cells[i as usize].value.lock() = Some(v);
                        }
                        Op::DeleteDeref(i) => {
                            let old = f.cells[i as usize].value.lock().take();
                            if old.is_none() {
                                return Err(self.unbound_cell(f, i));
                            }
                        }
                        Op::LoadCell(i) => {
                            let cell = f.cells[i as usize].clone();
                            f.stack
                                .push(Value::Native(Arc::new(super::call::CellRef(cell))));
                        }
                        Op::LoadAttr(i) => {
                            let obj = f.pop();
                            let name = f.code.names[i as usize].clone();
                            let v = self.get_attr(&obj, &name)?;
                            f.stack.push(v);
                        }
                        Op::StoreAttr(i) => {
                            let obj = f.pop();
                            let v = f.pop();
                            let name = f.code.names[i as usize].clone();
                            self.set_attr(&obj, &name, v)?;
                        }
                        Op::DeleteAttr(i) => {
                            let obj = f.pop();
                            let name = f.code.names[i as usize].clone();
                            self.del_attr(&obj, &name)?;
                        }
                        Op::BinarySubscr => {
                            let idx = f.pop();
                            let obj = f.pop();
                            let v = self.get_item(&obj, &idx)?;
                            f.stack.push(v);
                        }
                        Op::StoreSubscr => {
                            let idx = f.pop();
                            let obj = f.pop();
                            let v = f.pop();
                            self.set_item(&obj, idx, v)?;
                        }
                        Op::DeleteSubscr => {
                            let idx = f.pop();
                            let obj = f.pop();
                            self.del_item(&obj, &idx)?;
                        }
                        Op::Compare(cop) => {
                            let b = f.pop();
                            let a = f.pop();
                            if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                                let r = match cop {
                                    CmpOp::Lt => Some(x < y),
                                    CmpOp::LtE => Some(x <= y),
                                    CmpOp::Gt => Some(x > y),
                                    CmpOp::GtE => Some(x >= y),
                                    CmpOp::Eq | CmpOp::Is => Some(x == y),
                                    CmpOp::NotEq | CmpOp::IsNot => Some(x != y),
                                    _ => None,
                                };
                                if let Some(r) = r {
                                    a.fast_drop();
                                    b.fast_drop();
                                    f.stack.push(Value::Bool(r));
                                    continue;
                                }
                            }
                            let v = match (&a, &b) {
                                (Value::Int(x), Value::Int(y)) => Value::Bool(match cop {
                                    CmpOp::Lt => x < y,
                                    CmpOp::LtE => x <= y,
                                    CmpOp::Gt => x > y,
                                    CmpOp::GtE => x >= y,
                                    CmpOp::Eq | CmpOp::Is => x == y,
                                    CmpOp::NotEq | CmpOp::IsNot => x != y,
                                    CmpOp::In | CmpOp::NotIn => {
                                        self.compare(&a, &b, cop)?.is_true_bool()
                                    }
                                }),
                                _ => self.compare(&a, &b, cop)?,
                            };
                            f.stack.push(v);
                        }
                        Op::UnaryNeg => {
                            let a = f.pop();
                            let v = self.unary_neg(&a)?;
                            f.stack.push(v);
                        }
                        Op::UnaryPos => {
                            let a = f.pop();
                            let v = self.unary_pos(&a)?;
                            f.stack.push(v);
                        }
                        Op::UnaryNot => {
                            let a = f.pop();
                            let t = self.truthy(&a)?;
                            f.stack.push(Value::Bool(!t));
                        }
                        Op::UnaryInvert => {
                            let a = f.pop();
                            let v = self.unary_invert(&a)?;
                            f.stack.push(v);
                        }
                        Op::JumpIfFalse(t) => {
                            let v = f.pop();
                            let b = match v {
                                Value::Bool(b) => b,
                                _ => {
                                    let b = self.truthy(&v)?;
                                    v.fast_drop();
                                    b
                                }
                            };
                            if !b {
                                ip = t as usize;
                            }
                        }
                        Op::JumpIfTrue(t) => {
                            let v = f.pop();
                            let b = match v {
                                Value::Bool(b) => b,
                                _ => {
                                    let b = self.truthy(&v)?;
                                    v.fast_drop();
                                    b
                                }
                            };
                            if b {
                                ip = t as usize;
                            }
                        }
                        Op::JumpIfFalseOrPop(t) => {
                            if !self.truthy(f.top())? {
                                ip = t as usize;
                            } else {
                                f.stack.pop();
                            }
                        }
                        Op::JumpIfTrueOrPop(t) => {
                            if self.truthy(f.top())? {
                                ip = t as usize;
                            } else {
                                f.stack.pop();
                            }
                        }
                        Op::GetIter => {
                            let v = f.pop();
                            let it = self.get_iter(&v)?;
                            f.stack.push(it);
                        }
                        Op::ForIter(t) => {
                            let next = match f.top() {
                                Value::Iter(it) => match &**it {
                                    crate::objects::iter::IterObj::Range { next, stop, step } => {
                                        crate::objects::iter::IterObj::range_next(
                                            next, *stop, *step,
                                        )
                                        .map(Value::Int)
                                    }
                                    _ => {
                                        let it = f.top().clone();
                                        self.next(&it)?
                                    }
                                },
                                _ => {
                                    let it = f.top().clone();
                                    self.next(&it)?
                                }
                            };
                            match next {
                                Some(v) => f.stack.push(v),
                                None => {
                                    f.stack.pop();
                                    ip = t as usize;
                                }
                            }
                        }
                        Op::BuildList(n) => {
                            let items = f.stack.split_off(f.stack.len() - n as usize);
                            f.stack.push(Value::list(items));
                        }
                        Op::BuildTuple(n) => {
                            let items = f.stack.split_off(f.stack.len() - n as usize);
                            f.stack.push(Value::tuple(items));
                        }
                        Op::BuildSet(n) => {
                            let items = f.stack.split_off(f.stack.len() - n as usize);
                            let s = self.new_set(items, false)?;
                            f.stack.push(s);
                        }
                        Op::BuildMap(n) => {
                            let items = f.stack.split_off(f.stack.len() - 2 * n as usize);
                            let d = crate::objects::DictObj::new();
                            let mut it = items.into_iter();
                            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                                self.dict_set(&d, k, v)?;
                            }
                            f.stack.push(Value::Dict(Arc::new(d)));
                        }
                        Op::BuildSlice(n) => {
                            let step = if n == 3 { f.pop() } else { Value::None };
                            let stop = f.pop();
                            let start = f.pop();
                            f.stack.push(Value::Slice(Arc::new((start, stop, step))));
                        }
                        Op::BuildString(n) => {
                            let parts = f.stack.split_off(f.stack.len() - n as usize);
                            let mut s = String::new();
                            for p in &parts {
                                if let Value::Str(x) = p {
                                    s.push_str(x.as_str());
                                }
                            }
                            f.stack.push(Value::string(s));
                        }
                        Op::ListAppend(n) => {
                            let v = f.pop();
                            let at = f.stack.len() - n as usize;
                            if let Value::List(l) = &f.stack[at] {
                                l.push(v);
                            }
                        }
                        Op::SetAdd(n) => {
                            let v = f.pop();
                            let at = f.stack.len() - n as usize;
                            let s = f.stack[at].clone();
                            if let Value::Set(s) = &s {
                                self.set_add(s, v)?;
                            }
                        }
                        Op::MapAdd(n) => {
                            let v = f.pop();
                            let k = f.pop();
                            let at = f.stack.len() - n as usize;
                            let d = f.stack[at].clone();
                            if let Value::Dict(d) = &d {
                                self.dict_set(d, k, v)?;
                            }
                        }
                        Op::ListExtend(n) => {
                            let v = f.pop();
                            let at = f.stack.len() - n as usize;
                            let items = self.collect(&v)?;
                            if let Value::List(l) = &f.stack[at] {
                                l.lock().extend(items);
                            }
                        }
                        Op::SetUpdate(n) => {
                            let v = f.pop();
                            let at = f.stack.len() - n as usize;
                            let s = f.stack[at].clone();
                            let items = self.collect(&v)?;
                            if let Value::Set(s) = &s {
                                for it in items {
                                    self.set_add(s, it)?;
                                }
                            }
                        }
                        Op::DictUpdate(n) | Op::DictMerge(n) => {
                            let v = f.pop();
                            let at = f.stack.len() - n as usize;
                            let d = f.stack[at].clone();
                            if let Value::Dict(d) = &d {
                                let strict = matches!(op, Op::DictMerge(_));
                                if let Err(e) = self.dict_update_from(d, &v, strict) {
                                    // `f(**a, **b)` names the function, as CPython does.
                                    if let (true, Some(func)) =
                                        (strict, at.checked_sub(2).and_then(|i| f.stack.get(i)))
                                    {
                                        let msg = self.exception_str(&e.exc)?;
                                        if msg.starts_with("got multiple") {
                                            let name = super::convert::function_str(func);
                                            return Err(PyErr::type_error(format!("{name} {msg}")));
                                        }
                                    }
                                    return Err(e);
                                }
                            }
                        }
                        Op::ListToTuple => {
                            let v = f.pop();
                            if let Value::List(l) = v {
                                f.stack.push(Value::tuple(l.snapshot()));
                            }
                        }
                        Op::UnpackSequence(n) => {
                            let v = f.pop();
                            let items = self.unpack(&v, n as usize)?;
                            f.stack.extend(items.into_iter().rev());
                        }
                        Op::UnpackEx(arg) => {
                            let before = (arg & 0xffff) as usize;
                            let after = (arg >> 16) as usize;
                            let v = f.pop();
                            let mut items = self.collect(&v)?;
                            if items.len() < before + after {
                                return Err(PyErr::value_error(format!(
                                    "not enough values to unpack (expected at least {}, got {})",
                                    before + after,
                                    items.len()
                                )));
                            }
                            let tail = items.split_off(items.len() - after);
                            let mid = items.split_off(before);
                            for t in tail.into_iter().rev() {
                                f.stack.push(t);
                            }
                            f.stack.push(Value::list(mid));
                            for h in items.into_iter().rev() {
                                f.stack.push(h);
                            }
                        }
                        Op::FormatValue(flags) => {
                            let spec = if flags & 8 != 0 { Some(f.pop()) } else { None };
                            let v = f.pop();
                            let s = self.format_value(&v, flags & 7, spec.as_ref())?;
                            f.stack.push(s);
                        }
                        Op::CallKw(argc) => {
                            let names = f.pop();
                            let at = f.stack.len() - argc as usize - 1;
                            self.call_at(f, at, argc as usize, Some(names))?;
                            reload!();
                        }
                        Op::CallEx(has_kw) => {
                            let kwargs = if has_kw == 1 { Some(f.pop()) } else { None };
                            let args = f.pop();
                            let func = f.pop();
                            let args = match args {
                                Value::Tuple(t) => (*t).clone(),
                                other => self.collect(&other)?,
                            };
                            let kw = match kwargs {
                                Some(Value::Dict(d)) => self.kwargs_from_dict(&d)?,
                                _ => Default::default(),
                            };
                            self.check_point(f)?;
                            // A plain function runs in this loop, as with `Call`: no Rust
                            // recursion, so `Thread.run`'s `self._target(*args, **kwargs)`
                            // keeps every thread's native stack to two pages.
                            let (fun, args) = match &func {
                                Value::Function(fun) => (Some(fun.clone()), args),
                                Value::BoundMethod(m) => match &m.func {
                                    Value::Function(fun) => {
                                        let mut with_self = Vec::with_capacity(args.len() + 1);
                                        with_self.push(m.receiver.clone());
                                        with_self.extend(args);
                                        (Some(fun.clone()), with_self)
                                    }
                                    _ => (None, args),
                                },
                                _ => (None, args),
                            };
                            match fun {
                                Some(fun)
                                    if !fun.code.flags.generator && !fun.code.flags.coroutine =>
                                {
                                    let new = self.bind_frame(&fun, args, kw)?;
                                    self.enter(f, new)?;
                                    reload!();
                                }
                                // A generator function (the receiver is already in `args`).
                                Some(fun) => {
                                    let v = self.call(&Value::Function(fun), args, kw)?;
                                    f.stack.push(v);
                                }
                                None => {
                                    let v = self.call(&func, args, kw)?;
                                    f.stack.push(v);
                                }
                            }
                        }
                        Op::MakeFunction(i) => {
                            let func = self.make_function(f, i)?;
                            f.stack.push(func);
                        }
                        Op::LoadBuildClass => {
                            f.stack.push(self.interp.build_class.clone());
                        }
                        Op::Yield => {
                            let v = f.pop();
                            let spare = self.alloc_frame(&f.code, &f.globals);
                            let frame = std::mem::replace(f, spare);
                            return Ok(Exec::Yielded(v, frame));
                        }
                        Op::YieldFrom => {
                            let sent = f.pop();
                            let sub = f.top().clone();
                            match self.send(&sub, sent)? {
                                super::generator::Sent::Yielded(v) => {
                                    f.ip -= 1;
                                    let spare = self.alloc_frame(&f.code, &f.globals);
                                    let frame = std::mem::replace(f, spare);
                                    return Ok(Exec::Yielded(v, frame));
                                }
                                super::generator::Sent::Returned(v) => {
                                    f.stack.pop();
                                    f.stack.push(v);
                                }
                            }
                        }
                        Op::GetYieldFromIter => {
                            let v = f.pop();
                            let it = match &v {
                                Value::Generator(g) if !g.is_asyncgen() => v,
                                _ => self.get_iter(&v)?,
                            };
                            f.stack.push(it);
                        }
                        Op::GetAwaitable => {
                            let v = f.pop();
                            let a = self.get_awaitable(&v)?;
                            f.stack.push(a);
                        }
                        Op::SetupExcept(t) => {
                            f.handlers.push(Handler {
                                target: t,
                                stack_depth: f.stack.len() as u32,
                                exc_depth: self.exc_stack.len() as u32,
                            });
                        }
                        Op::PopBlock => {
                            f.handlers.pop();
                        }
                        Op::PopExcept => {
                            f.stack.pop();
                            self.exc_stack.pop();
                        }
                        Op::Raise(kind) => return Err(self.raise_op(f, kind)?),
                        Op::Reraise => {
                            let exc = f.pop();
                            self.reraising = true;
                            return Err(PyErr::from_value(exc));
                        }
                        Op::CheckExcMatch => {
                            let typ = f.pop();
                            let exc = f.top().clone();
                            let m = self.exception_matches(&exc, &typ)?;
                            f.stack.push(Value::Bool(m));
                        }
                        Op::RaiseAssert(has_msg) => {
                            let args = if has_msg == 1 { vec![f.pop()] } else { vec![] };
                            return Err(PyErr::with_args(
                                &super::types::types().assertion_error,
                                args,
                            ));
                        }
                        Op::BeforeWith => {
                            let ctx = f.pop();
                            let (exit, entered) = self.before_with(&ctx)?;
                            f.stack.push(exit);
                            f.stack.push(entered);
                        }
                        Op::BeforeAsyncWith => {
                            let ctx = f.pop();
                            let (exit, entered) = self.before_async_with(&ctx)?;
                            f.stack.push(exit);
                            f.stack.push(entered);
                        }
                        Op::WithExitNone => {
                            let exit = f.pop();
                            let none = || Value::None;
                            self.call(&exit, vec![none(), none(), none()], Default::default())?;
                        }
                        Op::WithExceptStart => {
                            let exc = f.top().clone();
                            let exit = f.stack[f.stack.len() - 2].clone();
                            let typ = Value::Class(super::types::type_of(&exc));
                            let tb = match &exc {
                                Value::Instance(i) => i
                                    .exc_state()
                                    .map(|s| super::attr::traceback_value(&s.lock().traceback))
                                    .unwrap_or(Value::None),
                                _ => Value::None,
                            };
                            let r = self.call(&exit, vec![typ, exc, tb], Default::default())?;
                            f.stack.push(r);
                        }
                        Op::ImportName(i) => {
                            let fromlist = f.pop();
                            let level = f.pop();
                            let name = f.code.names[i as usize].clone();
                            let m =
                                self.import_name(name.as_str(), &fromlist, &level, &f.globals)?;
                            f.stack.push(m);
                        }
                        Op::ImportFrom(i) => {
                            let m = f.top().clone();
                            let name = f.code.names[i as usize].clone();
                            let v = self.import_from(&m, &name)?;
                            f.stack.push(v);
                        }
                        Op::ImportStar => {
                            let m = f.pop();
                            let target = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                            self.import_star(&m, &target)?;
                        }
                        Op::SetupAnnotations => {
                            let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                            if ns.get_str("__annotations__").is_none() {
                                ns.set_str(
                                    "__annotations__",
                                    Value::Dict(Arc::new(crate::objects::DictObj::new())),
                                );
                            }
                        }
                        Op::PrintExpr => {
                            let v = f.pop();
                            self.print_expr(v)?;
                        }

                        _ => {}
                    }
                }
            }
        }
    }

    /// Arithmetic with the machine-int and float fast paths inline; `inplace` selects
    /// `__iadd__` & co. on the general path.
    #[inline(always)]
    fn arith(&mut self, a: &Value, b: &Value, bop: BinOp, inplace: bool) -> PyResult<Value> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => {
                if let Some(v) = ops::int_fast(bop, *x, *y) {
                    return Ok(v);
                }
            }
            (Value::Float(x), Value::Float(y)) => match bop {
                BinOp::Add => return Ok(Value::Float(x + y)),
                BinOp::Sub => return Ok(Value::Float(x - y)),
                BinOp::Mul => return Ok(Value::Float(x * y)),
                _ => {}
            },
            _ => {}
        }
        if inplace {
            self.inplace_op(a, b, bop)
        } else {
            self.binary_op(a, b, bop)
        }
    }

    /// The truth of `a cop b`, with machine ints compared inline.
    #[inline(always)]
    fn cmp_truth(&mut self, a: &Value, b: &Value, cop: CmpOp) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            match cop {
                CmpOp::Lt => return Ok(x < y),
                CmpOp::LtE => return Ok(x <= y),
                CmpOp::Gt => return Ok(x > y),
                CmpOp::GtE => return Ok(x >= y),
                CmpOp::Eq => return Ok(x == y),
                CmpOp::NotEq => return Ok(x != y),
                _ => {}
            }
        }
        match self.compare(a, b, cop)? {
            Value::Bool(t) => Ok(t),
            other => self.truthy(&other),
        }
    }

    /// `LoadGlobal`: the module's globals, then the builtins, through the per-thread cache.
    #[inline]
    fn load_global(&mut self, f: &Frame, i: u32) -> PyResult<Value> {
        let hash = (Arc::as_ptr(&f.code) as usize >> 4) ^ (i as usize).wrapping_mul(0x9e37);
        let slot = hash & self.global_cache.len().wrapping_sub(1);
        let gver = f.globals.version();
        let bver = self.interp.builtins.version();
        if let Some(Some(e)) = self.global_cache.get(slot) {
            if e.idx == i
                && e.gver == gver
                && e.bver == bver
                && Arc::ptr_eq(&e.code, &f.code)
                && Arc::ptr_eq(&e.globals, &f.globals)
            {
                return Ok(e.value.clone());
            }
        }
        let name = &f.code.names[i as usize];
        let v = match f.globals.get_strkey(name) {
            Some(v) => v,
            None => match self.interp.builtins.get_strkey(name) {
                Some(v) => v,
                None => return Err(PyErr::name_error(name.as_str())),
            },
        };
        // The table starts small and doubles (up to GLOBAL_CACHE_SIZE) once it has evicted
        // more entries than it has slots, so that a thread running a few lines of gil code
        // (10,000 sleeping threads) does not pay for the whole table.
        let mut slot = slot;
        let len = self.global_cache.len();
        if len == 0 {
            self.global_cache
                .resize_with(super::GLOBAL_CACHE_MIN, || None);
            slot = hash & (super::GLOBAL_CACHE_MIN - 1);
        } else if self.global_cache[slot].is_some() && len < super::GLOBAL_CACHE_SIZE {
            self.global_cache_evictions += 1;
            if self.global_cache_evictions as usize > len {
                self.global_cache_evictions = 0;
                self.global_cache.clear();
                self.global_cache.resize_with(len * 2, || None);
                slot = hash & (len * 2 - 1);
            }
        }
        self.global_cache[slot] = Some(super::GlobalCacheEntry {
            code: f.code.clone(),
            idx: i,
            globals: f.globals.clone(),
            gver,
            bver,
            value: v.clone(),
        });
        Ok(v)
    }

    /// Calls the callable at `f.stack[at]` with the `argc` values above it. A gil function
    /// becomes the current frame; anything else is called natively and its result pushed.
    #[inline]
    fn call_at(
        &mut self,
        f: &mut Box<Frame>,
        at: usize,
        _argc: usize,
        kwnames: Option<Value>,
    ) -> PyResult<()> {
        self.check_point(f)?;
        if kwnames.is_none() {
            match &f.stack[at] {
                Value::Function(func)
                    if func.code.plain_call
                        && func.closure.is_empty()
                        && func.code.argcount as usize == f.stack.len() - at - 1 =>
                {
                    let nlocals = func.code.nlocals as usize;
                    let mut new = match self.frame_pool.pop() {
                        Some(mut fr) => {
                            fr.reset_empty(&func.code, &func.globals);
                            fr
                        }
                        None => {
                            let mut fr =
                                Frame::new(func.code.clone(), func.globals.clone(), Vec::new());
                            fr.locals.clear();
                            fr
                        }
                    };
                    // Move the arguments into the slots, then drop the callee.
                    new.locals.reserve(nlocals);
                    for _ in 0..nlocals {
                        new.locals.push(None);
                    }
                    for slot in new.locals[..f.stack.len() - at - 1].iter_mut().rev() {
                        *slot = f.stack.pop();
                    }
                    if let Some(callee) = f.stack.pop() {
                        drop(callee);
                    }
                    return self.enter(f, new);
                }
                Value::Function(func) => {
                    if let Some(new) = self.simple_frame(func, &f.stack[at + 1..]) {
                        f.stack.truncate(at);
                        return self.enter(f, new);
                    }
                }
                // `str(i)`: CPython 3.11 specialises this call too.
                Value::Class(cls)
                    if f.stack.len() == at + 2
                        && !self.profiling
                        && matches!(f.stack[at + 1], Value::Int(_))
                        && Arc::ptr_eq(cls, &super::types::types().str_) =>
                {
                    if let Value::Int(i) = f.stack[at + 1] {
                        let s = Value::string(crate::objects::int::i64_to_string(i));
                        f.stack.truncate(at);
                        f.stack.push(s);
                        return Ok(());
                    }
                }
                Value::Builtin(b) if !self.profiling => {
                    // Natives read their arguments straight from the value stack (the
                    // profiler's hook is on the general path, in `Vm::call`).
                    let func = b.func;
                    self.note_site(f);
                    let r = func(self, &f.stack[at + 1..], Default::default());
                    f.stack.truncate(at);
                    f.stack.push(r?);
                    return Ok(());
                }
                _ => {}
            }
        }
        let mut args = f.stack.split_off(at + 1);
        let callee = f.stack.pop().unwrap_or(Value::None);
        self.note_site(f);
        let kw = match kwnames {
            Some(Value::Tuple(names)) => {
                let vals = args.split_off(args.len() - names.len());
                crate::objects::function::KwArgs(
                    names
                        .iter()
                        .zip(vals)
                        .map(|(n, v)| match n {
                            Value::Str(s) => (s.clone(), v),
                            _ => (Arc::new(StrObj::new("")), v),
                        })
                        .collect(),
                )
            }
            _ => Default::default(),
        };
        if let Value::Function(func) = &callee {
            if !func.code.flags.generator && !func.code.flags.coroutine {
                let func = func.clone();
                let new = self.bind_frame(&func, args, kw)?;
                return self.enter(f, new);
            }
        }
        let v = self.call(&callee, args, kw)?;
        f.stack.push(v);
        Ok(())
    }

    /// Records where the current frame is, for natives that report their caller's line.
    #[inline]
    fn note_site(&mut self, f: &Frame) {
        match &mut self.site {
            Some((code, ip)) if Arc::ptr_eq(code, &f.code) => *ip = f.ip,
            site => *site = Some((f.code.clone(), f.ip)),
        }
    }

    /// A GIL check point (calls and backward jumps): one relaxed load on the fast path.
    #[inline(always)]
    pub fn check_point(&mut self, f: &Frame) -> PyResult<()> {
        if self.interp.gil.should_yield() {
            return self.check_point_slow(f);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn check_point_slow(&mut self, f: &Frame) -> PyResult<()> {
        if self.interp.gil.take_sample(&self.thread) {
            crate::modules::aio_poll::watchdog_answer(self, f);
        }
        if self.interp.gil.yield_now(&self.thread) {
            return Err(PyErr::with_args(
                &super::types::types().keyboard_interrupt,
                vec![],
            ));
        }
        Ok(())
    }

    fn cell_name(&self, f: &Frame, i: u32) -> String {
        let i = i as usize;
        let nc = f.code.cellvars.len();
        if i < nc {
            f.code.cellvars[i].to_string()
        } else {
            f.code
                .freevars
                .get(i - nc)
                .map(|s| s.to_string())
                .unwrap_or_default()
        }
    }

    fn unbound_cell(&self, f: &Frame, i: u32) -> PyErr {
        let name = self.cell_name(f, i);
        if (i as usize) < f.code.cellvars.len() {
            unbound_local(&name)
        } else {
            PyErr::new(
                &super::types::types().name_error,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    fn raise_op(&mut self, _f: &mut Box<Frame>, kind: u32) -> PyResult<PyErr> {
        match kind {
            0 => match self.exc_stack.last() {
                Some(e) => {
                    self.reraising = true;
                    Ok(PyErr::from_value(e.clone()))
                }
                None => Err(PyErr::runtime_error("No active exception to reraise")),
            },
            1 => {
                let v = _f.pop();
                self.make_exception(v)
            }
            _ => {
                let cause = _f.pop();
                let v = _f.pop();
                let err = self.make_exception(v)?;
                let cause = match cause {
                    Value::None => None,
                    c => Some(self.make_exception(c)?.exc),
                };
                if let Value::Instance(i) = &err.exc {
                    if let Some(st) = i.exc_state() {
                        let mut st = st.lock();
                        st.cause = cause;
                        st.suppress_context = true;
                    }
                }
                Ok(err)
            }
        }
    }
}

/// The built-in `list.append`, for `LoadFastAppend`.
fn list_append() -> Option<&'static Value> {
    static APPEND: std::sync::OnceLock<Option<Value>> = std::sync::OnceLock::new();
    APPEND
        .get_or_init(|| super::types::types().list.lookup("append"))
        .as_ref()
}

fn unbound_local(name: &str) -> PyErr {
    PyErr::new(
        &super::types::types().unbound_local_error,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn add_traceback(err: &PyErr, f: &Frame) {
    if let Value::Instance(i) = &err.exc {
        if let Some(st) = i.exc_state() {
            st.lock().traceback.push(TraceEntry {
                code: f.code.clone(),
                line: f.line(),
            });
        }
    }
}

trait IsTrueBool {
    fn is_true_bool(&self) -> bool;
}

impl IsTrueBool for Value {
    fn is_true_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}
