//! The instruction set. A plain enum with at most a `u32` operand (8 bytes), dispatched by a
//! `match` in `vm::run`. Jump targets are instruction indices.

use crate::syntax::ast::{BinOp, CmpOp};

const CMPS: [CmpOp; 10] = [
    CmpOp::Eq,
    CmpOp::NotEq,
    CmpOp::Lt,
    CmpOp::LtE,
    CmpOp::Gt,
    CmpOp::GtE,
    CmpOp::Is,
    CmpOp::IsNot,
    CmpOp::In,
    CmpOp::NotIn,
];

/// The 4-bit code of a comparison (for `CompareJumpIfFalse`).
pub fn cmp_code(c: CmpOp) -> u32 {
    CMPS.iter().position(|x| *x == c).unwrap_or(0) as u32
}

/// The comparison packed in a `CompareJumpIfFalse` operand.
#[inline]
pub fn cmp_of(arg: u32) -> CmpOp {
    CMPS[(arg >> 28) as usize % CMPS.len()]
}

/// The jump target packed in a `CompareJumpIfFalse` operand.
#[inline]
pub fn target_of(arg: u32) -> u32 {
    arg & ((1 << 28) - 1)
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Nop,
    Pop,
    /// Duplicates the top of the stack.
    Dup,
    /// Duplicates the top two values (`a b` → `a b a b`).
    DupTwo,
    /// Swaps the top two values.
    Rot2,
    /// `a b c` → `c a b` (top moves down two).
    Rot3,
    /// `a b c d` → `d a b c`.
    Rot4,

    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class bodies: the namespace dict, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// `LoadDeref` in a class body: the class namespace first, then the cell.
    LoadClassDeref(u32),
    /// Pushes the cell object itself (a class body hands its `__class__` cell to `__build_class__`).
    LoadCell(u32),

    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes `func, self` for a method found on the class, else `attr, NULL`.
    LoadMethod(u32),
    CallMethod(u32),

    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,

    Binary(BinOp),
    /// Augmented assignment: tries `__iadd__` & co. first (lists extend in place).
    Inplace(BinOp),
    Compare(CmpOp),
    UnaryNeg,
    UnaryPos,
    UnaryNot,
    UnaryInvert,

    Jump(u32),
    /// `Compare` fused with `JumpIfFalse`: comparison in the top 4 bits, target below.
    CompareJumpIfFalse(u32),
    /// Pops the condition.
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    /// Keeps the value when jumping (`and` / `or`), pops it otherwise.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),

    GetIter,
    /// Pushes the next item, or pops the iterator and jumps when exhausted.
    ForIter(u32),

    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    /// 2 or 3 values.
    BuildSlice(u32),
    /// Concatenates `n` strings (f-strings).
    BuildString(u32),
    /// Comprehensions: append TOS to the list `n` deep (after popping TOS).
    ListAppend(u32),
    SetAdd(u32),
    /// Pops value then key (CPython 3.8+ order: key below value).
    MapAdd(u32),
    /// `[*a, *b]`: extend the list `n` deep with TOS.
    ListExtend(u32),
    SetUpdate(u32),
    /// `{**a}`
    DictUpdate(u32),
    /// `f(**a, **b)`: like DictUpdate but duplicate keys are an error.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Starred unpacking: low 16 bits = names before the star, high 16 = names after.
    UnpackEx(u32),
    /// f-string field. Bit 0..2: conversion (0 none, 1 str, 2 repr, 3 ascii); bit 3: a spec is on the stack.
    FormatValue(u32),

    /// `func arg1..argN`
    Call(u32),
    /// `func arg1..argN kwnames_tuple`: the last `len(kwnames)` args are keyword values.
    CallKw(u32),
    /// `func args_tuple [kwargs_dict]`; operand 1 when the dict is present.
    CallEx(u32),
    /// Operand: const index of the code object. Bit flags in `Code::flags` tell whether a
    /// defaults tuple and/or a kw-defaults dict sit below it on the stack.
    MakeFunction(u32),
    /// Pushes the `__build_class__` built-in.
    LoadBuildClass,

    Return,
    Yield,
    /// `yield from` / `await`: TOS is the value to send, below it the sub-iterator.
    /// Re-executes itself until the sub-iterator finishes, then pushes its return value.
    YieldFrom,
    /// `iter()` for `yield from`, the awaitable for `await`.
    GetYieldFromIter,
    GetAwaitable,

    /// Pushes a handler that jumps to the operand when an exception escapes.
    SetupExcept(u32),
    PopBlock,
    /// Leaves an `except` block: pops the exception from the stack and the handled-exception stack.
    PopExcept,
    /// 0: bare `raise`; 1: `raise X`; 2: `raise X from Y`.
    Raise(u32),
    /// Re-raises TOS keeping its traceback (end of `finally`, unmatched `except`).
    Reraise,
    /// `exc type` → `exc bool`: does the exception match the type (or tuple of types)?
    CheckExcMatch,
    /// `assert`: operand 1 when a message is on the stack.
    RaiseAssert(u32),

    /// `ctx` → `exit enter_result`.
    BeforeWith,
    /// `exit` → (): calls `exit(None, None, None)`.
    WithExitNone,
    /// `exit exc` → `exit exc suppress`: calls `exit(type, exc, tb)`.
    WithExceptStart,
    /// `async with`: `ctx` → `aexit aenter_awaitable`.
    BeforeAsyncWith,

    /// Operand: name index. Stack: `level fromlist` → module.
    ImportName(u32),
    /// `module` → `module attr`.
    ImportFrom(u32),
    /// Pops the module and copies its public names into the current namespace.
    ImportStar,

    /// Sets up `__annotations__` in a class body or module.
    SetupAnnotations,
    /// REPL: echoes a non-None TOS with `repr` and stores it in `_`.
    PrintExpr,

    // Superinstructions. `bytecode::quicken` writes each over the first op of the sequence it
    // stands for and leaves the rest of the sequence in place after it (so a jump into the
    // middle still finds plain ops); executing one skips the rest of its sequence.
    // The `bool` operands say whether the arithmetic came from an `Inplace` op.
    /// `LoadFast a; LoadFast b`.
    LoadFastLoadFast(u16, u16),
    /// `LoadFast a; LoadFast b; Binary op`: pushes `a op b`.
    BinaryFastFast(BinOp, bool, u16, u16),
    /// `LoadFast a; LoadConst c; Binary op`: pushes `a op c`.
    BinaryFastConst(BinOp, bool, u16, u16),
    /// `LoadFast a; LoadConst c; Inplace op; StoreFast a`: `a op= c` (`i += 1`).
    InplaceFastConst(BinOp, bool, u16, u16),
    /// `Binary op; StoreFast a`.
    BinaryStoreFast(BinOp, bool, u16),
    /// `LoadFast a; LoadConst c; CompareJumpIfFalse`: the comparison, local, const, target.
    CompareFastConstJump(CmpOp, u8, u8, u32),
    /// `ForIter t; StoreFast a`: the local, then the target.
    ForIterStore(u16, u32),
    /// `LoadFast a; LoadMethod n` where name `n` is `append`: a list's `append` without a
    /// method lookup (built-in types cannot change); anything else takes the plain path.
    LoadFastAppend(u16, u32),
    /// `LoadFast a; Return`.
    ReturnFast(u16),
}

// The dispatch loop relies on a dense 8-byte instruction.
const _: () = assert!(std::mem::size_of::<Op>() == 8);

impl Op {
    /// How many original instructions a superinstruction stands for (1 for a plain op).
    pub fn span(&self) -> usize {
        match self {
            Op::LoadFastLoadFast(..)
            | Op::BinaryStoreFast(..)
            | Op::ForIterStore(..)
            | Op::LoadFastAppend(..)
            | Op::ReturnFast(..) => 2,
            Op::BinaryFastFast(..) | Op::BinaryFastConst(..) | Op::CompareFastConstJump(..) => 3,
            Op::InplaceFastConst(..) => 4,
            _ => 1,
        }
    }
}
