//! `str.format` template parsing, following `Objects/stringlib/unicode_format.h`.
//!
//! The VM renders pieces in order: for a field it resolves the field name (using an
//! [`AutoNumber`] shared by the whole call, including nested fields inside specs), applies the
//! conversion, then — if [`spec_has_nested_fields`] — renders the spec itself as a template
//! (one level deep only: deeper nesting is [`MAX_RECURSION`]) and calls `format(obj, spec)`.

/// `ValueError` when a spec's nested field itself contains a nested field.
pub const MAX_RECURSION: &str = "Max string recursion exceeded";

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldFirst {
    /// `{}`: automatic numbering.
    Auto,
    /// `{0}`: positional argument.
    Index(usize),
    /// `{name}`: keyword argument.
    Name(String),
}

/// `.attr`, `[0]` or `[key]` after the first part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accessor {
    /// `.name`.
    Attr(String),
    /// `[digits]`: integer index.
    Index(usize),
    /// `[text]`: string key.
    Key(String),
}

/// A parsed field name such as `0.real[1]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    /// The argument selector.
    pub first: FieldFirst,
    /// Attribute / item accessors applied in order.
    pub rest: Vec<Accessor>,
}

/// A piece of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePiece {
    /// Literal text, `{{`/`}}` already unescaped.
    Literal(String),
    /// A replacement field.
    Field {
        /// Which argument.
        field_name: FieldName,
        /// `!r`, `!s`, `!a` (any other char: see [`conversion_error`]).
        conversion: Option<char>,
        /// Raw spec text after `:` (may contain nested `{}` fields).
        spec: String,
    },
}

/// `ValueError` for an unknown `!x` conversion (the VM checks `r`, `s`, `a`).
pub fn conversion_error(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 127 {
        format!("Unknown conversion specifier {}", c)
    } else {
        format!("Unknown conversion specifier \\x{:x}", c as u32)
    }
}

/// Whether a field's spec contains nested `{...}` fields that must be rendered first.
pub fn spec_has_nested_fields(spec: &str) -> bool {
    spec.contains('{')
}

/// Auto-numbering state shared by one `str.format` call (including nested spec fields).
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    state: u8, // 0 = init, 1 = auto, 2 = manual
    next: usize,
}

/// The argument a field refers to after numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgRef {
    /// Positional index.
    Index(usize),
    /// Keyword name.
    Name(String),
}

impl AutoNumber {
    /// Resolves a field's first part, enforcing CPython's rule against mixing `{}` and `{0}`
    /// (`cannot switch from manual field specification to automatic field numbering` and the
    /// reverse). Call it in rendering order.
    pub fn resolve(&mut self, first: &FieldFirst) -> Result<ArgRef, String> {
        match first {
            FieldFirst::Name(n) => Ok(ArgRef::Name(n.clone())),
            FieldFirst::Auto => {
                if self.state == 0 {
                    self.state = 1;
                }
                if self.state == 2 {
                    return Err("cannot switch from manual field specification to automatic field numbering".to_string());
                }
                self.next += 1;
                Ok(ArgRef::Index(self.next - 1))
            }
            FieldFirst::Index(i) => {
                if self.state == 0 {
                    self.state = 2;
                }
                if self.state == 1 {
                    return Err("cannot switch from automatic field numbering to manual field specification".to_string());
                }
                Ok(ArgRef::Index(*i))
            }
        }
    }
}

/// `get_integer`: `Ok(None)` when `s` is empty or not all digits.
fn get_integer(s: &str) -> Result<Option<usize>, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    s.parse::<usize>()
        .ok()
        .filter(|v| *v <= isize::MAX as usize)
        .map(Some)
        .ok_or_else(|| "Too many decimal digits in format string".to_string())
}

/// Parses a field name (`field_name_split` + `FieldNameIterator`).
pub fn parse_field_name(name: &str) -> Result<FieldName, String> {
    let c: Vec<char> = name.chars().collect();
    let mut pos = c
        .iter()
        .position(|ch| *ch == '.' || *ch == '[')
        .unwrap_or(c.len());
    let first_text: String = c[..pos].iter().collect();
    let first = if first_text.is_empty() {
        FieldFirst::Auto
    } else if let Some(i) = get_integer(&first_text)? {
        FieldFirst::Index(i)
    } else {
        FieldFirst::Name(first_text)
    };
    let mut rest = Vec::new();
    while pos < c.len() {
        let kind = c[pos];
        pos += 1;
        let start = pos;
        let acc = match kind {
            '.' => {
                while pos < c.len() && c[pos] != '.' && c[pos] != '[' {
                    pos += 1;
                }
                let t: String = c[start..pos].iter().collect();
                if t.is_empty() {
                    return Err("Empty attribute in format string".to_string());
                }
                Accessor::Attr(t)
            }
            '[' => {
                while pos < c.len() && c[pos] != ']' {
                    pos += 1;
                }
                if pos >= c.len() {
                    return Err("Missing ']' in format string".to_string());
                }
                let t: String = c[start..pos].iter().collect();
                pos += 1;
                if t.is_empty() {
                    return Err("Empty attribute in format string".to_string());
                }
                match get_integer(&t)? {
                    Some(i) => Accessor::Index(i),
                    None => Accessor::Key(t),
                }
            }
            _ => return Err("Only '.' or '[' may follow ']' in format field specifier".to_string()),
        };
        rest.push(acc);
    }
    Ok(FieldName { first, rest })
}

/// Parses a `str.format` template into literal and field pieces. Errors (`ValueError`):
/// `Single '}' encountered in format string`, `Single '{' encountered in format string`,
/// `expected '}' before end of string`, `unexpected '{' in field name`,
/// `end of string while looking for conversion specifier`,
/// `expected ':' after conversion specifier`, `unmatched '{' in format spec`,
/// and field-name errors (`Empty attribute in format string`, `Missing ']' in format string`,
/// `Only '.' or '[' may follow ']' in format field specifier`).
///
/// CPython detects errors while rendering, so an argument lookup error in an earlier field
/// would win over a syntax error in a later one; here syntax errors come first.
pub fn parse_format_template(s: &str) -> Result<Vec<TemplatePiece>, String> {
    let c: Vec<char> = s.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut pieces = Vec::new();
    let mut lit = String::new();
    while pos < end {
        // Literal text up to a '{' or '}'.
        let start = pos;
        let mut ch = '\0';
        let mut markup_follows = false;
        while pos < end {
            ch = c[pos];
            pos += 1;
            if ch == '{' || ch == '}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = pos >= end;
        let mut len = pos - start;
        if ch == '}' && markup_follows && (at_end || c[pos] != '}') {
            return Err("Single '}' encountered in format string".to_string());
        }
        if at_end && ch == '{' && markup_follows {
            return Err("Single '{' encountered in format string".to_string());
        }
        if !at_end && markup_follows {
            if c[pos] == ch {
                pos += 1;
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        lit.extend(&c[start..start + len]);
        if !markup_follows {
            continue;
        }
        if !lit.is_empty() {
            pieces.push(TemplatePiece::Literal(std::mem::take(&mut lit)));
        }
        // The field: name up to ':' '!' or '}'.
        let name_start = pos;
        let mut ch = '\0';
        while pos < end {
            ch = c[pos];
            pos += 1;
            match ch {
                '{' => return Err("unexpected '{' in field name".to_string()),
                '[' => {
                    while pos < end && c[pos] != ']' {
                        pos += 1;
                    }
                    ch = '\0';
                    continue;
                }
                '}' | ':' | '!' => break,
                _ => ch = '\0',
            }
        }
        let name: String = if matches!(ch, '}' | ':' | '!') {
            c[name_start..pos - 1].iter().collect()
        } else {
            c[name_start..pos].iter().collect()
        };
        let mut conversion = None;
        let mut spec = String::new();
        if ch == '!' || ch == ':' {
            let mut done = false;
            if ch == '!' {
                if pos >= end {
                    return Err("end of string while looking for conversion specifier".to_string());
                }
                conversion = Some(c[pos]);
                pos += 1;
                if pos < end {
                    let c2 = c[pos];
                    pos += 1;
                    if c2 == '}' {
                        done = true;
                    } else if c2 != ':' {
                        return Err("expected ':' after conversion specifier".to_string());
                    }
                }
            }
            if !done {
                let spec_start = pos;
                let mut count = 1;
                let mut closed = false;
                while pos < end {
                    let c3 = c[pos];
                    pos += 1;
                    if c3 == '{' {
                        count += 1;
                    } else if c3 == '}' {
                        count -= 1;
                        if count == 0 {
                            spec = c[spec_start..pos - 1].iter().collect();
                            closed = true;
                            break;
                        }
                    }
                }
                if !closed {
                    return Err("unmatched '{' in format spec".to_string());
                }
            }
        } else if ch != '}' {
            return Err("expected '}' before end of string".to_string());
        }
        pieces.push(TemplatePiece::Field {
            field_name: parse_field_name(&name)?,
            conversion,
            spec,
        });
    }
    if !lit.is_empty() {
        pieces.push(TemplatePiece::Literal(lit));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_numbering() {
        let mut a = AutoNumber::default();
        assert_eq!(a.resolve(&FieldFirst::Auto), Ok(ArgRef::Index(0)));
        assert_eq!(
            a.resolve(&FieldFirst::Name("x".into())),
            Ok(ArgRef::Name("x".into()))
        );
        assert_eq!(a.resolve(&FieldFirst::Auto), Ok(ArgRef::Index(1)));
        assert_eq!(
            a.resolve(&FieldFirst::Index(0)),
            Err(
                "cannot switch from automatic field numbering to manual field specification".into()
            )
        );
        let mut m = AutoNumber::default();
        assert!(m.resolve(&FieldFirst::Index(3)).is_ok());
        assert_eq!(
            m.resolve(&FieldFirst::Auto),
            Err(
                "cannot switch from manual field specification to automatic field numbering".into()
            )
        );
        assert!(spec_has_nested_fields("{1}.{2}f"));
        assert_eq!(conversion_error('x'), "Unknown conversion specifier x");
    }
}
