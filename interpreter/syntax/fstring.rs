//! f-string bodies to `FStringPart`s. Field expressions are parsed by calling the expression
//! parser on the substring, with spans offset to their place in the file.

use super::ast::FStringPart;
use super::error::SyntaxError;
use super::layout::err;
use super::lexer::decode_str;

/// Splits an f-string body (the text between the quotes, starting at byte `offset` of the file).
pub fn parse(body: &str, raw: bool, offset: usize) -> Result<Vec<FStringPart>, SyntaxError> {
    let mut p = FParser {
        s: body,
        b: body.as_bytes(),
        pos: 0,
        raw,
        offset,
    };
    p.parts(0)
}

/// Appends `part`, merging adjacent literals and dropping empty ones.
pub fn push_part(out: &mut Vec<FStringPart>, part: FStringPart) {
    if let FStringPart::Literal(s) = &part {
        if s.is_empty() {
            return;
        }
        if let Some(FStringPart::Literal(prev)) = out.last_mut() {
            prev.push_str(s);
            return;
        }
    }
    out.push(part);
}

struct FParser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    raw: bool,
    offset: usize,
}

impl FParser<'_> {
    fn err(&self, msg: &str, at: usize) -> SyntaxError {
        err(format!("f-string: {msg}"), self.offset + at)
    }

    fn flush(&self, out: &mut Vec<FStringPart>, from: usize, to: usize) -> Result<(), SyntaxError> {
        if from >= to {
            return Ok(());
        }
        let text = &self.s[from..to];
        let decoded = if self.raw {
            text.to_string()
        } else {
            decode_str(text, self.offset + from).map_err(|e| {
                err(
                    e.message.unwrap_or_else(|| "invalid escape".into()),
                    self.offset + e.offset.unwrap_or(from),
                )
            })?
        };
        push_part(out, FStringPart::Literal(decoded));
        Ok(())
    }

    /// Literal text and fields; with `nest > 0` (inside a format spec) stops at an unmatched `}`.
    fn parts(&mut self, nest: u32) -> Result<Vec<FStringPart>, SyntaxError> {
        let mut out = Vec::new();
        let mut lit_start = self.pos;
        while self.pos < self.b.len() {
            match self.b[self.pos] {
                b'{' => {
                    if nest == 0 && self.b.get(self.pos + 1) == Some(&b'{') {
                        self.flush(&mut out, lit_start, self.pos + 1)?;
                        self.pos += 2;
                        lit_start = self.pos;
                        continue;
                    }
                    self.flush(&mut out, lit_start, self.pos)?;
                    let f = self.field(nest)?;
                    out.push(f);
                    lit_start = self.pos;
                }
                b'}' => {
                    if nest > 0 {
                        break;
                    }
                    if self.b.get(self.pos + 1) == Some(&b'}') {
                        self.flush(&mut out, lit_start, self.pos + 1)?;
                        self.pos += 2;
                        lit_start = self.pos;
                        continue;
                    }
                    return Err(self.err("single '}' is not allowed", self.pos));
                }
                b'\\' if !self.raw && self.b.get(self.pos + 1) == Some(&b'\\') => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        self.flush(&mut out, lit_start, self.pos)?;
        Ok(out)
    }

    fn field(&mut self, nest: u32) -> Result<FStringPart, SyntaxError> {
        let open = self.pos;
        if nest >= 2 {
            return Err(self.err("expressions nested too deeply", open));
        }
        self.pos += 1;
        let start = self.pos;
        let mut depth = 0usize;
        let mut debug = false;
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                return Err(self.err("expecting '}'", open));
            };
            match c {
                b'\\' => {
                    return Err(self.err("expression part cannot include a backslash", self.pos))
                }
                b'#' => return Err(self.err("expression part cannot include '#'", self.pos)),
                b'\'' | b'"' => {
                    let triple = self.b.get(self.pos + 1) == Some(&c)
                        && self.b.get(self.pos + 2) == Some(&c);
                    let qlen = if triple { 3 } else { 1 };
                    self.pos += qlen;
                    loop {
                        if self.pos >= self.b.len() {
                            return Err(self.err("expecting '}'", open));
                        }
                        if self.b[self.pos] == c
                            && (!triple
                                || (self.b.get(self.pos + 1) == Some(&c)
                                    && self.b.get(self.pos + 2) == Some(&c)))
                        {
                            self.pos += qlen;
                            break;
                        }
                        self.pos += 1;
                    }
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        if c == b'}' {
                            break;
                        }
                        return Err(self.err(&format!("unmatched '{}'", c as char), self.pos));
                    }
                    depth -= 1;
                }
                b'!' if depth == 0 => {
                    if self.b.get(self.pos + 1) == Some(&b'=') {
                        self.pos += 2;
                        continue;
                    }
                    break;
                }
                b':' if depth == 0 => break,
                b'=' if depth == 0 => {
                    if self.b.get(self.pos + 1) == Some(&b'=') {
                        self.pos += 2;
                        continue;
                    }
                    let prev = if self.pos > start {
                        self.b[self.pos - 1]
                    } else {
                        b' '
                    };
                    if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        debug = true;
                        break;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        let expr_text = &self.s[start..self.pos];
        if expr_text.trim().is_empty() {
            return Err(self.err("empty expression not allowed", start));
        }
        let mut debug_text = None;
        if debug {
            self.pos += 1;
            while self.pos < self.b.len() && self.b[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            debug_text = Some(self.s[start..self.pos].to_string());
        }
        let value =
            super::parser::parse_expression(expr_text, self.offset + start).map_err(|mut e| {
                if !e.message.starts_with("f-string") {
                    e.message = format!("f-string: {}", e.message);
                }
                e.incomplete = false;
                e
            })?;
        let mut conversion = None;
        if self.b.get(self.pos) == Some(&b'!') {
            match self.b.get(self.pos + 1) {
                Some(&c @ (b'r' | b's' | b'a')) => conversion = Some(c as char),
                _ => {
                    return Err(self.err(
                        "invalid conversion character: expected 's', 'r', or 'a'",
                        self.pos + 1,
                    ))
                }
            }
            self.pos += 2;
        }
        let mut format_spec = None;
        if self.b.get(self.pos) == Some(&b':') {
            self.pos += 1;
            format_spec = Some(self.parts(nest + 1)?);
        }
        if self.b.get(self.pos) != Some(&b'}') {
            return Err(self.err("expecting '}'", open));
        }
        self.pos += 1;
        if debug_text.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        Ok(FStringPart::Formatted {
            value: Box::new(value),
            conversion,
            format_spec,
            debug_text,
        })
    }
}
