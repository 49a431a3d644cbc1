//! gil: a small Python-flavoured bytecode language whose VM is guarded by a global interpreter lock.
//! See ARCHITECTURE.md for the map.

pub mod builtins;
pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod format;
pub mod gil;
pub mod modules;
pub mod objects;
pub mod observe;
pub mod profile;
pub mod repl;
pub mod report;
pub mod run;
pub mod signals;
pub mod syntax;
pub mod vm;
