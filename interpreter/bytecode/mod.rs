//! Bytecode: the instruction set (`op`), code objects (`code`) and the disassembler (`dis`).

pub mod code;
pub mod dis;
pub mod op;

pub use code::{Code, CodeFlags};
pub use op::Op;
