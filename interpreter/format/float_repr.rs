//! Float to decimal text: `repr(float)` and CPython's `PyOS_double_to_string` layout
//! (`format_float_short` in `Python/pystrtod.c`), with digits produced by Rust's
//! correctly rounded (round-half-even on the exact binary value) float formatting.

/// Splits the output of `{:e}` / `{:.Ne}` (`"1.2345e-5"`) into digits (no point, trailing
/// zeros stripped, `"0"` for zero) and `decpt` (value = 0.DIGITS × 10^decpt).
fn split_sci(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').expect("scientific output");
    let exp: i32 = exp.parse().expect("exponent");
    let mut digits: String = mant.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if digits == "0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// dtoa mode 0: shortest round-trip digits of a finite non-negative `ax`.
fn shortest_digits(ax: f64) -> (String, i32) {
    split_sci(&format!("{:e}", ax))
}

/// dtoa mode 2: `ndigits` (>= 1) significant digits, trailing zeros stripped.
fn significant_digits(ax: f64, ndigits: usize) -> (String, i32) {
    split_sci(&format!("{:.*e}", ndigits - 1, ax))
}

/// dtoa mode 3: `prec` digits after the decimal point, trailing zeros stripped.
fn fixed_digits(ax: f64, prec: usize) -> (String, i32) {
    let s = format!("{:.*}", prec, ax);
    let int_len = s.find('.').unwrap_or(s.len()) as i32;
    let all: String = s.chars().filter(|c| *c != '.').collect();
    let trimmed = all.trim_start_matches('0');
    if trimmed.is_empty() {
        return ("0".to_string(), 1);
    }
    let decpt = int_len - (all.len() - trimmed.len()) as i32;
    (trimmed.trim_end_matches('0').to_string(), decpt)
}

/// CPython's `PyOS_double_to_string(x, code, precision, flags)`.
///
/// `code` is one of `e E f F g G r` (`r` = repr, precision ignored). `alt` is `Py_DTSF_ALT`
/// (`#`), `add_dot_0` is `Py_DTSF_ADD_DOT_0`, `no_neg_0` is `Py_DTSF_NO_NEG_0` (`z`).
/// A leading `-` is produced for negative values (including `-0.0`); never a `+`.
pub fn format_float_short(
    x: f64,
    code: char,
    precision: usize,
    alt: bool,
    add_dot_0: bool,
    no_neg_0: bool,
) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let neg = x.is_sign_negative() && !x.is_nan();
    let mut out = String::new();
    if x.is_nan() {
        out.push_str("nan");
    } else if x.is_infinite() {
        if neg {
            out.push('-');
        }
        out.push_str("inf");
    } else {
        let ax = x.abs();
        let mut precision = precision as i64;
        let (digits, decpt32) = match code {
            'e' => {
                precision += 1;
                significant_digits(ax, precision as usize)
            }
            'f' => fixed_digits(ax, precision as usize),
            'g' => {
                if precision == 0 {
                    precision = 1;
                }
                significant_digits(ax, precision as usize)
            }
            _ => {
                precision = 17;
                shortest_digits(ax)
            }
        };
        let mut decpt = decpt32 as i64;
        let digits_len = digits.len() as i64;
        let mut vdigits_end = digits_len;
        let mut use_exp = false;
        match code {
            'e' => {
                use_exp = true;
                vdigits_end = precision;
            }
            'f' => vdigits_end = decpt + precision,
            'g' => {
                let limit = if add_dot_0 { precision - 1 } else { precision };
                if decpt <= -4 || decpt > limit {
                    use_exp = true;
                }
                if alt {
                    vdigits_end = precision;
                }
            }
            _ => {
                if decpt <= -4 || decpt > 16 {
                    use_exp = true;
                }
            }
        }
        let mut exp = 0i64;
        if use_exp {
            exp = decpt - 1;
            decpt = 1;
        }
        let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
        if !use_exp && add_dot_0 {
            vdigits_end = vdigits_end.max(decpt + 1);
        } else {
            vdigits_end = vdigits_end.max(decpt);
        }
        let all_zero = digits.bytes().all(|b| b == b'0');
        if neg && !(no_neg_0 && all_zero) {
            out.push('-');
        }
        let zeros = |out: &mut String, n: i64| {
            for _ in 0..n.max(0) {
                out.push('0');
            }
        };
        if decpt <= 0 {
            zeros(&mut out, decpt - vdigits_start);
            out.push('.');
            zeros(&mut out, -decpt);
        } else {
            zeros(&mut out, -vdigits_start);
        }
        if 0 < decpt && decpt <= digits_len {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        } else {
            out.push_str(&digits);
        }
        if digits_len < decpt {
            zeros(&mut out, decpt - digits_len);
            out.push('.');
            zeros(&mut out, vdigits_end - decpt);
        } else {
            zeros(&mut out, vdigits_end - digits_len);
        }
        if out.ends_with('.') && !alt {
            out.pop();
        }
        if use_exp {
            out.push('e');
            out.push(if exp < 0 { '-' } else { '+' });
            out.push_str(&format!("{:02}", exp.abs()));
        }
    }
    if upper {
        out.make_ascii_uppercase();
    }
    out
}

/// Python's `repr(x)` (== `str(x)`) for a float: shortest round-trip digits, scientific
/// notation when the decimal exponent is < -4 or >= 16, `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    format_float_short(x, 'r', 0, false, true, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1e300, "1e+300"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want);
        }
        assert_eq!(
            format_float_short(2.675, 'f', 2, false, false, false),
            "2.67"
        );
        assert_eq!(
            format_float_short(1.0, 'e', 0, true, false, false),
            "1.e+00"
        );
        assert_eq!(
            format_float_short(-0.001, 'f', 1, false, false, true),
            "0.0"
        );
    }
}
