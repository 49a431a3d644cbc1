//! Bytecode: the instruction set (`op`), code objects (`code`), the superinstruction pass
//! (`quicken`) and the disassembler (`dis`).

pub mod code;
pub mod dis;
pub mod op;
pub mod quicken;

pub use code::{Code, CodeFlags};
pub use op::Op;
