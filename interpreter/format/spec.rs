//! The format-spec mini-language:
//! `[[fill]align][sign][z][#][0][width][grouping_option][.precision][type]`
//! (CPython's `parse_internal_render_format_spec`, `Python/formatter_unicode.c`).
//!
//! Parsing is type-agnostic; the type-dependent defaults (default alignment, default
//! presentation type, the `0` flag turning into `=` alignment for numbers) are resolved by the
//! appliers in [`super::apply`].

/// A parsed format spec. Fields are `None`/`false` when absent from the spec text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// Explicit fill character (only present together with `align`).
    pub fill: Option<char>,
    /// One of `<`, `>`, `^`, `=`.
    pub align: Option<char>,
    /// One of `+`, `-`, ` `.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive (floats only).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag before the width.
    pub zero: bool,
    /// Minimum field width.
    pub width: Option<usize>,
    /// Grouping option: `,` or `_`.
    pub grouping: Option<char>,
    /// Precision after `.`.
    pub precision: Option<usize>,
    /// Presentation type character.
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '^' | '=')
}

/// Reads a run of ASCII digits; `Ok(None)` when there is none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let start = *pos;
    let mut value: usize = 0;
    while *pos < chars.len() && chars[*pos].is_ascii_digit() {
        let d = chars[*pos] as usize - '0' as usize;
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .filter(|v| *v <= isize::MAX as usize)
            .ok_or_else(|| "Too many decimal digits in format string".to_string())?;
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(value) })
}

impl FormatSpec {
    /// Parses a spec; `type_name` is the Python type name used in the
    /// `Invalid format specifier '...' for object of type '...'` error.
    ///
    /// Other errors: `Format specifier missing precision`, `Cannot specify both ',' and '_'.`,
    /// `Too many decimal digits in format string`.
    pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, String> {
        let c: Vec<char> = spec.chars().collect();
        let end = c.len();
        let mut pos = 0;
        let mut f = FormatSpec::default();
        if end >= 2 && is_align(c[1]) {
            f.fill = Some(c[0]);
            f.align = Some(c[1]);
            pos = 2;
        } else if end >= 1 && is_align(c[0]) {
            f.align = Some(c[0]);
            pos = 1;
        }
        if pos < end && matches!(c[pos], '+' | '-' | ' ') {
            f.sign = Some(c[pos]);
            pos += 1;
        }
        if pos < end && c[pos] == 'z' {
            f.no_neg_0 = true;
            pos += 1;
        }
        if pos < end && c[pos] == '#' {
            f.alternate = true;
            pos += 1;
        }
        if f.fill.is_none() && pos < end && c[pos] == '0' {
            f.zero = true;
            pos += 1;
        }
        f.width = get_integer(&c, &mut pos)?;
        if pos < end && c[pos] == ',' {
            f.grouping = Some(',');
            pos += 1;
        }
        if pos < end && c[pos] == '_' {
            if f.grouping.is_some() {
                return Err("Cannot specify both ',' and '_'.".to_string());
            }
            f.grouping = Some('_');
            pos += 1;
        }
        if pos < end && c[pos] == ',' && f.grouping == Some('_') {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        if pos < end && c[pos] == '.' {
            pos += 1;
            f.precision = get_integer(&c, &mut pos)?;
            if f.precision.is_none() {
                return Err("Format specifier missing precision".to_string());
            }
        }
        if end - pos > 1 {
            return Err(format!(
                "Invalid format specifier '{}' for object of type '{}'",
                spec, type_name
            ));
        }
        if pos < end {
            f.ty = Some(c[pos]);
        }
        Ok(f)
    }

    /// Checks the grouping option against the (defaulted) presentation type, as CPython does
    /// at the end of parsing. Returns the grouping `(separator, group size)` to use.
    pub(crate) fn check_grouping(&self, ty: char) -> Result<Option<(char, usize)>, String> {
        let Some(g) = self.grouping else {
            return Ok(None);
        };
        match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(Some((g, 3))),
            'b' | 'o' | 'x' | 'X' if g == '_' => Ok(Some((g, 4))),
            _ => Err(if (ty as u32) > 32 && (ty as u32) < 128 {
                format!("Cannot specify '{}' with '{}'.", g, ty)
            } else {
                format!("Cannot specify '{}' with '\\x{:x}'.", g, ty as u32)
            }),
        }
    }
}

/// CPython's `Unknown format code 'X' for object of type 'T'` message.
pub fn unknown_format_code(ty: char, type_name: &str) -> String {
    if (ty as u32) > 32 && (ty as u32) < 128 {
        format!(
            "Unknown format code '{}' for object of type '{}'",
            ty, type_name
        )
    } else {
        format!(
            "Unknown format code '\\x{:x}' for object of type '{}'",
            ty as u32, type_name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_fields() {
        let f = FormatSpec::parse("*^+z#012,.3f", "float").unwrap();
        assert_eq!(
            f,
            FormatSpec {
                fill: Some('*'),
                align: Some('^'),
                sign: Some('+'),
                no_neg_0: true,
                alternate: true,
                zero: false,
                width: Some(12),
                grouping: Some(','),
                precision: Some(3),
                ty: Some('f'),
            }
        );
        assert!(FormatSpec::parse("012", "int").unwrap().zero);
        assert_eq!(
            FormatSpec::parse("abc", "int").unwrap_err(),
            "Invalid format specifier 'abc' for object of type 'int'"
        );
        assert_eq!(
            FormatSpec::parse(".", "int").unwrap_err(),
            "Format specifier missing precision"
        );
    }
}
