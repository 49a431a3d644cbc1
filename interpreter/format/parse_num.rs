//! Text to numbers (`int(str, base)`, `float(str)`) and `repr` of `str` / `bytes`.

use num_bigint::BigInt;

/// Python's `str.isspace()` (approximation: Unicode `White_Space` plus the ASCII
/// separators U+001C..U+001F, which Python also treats as whitespace).
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `int(s, base)` for a str (base 0 or 2..=36). `Err(())` means
/// [`int_literal_error`]; an invalid base is [`INT_BASE_ERROR`] and must be checked by the VM.
/// Only ASCII digits are accepted (CPython also accepts other Unicode decimal digits).
#[allow(clippy::result_unit_err)] // the VM builds the message with `int_literal_error`
pub fn parse_int_literal(s: &str, base: u32) -> Result<BigInt, ()> {
    if base == 1 || base > 36 {
        return Err(());
    }
    let t = s.trim_matches(py_isspace);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let has_prefix = |p: &str| lower.starts_with(p);
    let mut base = base;
    let mut body = t;
    let mut after_prefix = false;
    if base == 0 {
        if has_prefix("0x") {
            base = 16;
        } else if has_prefix("0o") {
            base = 8;
        } else if has_prefix("0b") {
            base = 2;
        } else {
            base = 10;
            // Leading zeros are only allowed when the whole literal is zero.
            if t.starts_with('0') && !t.bytes().all(|b| b == b'0' || b == b'_') {
                return Err(());
            }
        }
    }
    if (base == 16 && has_prefix("0x"))
        || (base == 8 && has_prefix("0o"))
        || (base == 2 && has_prefix("0b"))
    {
        body = &t[2..];
        after_prefix = true;
    }
    // Underscores: single, between digits (one may directly follow a base prefix).
    let bytes = body.as_bytes();
    if bytes.is_empty() {
        return Err(());
    }
    let mut digits = String::with_capacity(bytes.len());
    let mut prev_digit = after_prefix;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            if !prev_digit || i + 1 == bytes.len() {
                return Err(());
            }
            prev_digit = false;
            continue;
        }
        let d = (b as char).to_digit(36).ok_or(())?;
        if d >= base {
            return Err(());
        }
        digits.push(b as char);
        prev_digit = true;
    }
    if digits.is_empty() {
        return Err(());
    }
    let v = BigInt::parse_bytes(digits.as_bytes(), base).ok_or(())?;
    Ok(if neg { -v } else { v })
}

/// `ValueError` for a bad `int()` base.
pub const INT_BASE_ERROR: &str = "int() base must be >= 2 and <= 36, or 0";

/// `invalid literal for int() with base 10: 'abc'` (the repr is cut at 200 characters, as
/// CPython's `%.200R` does).
pub fn int_literal_error(s: &str, base: u32) -> String {
    let r: String = str_repr(s).chars().take(200).collect();
    format!("invalid literal for int() with base {}: {}", base, r)
}

/// `could not convert string to float: 'abc'`.
pub fn float_literal_error(s: &str) -> String {
    format!("could not convert string to float: {}", str_repr(s))
}

/// `float(s)` for a str: surrounding whitespace, sign, `inf`/`infinity`/`nan` in any case,
/// decimal literals with optional exponent, single underscores between digits.
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let t = s.trim_matches(py_isspace);
    if !t.is_ascii() {
        return None;
    }
    let mut clean = String::with_capacity(t.len());
    if t.contains('_') {
        let mut prev = b'\0';
        for &b in t.as_bytes() {
            if b == b'_' {
                if !prev.is_ascii_digit() {
                    return None;
                }
            } else {
                if prev == b'_' && !b.is_ascii_digit() {
                    return None;
                }
                clean.push(b as char);
            }
            prev = b;
        }
        if prev == b'_' {
            return None;
        }
    } else {
        clean.push_str(t);
    }
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, &clean[..]),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // Validate: digits [. digits] [e [sign] digits], at least one mantissa digit.
    let b = body.as_bytes();
    let mut i = 0;
    let mut mant_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mant_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mant_digits += 1;
        }
    }
    if mant_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let v: f64 = body.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Approximation of `str.isprintable()` for one non-ASCII character: everything except
/// controls (Cc), separators other than space (Zs, Zl, Zp), common format characters (Cf),
/// private use (Co) and noncharacters/unassigned planes.
fn is_printable(c: char) -> bool {
    let u = c as u32;
    if c.is_control() {
        return false;
    }
    !matches!(u,
        0xa0 | 0xad | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891
        | 0x8e2 | 0x180e | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff | 0xfdd0..=0xfdef
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0000..=0xe0fff | 0xf0000..=0x10ffff | 0x323b0..=0xdffff)
        && (u & 0xfffe) != 0xfffe
}

/// Python's `repr(str)`: quotes, escapes, non-printable characters as `\x..`, `\u....`,
/// `\U........`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        let u = c as u32;
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if c == '\t' {
            out.push_str("\\t");
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else if u < 0x20 || u == 0x7f {
            out.push_str(&format!("\\x{:02x}", u));
        } else if u < 0x7f || is_printable(c) {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{:02x}", u));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{:04x}", u));
        } else {
            out.push_str(&format!("\\U{:08x}", u));
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(bytes)`: `b'...'` with `\t \n \r \\` escapes and `\x..` for bytes outside
/// 0x20..0x7e.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        if c == quote || c == b'\\' {
            out.push('\\');
            out.push(c as char);
        } else if c == b'\t' {
            out.push_str("\\t");
        } else if c == b'\n' {
            out.push_str("\\n");
        } else if c == b'\r' {
            out.push_str("\\r");
        } else if !(0x20..0x7f).contains(&c) {
            out.push_str(&format!("\\x{:02x}", c));
        } else {
            out.push(c as char);
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(parse_int_literal(" -0x_1f ", 0), Ok(BigInt::from(-31)));
        assert_eq!(parse_int_literal("010", 0), Err(()));
        assert_eq!(parse_int_literal("010", 10), Ok(BigInt::from(10)));
        assert_eq!(
            int_literal_error("abc", 10),
            "invalid literal for int() with base 10: 'abc'"
        );
        assert_eq!(parse_float_literal("1_0.5"), Some(10.5));
        assert_eq!(parse_float_literal("0x10"), None);
        assert_eq!(str_repr("it's\n"), "\"it's\\n\"");
        assert_eq!(bytes_repr(b"\x00a'"), "b\"\\x00a'\"");
    }
}
