//! The `logos` lexer: source text to raw tokens (no NEWLINE/INDENT/DEDENT logic; see `layout.rs`).
//!
//! Strings are scanned by a callback (so unterminated strings get a precise error) and their
//! escapes are decoded here; f-string bodies are kept raw for `fstring.rs`.

use logos::{Lexer, Logos};
use num_bigint::BigInt;
use num_traits::Num;

/// One string literal piece (before adjacent-literal concatenation).
#[derive(Debug, Clone, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string: the raw body between the quotes and the byte offset of its first character.
    FStr {
        body: String,
        raw: bool,
        offset: usize,
    },
}

/// A lexing error; `offset` is relative to the lexed text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LexError {
    /// `None` means "no rule matched here": the layout pass reports the invalid character.
    pub message: Option<String>,
    pub offset: Option<usize>,
    pub incomplete: bool,
}

impl LexError {
    fn from_lexer(_lex: &mut Lexer<'_, Tok>) -> Self {
        LexError::default()
    }
    fn at(message: impl Into<String>, offset: usize) -> Self {
        LexError {
            message: Some(message.into()),
            offset: Some(offset),
            incomplete: false,
        }
    }
}

#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error(LexError, LexError::from_lexer))]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(skip r"\\(\r\n|\n|\r)")]
#[logos(subpattern dec = r"[0-9](_?[0-9])*")]
#[logos(subpattern exp = r"[eE][+-]?[0-9](_?[0-9])*")]
pub enum Tok {
    // ---- produced by the layout pass only ----
    Newline,
    Indent,
    Dedent,
    /// First token of a `parse_expression` stream (selects the expression start rule).
    StartExpr,

    #[regex(r"\r\n|\n|\r")]
    PhysNewline,

    #[regex(r"[a-zA-Z_\u{80}-\u{10FFFF}][a-zA-Z0-9_\u{80}-\u{10FFFF}]*", lex_name)]
    Name(String),

    #[regex(r"(?&dec)", |lex| lex_int(lex.slice(), 10, lex.span().start))]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| lex_int(&lex.slice()[2..], 16, lex.span().start))]
    #[regex(r"0[oO](_?[0-7])+", |lex| lex_int(&lex.slice()[2..], 8, lex.span().start))]
    #[regex(r"0[bB](_?[01])+", |lex| lex_int(&lex.slice()[2..], 2, lex.span().start))]
    Int(BigInt),

    #[regex(r"(?&dec)\.((?&dec))?((?&exp))?", lex_float)]
    #[regex(r"\.(?&dec)((?&exp))?", lex_float)]
    #[regex(r"(?&dec)(?&exp)", lex_float)]
    Float(f64),

    #[regex(
        r"((?&dec)(\.((?&dec))?)?((?&exp))?|\.(?&dec)((?&exp))?)[jJ]",
        imaginary
    )]
    Imaginary,

    #[regex(r#"([rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?["']"#, lex_string)]
    Str(Vec<StrLit>),

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    Vbar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VbarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
    /// A backslash not followed by a newline.
    #[token("\\")]
    Backslash,
}

fn lex_name(lex: &mut Lexer<'_, Tok>) -> Result<String, LexError> {
    let s = lex.slice();
    let start = lex.span().start;
    for (i, c) in s.char_indices() {
        let ok = c == '_'
            || if i == 0 {
                c.is_alphabetic()
            } else {
                c.is_alphanumeric()
            };
        if !ok {
            return Err(LexError::at(
                format!("invalid character '{}' (U+{:04X})", c, c as u32),
                start + i,
            ));
        }
    }
    Ok(s.to_string())
}

fn lex_int(digits: &str, radix: u32, start: usize) -> Result<BigInt, LexError> {
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if radix == 10 && clean.len() > 1 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0')
    {
        return Err(LexError::at(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            start,
        ));
    }
    BigInt::from_str_radix(&clean, radix).map_err(|_| LexError::at("invalid number literal", start))
}

fn lex_float(lex: &mut Lexer<'_, Tok>) -> Result<f64, LexError> {
    let clean: String = lex.slice().chars().filter(|&c| c != '_').collect();
    clean
        .parse::<f64>()
        .map_err(|_| LexError::at("invalid float literal", lex.span().start))
}

fn imaginary(lex: &mut Lexer<'_, Tok>) -> Result<(), LexError> {
    Err(LexError::at(
        "imaginary numbers are not supported in gil",
        lex.span().start,
    ))
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn lex_string(lex: &mut Lexer<'_, Tok>) -> Result<Vec<StrLit>, LexError> {
    let slice = lex.slice();
    let start = lex.span().start;
    let quote = slice.as_bytes()[slice.len() - 1];
    let prefix = slice[..slice.len() - 1].to_ascii_lowercase();
    let raw = prefix.contains('r');
    let bytes = prefix.contains('b');
    let fstr = prefix.contains('f');
    let rem = lex.remainder().as_bytes();
    let triple = rem.len() >= 2 && rem[0] == quote && rem[1] == quote;
    let body_start = if triple { 2 } else { 0 };
    let mut i = body_start;
    loop {
        if i >= rem.len() {
            let src = lex.source();
            let mut e = if triple {
                LexError::at(
                    format!(
                        "unterminated triple-quoted string literal (detected at line {})",
                        line_of(src, src.len())
                    ),
                    start,
                )
            } else {
                LexError::at(
                    format!(
                        "unterminated string literal (detected at line {})",
                        line_of(src, start)
                    ),
                    start,
                )
            };
            e.incomplete = triple;
            return Err(e);
        }
        let c = rem[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == quote
            && (!triple || (rem.get(i + 1) == Some(&quote) && rem.get(i + 2) == Some(&quote)))
        {
            break;
        }
        if !triple && (c == b'\n' || c == b'\r') {
            let src = lex.source();
            return Err(LexError::at(
                format!(
                    "unterminated string literal (detected at line {})",
                    line_of(src, start)
                ),
                start,
            ));
        }
        i += 1;
    }
    let body_offset = lex.span().end + body_start;
    let body = &lex.remainder()[body_start..i];
    let body = body.to_string();
    lex.bump(i + if triple { 3 } else { 1 });
    let lit = if fstr {
        StrLit::FStr {
            body,
            raw,
            offset: body_offset,
        }
    } else if bytes {
        if let Some(p) = body.find(|c: char| !c.is_ascii()) {
            return Err(LexError::at(
                "bytes can only contain ASCII literal characters",
                body_offset + p,
            ));
        }
        if raw {
            StrLit::Bytes(body.into_bytes())
        } else {
            StrLit::Bytes(decode_bytes(&body))
        }
    } else if raw {
        StrLit::Str(body)
    } else {
        StrLit::Str(decode_str(&body, body_offset)?)
    };
    Ok(vec![lit])
}

/// Decodes the escapes of a (non-raw) str literal body. `offset` is the body's position, for errors.
pub fn decode_str(body: &str, offset: usize) -> Result<String, LexError> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let mut hex = |n: usize, what: &str| -> Result<u32, LexError> {
            let mut v = 0u32;
            for _ in 0..n {
                match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                    Some(d) => {
                        v = v * 16 + d;
                        chars.next();
                    }
                    None => {
                        return Err(LexError::at(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes: truncated {what} escape"
                            ),
                            offset + i,
                        ))
                    }
                }
            }
            Ok(v)
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().map(|&(_, c)| c) == Some('\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            'x' => {
                let v = hex(2, "\\xXX")?;
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'u' => {
                let v = hex(4, "\\uXXXX")?;
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'U' => {
                let v = hex(8, "\\UXXXXXXXX")?;
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(LexError::at(
                            "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character",
                            offset + i,
                        ))
                    }
                }
            }
            'N' => {
                return Err(LexError::at(
                    "\\N{...} escapes are not supported in gil",
                    offset + i,
                ))
            }
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Decodes the escapes of a (non-raw, ASCII-only) bytes literal body.
pub fn decode_bytes(body: &str) -> Vec<u8> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' || i >= b.len() {
            out.push(c);
            continue;
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'x' if b.get(i).is_some_and(|d| d.is_ascii_hexdigit())
                && b.get(i + 1).is_some_and(|d| d.is_ascii_hexdigit()) =>
            {
                let s = std::str::from_utf8(&b[i..i + 2]).unwrap_or("0");
                out.push(u8::from_str_radix(s, 16).unwrap_or(0));
                i += 2;
            }
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    out
}
