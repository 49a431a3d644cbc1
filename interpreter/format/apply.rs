//! Applying a [`FormatSpec`] to ints, floats and strings (`format(x, spec)`),
//! following `Python/formatter_unicode.c`.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_repr::{float_repr, format_float_short};
use super::spec::{unknown_format_code, FormatSpec};

/// Resolved fill and alignment for a given default alignment.
fn fill_align(spec: &FormatSpec, default_align: char) -> (char, char) {
    let mut fill = spec.fill.unwrap_or(' ');
    let mut align = spec.align.unwrap_or(default_align);
    if spec.zero {
        fill = '0';
        if spec.align.is_none() && default_align == '>' {
            align = '=';
        }
    }
    (fill, align)
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right, left-padding with
/// zeros until the result is at least `min_width` characters long.
fn group_digits(digits: &[char], grouping: Option<(char, usize)>, min_width: isize) -> String {
    if digits.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    let mut end = digits.len();
    let mut take = |l: isize, remaining: &mut isize, parts: &mut Vec<String>| {
        let n_zeros = (l - *remaining).max(0);
        let n_chars = (*remaining).min(l).max(0);
        let mut chunk: String = "0".repeat(n_zeros as usize);
        chunk.extend(&digits[end - n_chars as usize..end]);
        end -= n_chars as usize;
        parts.push(chunk);
        *remaining -= n_chars;
    };
    let sep = match grouping {
        Some((sep, size)) => {
            loop {
                let l = (size as isize).min(remaining.max(min_width).max(1));
                take(l, &mut remaining, &mut parts);
                min_width -= l;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
            sep.to_string()
        }
        None => {
            let l = remaining.max(min_width).max(1);
            take(l, &mut remaining, &mut parts);
            String::new()
        }
    };
    parts.reverse();
    parts.join(&sep)
}

/// `calc_number_widths` + `fill_number`: lays out
/// `[lpad][sign][prefix][spad][grouped digits][.][remainder][rpad]`.
#[allow(clippy::too_many_arguments)]
fn layout_number(
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    spec: &FormatSpec,
    grouping: Option<(char, usize)>,
) -> String {
    let (fill, align) = fill_align(spec, '>');
    let sign = match spec.sign {
        Some('+') => Some(if negative { '-' } else { '+' }),
        Some(' ') => Some(if negative { '-' } else { ' ' }),
        _ => negative.then_some('-'),
    };
    let n_sign = sign.is_some() as isize;
    let n_prefix = prefix.chars().count() as isize;
    let width = spec.width.map(|w| w as isize).unwrap_or(-1);
    let n_remainder = remainder.chars().count() as isize;
    let min_width = if fill == '0' && align == '=' {
        width - n_sign - n_prefix - has_decimal as isize - n_remainder
    } else {
        0
    };
    let digit_chars: Vec<char> = digits.chars().collect();
    let grouped = group_digits(&digit_chars, grouping, min_width);
    let used =
        n_sign + n_prefix + has_decimal as isize + n_remainder + grouped.chars().count() as isize;
    let n_padding = (width - used).max(0) as usize;
    let (lpad, spad, rpad) = match align {
        '<' => (0, 0, n_padding),
        '^' => (n_padding / 2, 0, n_padding - n_padding / 2),
        '=' => (0, n_padding, 0),
        _ => (n_padding, 0, 0),
    };
    let mut out = String::new();
    out.extend(std::iter::repeat_n(fill, lpad));
    out.extend(sign);
    out.push_str(prefix);
    out.extend(std::iter::repeat_n(fill, spad));
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    out.extend(std::iter::repeat_n(fill, rpad));
    out
}

/// `format(value, spec)` for an `int`. See [`format_int_typed`].
pub fn format_int(value: &BigInt, spec: &FormatSpec) -> Result<String, String> {
    format_int_typed(value, spec, "int")
}

/// `format(value, spec)` for an int-like object whose Python type is `type_name` (`int`,
/// `bool`), for an already parsed, non-empty spec (an empty spec means `str(value)`, which
/// the VM produces itself). Types `b c d o x X n`, none, and `e E f F g G %` (converted to
/// float; `int too large to convert to float` when out of range). Errors are `ValueError`
/// messages, except `%c arg not in range(0x110000)` (OverflowError) and the float
/// conversion one (OverflowError).
pub fn format_int_typed(
    value: &BigInt,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('d');
    let grouping = spec.check_grouping(ty)?;
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int_to_f64(value)?;
            return format_float_typed(x, spec, type_name);
        }
        _ => return Err(unknown_format_code(ty, type_name)),
    }
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        let ch = value
            .to_i64()
            .ok_or_else(|| "Python int too large to convert to C long".to_string())?;
        let ch = u32::try_from(ch)
            .ok()
            .filter(|v| *v <= 0x10ffff)
            .ok_or_else(|| "%c arg not in range(0x110000)".to_string())?;
        // Surrogates cannot live in a Rust string; use U+FFFD.
        let ch = char::from_u32(ch).unwrap_or('\u{fffd}');
        return Ok(layout_number(
            false,
            "",
            &ch.to_string(),
            false,
            "",
            spec,
            None,
        ));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(base);
    let mut prefix = if spec.alternate {
        prefix.to_string()
    } else {
        String::new()
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
        prefix.make_ascii_uppercase();
    }
    Ok(layout_number(
        value.sign() == Sign::Minus,
        &prefix,
        &digits,
        false,
        "",
        spec,
        grouping,
    ))
}

/// `float(int)`: `int too large to convert to float` on overflow.
fn int_to_f64(value: &BigInt) -> Result<f64, String> {
    match value.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err("int too large to convert to float".to_string()),
    }
}

/// `format(value, spec)` for a `float`. See [`format_float_typed`].
pub fn format_float(value: f64, spec: &FormatSpec) -> Result<String, String> {
    format_float_typed(value, spec, "float")
}

/// `format(value, spec)` for a float (`type_name` is used in error messages). Types
/// `e E f F g G n %` and none (`repr`-like; with a precision, `g`-like with at least one
/// digit after the point). An empty spec gives `str(value)`.
pub fn format_float_typed(
    value: f64,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, String> {
    if *spec == FormatSpec::default() {
        return Ok(float_repr(value));
    }
    let ty = spec.ty.unwrap_or('\0');
    let grouping = spec.check_grouping(ty)?;
    if !matches!(ty, '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
        return Err(unknown_format_code(ty, type_name));
    }
    let mut code = ty;
    let mut add_dot_0 = false;
    let mut default_precision = 6;
    if code == '\0' {
        add_dot_0 = true;
        code = 'r';
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    let mut val = value;
    let mut add_pct = false;
    if code == '%' {
        code = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if p > i32::MAX as usize {
                return Err("precision too big".to_string());
            }
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    let mut buf = format_float_short(
        val,
        code,
        precision,
        spec.alternate,
        add_dot_0,
        spec.no_neg_0,
    );
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let n_digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = body.split_at(n_digits);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Ok(layout_number(
        negative,
        "",
        digits,
        has_decimal,
        remainder,
        spec,
        grouping,
    ))
}

/// `format(value, spec)` for a `str`: fill/align/width, precision truncates; default
/// left-aligned. Errors for signs, `z`, `#`, `=` and non-`s` types.
pub fn format_str(value: &str, spec: &FormatSpec) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('s');
    spec.check_grouping(ty)?;
    if ty != 's' {
        return Err(unknown_format_code(ty, "str"));
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    let (fill, align) = fill_align(spec, '<');
    if align == '=' {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let mut len = value.chars().count();
    let text: &str = match spec.precision {
        Some(p) if p < len => {
            len = p;
            match value.char_indices().nth(p) {
                Some((i, _)) => &value[..i],
                None => value,
            }
        }
        _ => value,
    };
    Ok(pad(text, len, spec.width, fill, align))
}

/// `calc_padding` + fill for a piece of text of `len` characters.
fn pad(text: &str, len: usize, width: Option<usize>, fill: char, align: char) -> String {
    let total = width.filter(|w| *w > len).unwrap_or(len);
    let lpad = match align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(text.len() + lpad + rpad);
    out.extend(std::iter::repeat_n(fill, lpad));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, rpad));
    out
}

/// Parses `spec` and formats an int (type `int`); empty spec gives `str(value)`.
pub fn format_int_spec(value: &BigInt, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_int(value, &FormatSpec::parse(spec, "int")?)
}

/// Parses `spec` and formats a float; empty spec gives `str(value)`.
pub fn format_float_spec(value: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    format_float(value, &FormatSpec::parse(spec, "float")?)
}

/// Parses `spec` and formats a str; empty spec gives the string itself.
pub fn format_str_spec(value: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_str(value, &FormatSpec::parse(spec, "str")?)
}
