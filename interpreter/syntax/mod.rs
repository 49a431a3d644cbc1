//! Source text to AST: `logos` lexer → layout pass (NEWLINE/INDENT/DEDENT) → `lalrpop` parser.

pub mod ast;
pub mod error;
pub mod fstring;
pub mod layout;
pub mod lexer;
pub mod parser;

pub use error::{SyntaxError, SyntaxErrorKind};

/// Parses a whole file (or a `-c` string) into a module.
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    parser::parse_module(source)
}

/// Parses a single expression (for `eval` and f-string fields).
pub fn parse_expression(source: &str) -> Result<ast::Expr, SyntaxError> {
    parser::parse_expression(source, 0)
}
