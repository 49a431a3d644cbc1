//! The layout pass: raw tokens to a stream with NEWLINE, INDENT and DEDENT, as Python's tokenizer
//! does. Also tracks brackets (implicit line joining, nesting limit, mismatches) and concatenates
//! adjacent string literals.

use std::collections::VecDeque;

use logos::Logos;

use super::error::{SyntaxError, SyntaxErrorKind};
use super::lexer::{LexError, StrLit, Tok};

pub type Spanned = (usize, Tok, usize);

/// CPython's limit on nested brackets.
pub const MAX_BRACKETS: usize = 200;
/// CPython's limit on indentation levels.
pub const MAX_INDENT: usize = 100;
/// Bound on operators/trailers/brackets along one nesting path of an expression. Every level of
/// AST expression nesting needs one such token, so this bounds the depth of the tree that the
/// compiler (and `Drop`) recurse over, whatever the input.
pub const MAX_DEPTH: usize = 1000;

pub fn err(message: impl Into<String>, offset: usize) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        message: message.into(),
        offset,
        incomplete: false,
    }
}

fn indent_err(message: impl Into<String>, offset: usize) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Indentation,
        message: message.into(),
        offset,
        incomplete: false,
    }
}

pub struct Layout<'a> {
    src: &'a str,
    base: usize,
    lex: logos::Lexer<'a, Tok>,
    pending: Option<Option<Result<Spanned, SyntaxError>>>,
    out: VecDeque<Spanned>,
    /// Indentation stack: (column with tabs to 8, column with tabs to 1).
    indents: Vec<(usize, usize)>,
    brackets: Vec<(char, usize)>,
    at_line_start: bool,
    line_has_tokens: bool,
    expr_mode: bool,
    done: bool,
    /// First token of the current logical line and whether its last token was `:`.
    line_first: Option<(Tok, usize)>,
    last_was_colon: bool,
    /// Operator tokens along the current nesting path (bounds the AST depth; see `MAX_DEPTH`).
    depth: usize,
    depth_stack: Vec<usize>,
    /// Set when a NEWLINE was emitted after a line ending in `:`: (what, line start offset).
    pub block_header: Option<(Tok, usize)>,
}

impl<'a> Layout<'a> {
    /// `base` is added to every offset (used when lexing an f-string expression in place).
    pub fn new(src: &'a str, base: usize, expr_mode: bool) -> Layout<'a> {
        let mut out = VecDeque::new();
        if expr_mode {
            out.push_back((base, Tok::StartExpr, base));
        }
        Layout {
            src,
            base,
            lex: Tok::lexer(src),
            pending: None,
            out,
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            at_line_start: true,
            line_has_tokens: false,
            expr_mode,
            done: false,
            line_first: None,
            last_was_colon: false,
            block_header: None,
            depth: 0,
            depth_stack: Vec::new(),
        }
    }

    fn lex_error(&self, e: LexError) -> SyntaxError {
        let span = self.lex.span();
        match e.message {
            Some(m) => SyntaxError {
                kind: SyntaxErrorKind::Syntax,
                message: m,
                offset: self.base + e.offset.unwrap_or(span.start),
                incomplete: e.incomplete,
            },
            None => {
                let c = self.src[span.start..].chars().next().unwrap_or(' ');
                err(
                    format!("invalid character '{}' (U+{:04X})", c, c as u32),
                    self.base + span.start,
                )
            }
        }
    }

    fn raw(&mut self) -> Option<Result<Spanned, SyntaxError>> {
        if let Some(p) = self.pending.take() {
            return p;
        }
        let r = self.lex.next()?;
        let span = self.lex.span();
        let (s, e) = (span.start + self.base, span.end + self.base);
        Some(match r {
            Ok(Tok::Backslash) => Err(err(
                "unexpected character after line continuation character",
                s,
            )),
            Ok(Tok::Str(mut parts)) => {
                for p in &mut parts {
                    if let StrLit::FStr { offset, .. } = p {
                        *offset += self.base;
                    }
                }
                Ok((s, Tok::Str(parts), e))
            }
            Ok(t) => Ok((s, t, e)),
            Err(le) => Err(self.lex_error(le)),
        })
    }

    fn indentation(&self, start: usize) -> (usize, usize) {
        let local = start - self.base;
        let line_start = self.src[..local]
            .rfind(['\n', '\r'])
            .map(|i| i + 1)
            .unwrap_or(0);
        let (mut col, mut alt) = (0usize, 0usize);
        for c in self.src[line_start..local].chars() {
            match c {
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0C' => {
                    col = 0;
                    alt = 0;
                }
                _ => {
                    col += 1;
                    alt += 1;
                }
            }
        }
        (col, alt)
    }

    fn handle_indent(&mut self, s: usize) -> Result<(), SyntaxError> {
        let (col, alt) = self.indentation(s);
        let tab_err = || err("inconsistent use of tabs and spaces in indentation", s);
        let &(tc, ta) = self.indents.last().unwrap_or(&(0, 0));
        if col == tc {
            if alt != ta {
                return Err(tab_err());
            }
        } else if col > tc {
            if alt <= ta {
                return Err(tab_err());
            }
            if self.indents.len() > MAX_INDENT {
                return Err(indent_err("too many levels of indentation", s));
            }
            self.indents.push((col, alt));
            self.out.push_back((s, Tok::Indent, s));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.indents.pop();
                self.out.push_back((s, Tok::Dedent, s));
            }
            let &(tc, ta) = self.indents.last().unwrap_or(&(0, 0));
            if col != tc {
                return Err(indent_err(
                    "unindent does not match any outer indentation level",
                    s,
                ));
            }
            if alt != ta {
                return Err(tab_err());
            }
        }
        Ok(())
    }

    fn bracket(&mut self, tok: &Tok, s: usize) -> Result<(), SyntaxError> {
        let open = match tok {
            Tok::LPar => Some('('),
            Tok::LSqb => Some('['),
            Tok::LBrace => Some('{'),
            _ => None,
        };
        if let Some(c) = open {
            if self.brackets.len() >= MAX_BRACKETS {
                return Err(err("too many nested parentheses", s));
            }
            self.brackets.push((c, s));
            return Ok(());
        }
        let (close, want) = match tok {
            Tok::RPar => (')', '('),
            Tok::RSqb => (']', '['),
            Tok::RBrace => ('}', '{'),
            _ => return Ok(()),
        };
        match self.brackets.pop() {
            None => Err(err(format!("unmatched '{close}'"), s)),
            Some((o, _)) if o != want => Err(err(
                format!("closing parenthesis '{close}' does not match opening parenthesis '{o}'"),
                s,
            )),
            Some(_) => Ok(()),
        }
    }

    fn step(&mut self) -> Result<(), SyntaxError> {
        match self.raw() {
            None => {
                self.done = true;
                if let Some(&(c, off)) = self.brackets.last() {
                    let mut e = err(format!("'{c}' was never closed"), off);
                    e.incomplete = true;
                    return Err(e);
                }
                if self.expr_mode {
                    return Ok(());
                }
                let end = self.base + self.src.len();
                if self.line_has_tokens {
                    self.end_line(end, end);
                }
                while self.indents.len() > 1 {
                    self.indents.pop();
                    self.out.push_back((end, Tok::Dedent, end));
                }
                Ok(())
            }
            Some(Err(e)) => {
                self.done = true;
                Err(e)
            }
            Some(Ok((s, Tok::PhysNewline, e))) => {
                if self.brackets.is_empty() && !self.expr_mode && self.line_has_tokens {
                    self.end_line(s, e);
                }
                Ok(())
            }
            Some(Ok((s, mut tok, mut e))) => {
                if self.at_line_start && !self.expr_mode {
                    self.handle_indent(s)?;
                    self.at_line_start = false;
                }
                self.bracket(&tok, s)?;
                self.count_depth(&tok, s)?;
                if let Tok::Str(parts) = &mut tok {
                    self.merge_strings(parts, &mut e)?;
                }
                if self.line_first.is_none() {
                    self.line_first = Some((tok.clone(), s));
                }
                self.last_was_colon = tok == Tok::Colon;
                self.line_has_tokens = true;
                self.out.push_back((s, tok, e));
                Ok(())
            }
        }
    }

    fn count_depth(&mut self, tok: &Tok, s: usize) -> Result<(), SyntaxError> {
        use Tok::*;
        match tok {
            LPar | LSqb | LBrace => {
                self.depth_stack.push(self.depth);
                self.depth += 1;
            }
            RPar | RSqb | RBrace => {
                self.depth = self.depth_stack.pop().unwrap_or(0) + 1;
            }
            Comma => {
                self.depth = self.depth_stack.last().map_or(0, |d| d + 1);
            }
            Semi | Equal | PlusEqual | MinEqual | StarEqual | SlashEqual | PercentEqual
            | AmperEqual | VbarEqual | CircumflexEqual | LeftShiftEqual | RightShiftEqual
            | DoubleStarEqual | DoubleSlashEqual | AtEqual
                if self.depth_stack.is_empty() =>
            {
                self.depth = 0;
            }
            Plus | Minus | Star | Slash | Vbar | Amper | Less | Greater | Dot | Percent
            | EqEqual | NotEqual | LessEqual | GreaterEqual | Tilde | Circumflex | LeftShift
            | RightShift | DoubleStar | DoubleSlash | At | ColonEqual | Not | And | Or | Is
            | In | If | Else | Lambda | Await | Yield => {
                self.depth += 1;
            }
            _ => {}
        }
        if self.depth > MAX_DEPTH {
            return Err(err("too many nested expressions", s));
        }
        Ok(())
    }

    fn end_line(&mut self, s: usize, e: usize) {
        self.block_header = None;
        self.depth = 0;
        if self.last_was_colon {
            self.block_header = self.line_first.take();
        }
        self.line_first = None;
        self.last_was_colon = false;
        self.out.push_back((s, Tok::Newline, e));
        self.line_has_tokens = false;
        self.at_line_start = true;
    }

    fn merge_strings(
        &mut self,
        parts: &mut Vec<StrLit>,
        end: &mut usize,
    ) -> Result<(), SyntaxError> {
        loop {
            let next = self.raw();
            match next {
                Some(Ok((_, Tok::PhysNewline, _)))
                    if !self.brackets.is_empty() || self.expr_mode =>
                {
                    continue
                }
                Some(Ok((s, Tok::Str(more), e))) => {
                    let is_bytes = |p: &StrLit| matches!(p, StrLit::Bytes(_));
                    if is_bytes(&parts[0]) != is_bytes(&more[0]) {
                        return Err(err("cannot mix bytes and nonbytes literals", s));
                    }
                    parts.extend(more);
                    *end = e;
                }
                other => {
                    self.pending = Some(other);
                    return Ok(());
                }
            }
        }
    }
}

impl Iterator for Layout<'_> {
    type Item = Result<Spanned, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(t) = self.out.pop_front() {
                return Some(Ok(t));
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.step() {
                self.done = true;
                self.out.clear();
                return Some(Err(e));
            }
        }
    }
}
