//! gil: a small Python-flavoured bytecode language whose VM is guarded by a global interpreter lock.
//! See ARCHITECTURE.md for the map.

pub mod gil;
pub mod syntax;
