//! The disassembler: `gil dis FILE` prints each code object as Python's `dis` does.

use std::fmt::Write;

use super::{Code, Op};
use crate::objects::Value;

/// Lists `code` and, after it, every code object nested in its constants.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    write_code(code, &mut out);
    out
}

fn write_code(code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} at line {}>:",
        code.qualname, code.first_line
    );
    let mut last_line = 0;
    // Ops inside a superinstruction's sequence run only when jumped to: shown in parentheses.
    let mut covered_until = 0;
    for (i, op) in code.ops.iter().enumerate() {
        let line = code.lines[i];
        let line_col = if line != last_line {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let text = describe(code, op);
        if i < covered_until {
            let _ = writeln!(out, "{line_col} {i:>6}   ({})", text.trim_end());
        } else {
            covered_until = i + op.span();
            let _ = writeln!(out, "{line_col} {i:>6} {text}");
        }
    }
    let _ = writeln!(out);
    for c in &code.consts {
        if let Value::Native(n) = c {
            if let Some(cc) = n.as_any().downcast_ref::<crate::vm::CodeConst>() {
                write_code(&cc.0, out);
            }
        }
    }
}

fn describe(code: &Code, op: &Op) -> String {
    let name = |i: &u32| {
        code.names
            .get(*i as usize)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default()
    };
    let var = |i: &u32| {
        code.varnames
            .get(*i as usize)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default()
    };
    let var16 = |i: &u16| var(&u32::from(*i));
    let text = format!("{op:?}");
    let opname = text.split('(').next().unwrap_or("").to_string();
    let arg = match op {
        Op::LoadConst(i) => format!("{i} ({})", const_text(code.consts.get(*i as usize))),
        Op::LoadFast(i) | Op::StoreFast(i) | Op::DeleteFast(i) => format!("{i} ({})", var(i)),
        Op::LoadGlobal(i)
        | Op::StoreGlobal(i)
        | Op::DeleteGlobal(i)
        | Op::LoadName(i)
        | Op::StoreName(i)
        | Op::DeleteName(i)
        | Op::LoadAttr(i)
        | Op::StoreAttr(i)
        | Op::DeleteAttr(i)
        | Op::LoadMethod(i)
        | Op::ImportName(i)
        | Op::ImportFrom(i) => format!("{i} ({})", name(i)),
        Op::CompareJumpIfFalse(a) => format!(
            "{} to {}",
            crate::vm::ops::cmp_symbol(super::op::cmp_of(*a)),
            super::op::target_of(*a)
        ),
        Op::LoadFastLoadFast(a, b) => format!("{a} ({}) {b} ({})", var16(a), var16(b)),
        Op::BinaryFastFast(op, _, a, b) => format!("{} {op:?} {}", var16(a), var16(b)),
        Op::BinaryFastConst(op, _, a, c) | Op::InplaceFastConst(op, _, a, c) => format!(
            "{} {op:?} {}",
            var16(a),
            const_text(code.consts.get(*c as usize))
        ),
        Op::BinaryStoreFast(op, _, a) => format!("{op:?} into {}", var16(a)),
        Op::CompareFastConstJump(c, a, k, t) => format!(
            "{} {} {} to {t}",
            var16(&u16::from(*a)),
            crate::vm::ops::cmp_symbol(*c),
            const_text(code.consts.get(*k as usize))
        ),
        Op::ForIterStore(a, t) => format!("into {} to {t}", var16(a)),
        Op::LoadFastAppend(a, n) => format!("{}.{}", var16(a), name(n)),
        Op::ReturnFast(a) => var16(a),
        Op::Jump(t)
        | Op::JumpIfFalse(t)
        | Op::JumpIfTrue(t)
        | Op::JumpIfFalseOrPop(t)
        | Op::JumpIfTrueOrPop(t)
        | Op::ForIter(t)
        | Op::SetupExcept(t) => format!("to {t}"),
        _ => match text.find('(') {
            Some(p) => text[p + 1..text.len() - 1].to_string(),
            None => String::new(),
        },
    };
    format!("{:<20} {arg}", to_snake_upper(&opname))
}

fn to_snake_upper(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn const_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::Str(s)) => crate::format::str_repr(s.as_str()),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Float(f)) => crate::format::float_repr(*f),
        Some(Value::None) => "None".into(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<crate::vm::CodeConst>() {
            Some(c) => format!("<code object {}>", c.0.qualname),
            None => "<const>".into(),
        },
        Some(Value::Tuple(t)) => format!("<tuple of {}>", t.len()),
        _ => "<const>".into(),
    }
}
