//! Superinstructions: a pass over finished bytecode that writes a fused op over the first
//! instruction of each common sequence (`LoadFast; LoadConst; Binary`, `i += 1`, `for` loop
//! heads...). The rest of the sequence stays where it was, so jump targets, line numbers and
//! handler addresses keep their meaning; the fused op skips it (`Op::span`).

use std::sync::Arc;

use super::op::{cmp_of, target_of};
use super::Op;
use crate::objects::StrObj;

/// Fuses in place. `lines` is parallel to `ops`; a sequence is fused only within one line, so
/// an error raised by the fused op reports the same line as the plain ops would.
pub fn quicken(ops: &mut [Op], lines: &[u32], names: &[Arc<StrObj>]) {
    let fused: Vec<Option<Op>> = (0..ops.len()).map(|i| fuse(&ops[i..], names)).collect();
    for (i, q) in fused.iter().enumerate() {
        let Some(q) = *q else { continue };
        let span = q.span();
        if lines
            .get(i..i + span)
            .is_none_or(|l| l.iter().any(|&x| x != lines[i]))
        {
            continue;
        }
        // `LoadFast a` followed by a 3-op fusion starting at `b`: keep the longer one.
        if let (Op::LoadFastLoadFast(..), Some(Some(next))) = (q, fused.get(i + 1)) {
            if next.span() > 2 {
                continue;
            }
        }
        ops[i] = q;
    }
}

/// The superinstruction for the sequence at the start of `ops`, if there is one.
fn fuse(ops: &[Op], names: &[Arc<StrObj>]) -> Option<Op> {
    let small = |i: u32| u16::try_from(i).ok();
    let arith = |op: Op| match op {
        Op::Binary(b) => Some((b, false)),
        Op::Inplace(b) => Some((b, true)),
        _ => None,
    };
    match *ops {
        [Op::LoadFast(a), Op::LoadConst(c), op, Op::StoreFast(s), ..]
            if a == s && arith(op).is_some() =>
        {
            let (b, inplace) = arith(op)?;
            Some(Op::InplaceFastConst(b, inplace, small(a)?, small(c)?))
        }
        [Op::LoadFast(a), Op::LoadConst(c), Op::CompareJumpIfFalse(arg), ..] => {
            let a = u8::try_from(a).ok()?;
            let c = u8::try_from(c).ok()?;
            Some(Op::CompareFastConstJump(cmp_of(arg), a, c, target_of(arg)))
        }
        [Op::LoadFast(a), Op::LoadConst(c), op, ..] if arith(op).is_some() => {
            let (b, inplace) = arith(op)?;
            Some(Op::BinaryFastConst(b, inplace, small(a)?, small(c)?))
        }
        [Op::LoadFast(a), Op::LoadFast(c), op, ..] if arith(op).is_some() => {
            let (b, inplace) = arith(op)?;
            Some(Op::BinaryFastFast(b, inplace, small(a)?, small(c)?))
        }
        [Op::LoadFast(a), Op::Return, ..] => Some(Op::ReturnFast(small(a)?)),
        [Op::LoadFast(a), Op::LoadFast(b), ..] => Some(Op::LoadFastLoadFast(small(a)?, small(b)?)),
        [op, Op::StoreFast(s), ..] if arith(op).is_some() => {
            let (b, inplace) = arith(op)?;
            Some(Op::BinaryStoreFast(b, inplace, small(s)?))
        }
        [Op::ForIter(t), Op::StoreFast(s), ..] => Some(Op::ForIterStore(small(s)?, t)),
        [Op::LoadFast(a), Op::LoadMethod(n), ..]
            if names
                .get(n as usize)
                .is_some_and(|s| s.as_str() == "append") =>
        {
            Some(Op::LoadFastAppend(small(a)?, n))
        }
        _ => None,
    }
}
