//! Source text to AST: `logos` lexer → layout pass (NEWLINE/INDENT/DEDENT) → `lalrpop` parser.

pub mod ast;
pub mod error;

pub use error::{SyntaxError, SyntaxErrorKind};

/// Parses a whole file (or a `-c` string) into a module.
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    let _ = source;
    todo!("parser")
}
