//! `%`-formatting (`str % args`), following `PyUnicode_Format` in `Objects/unicodeobject.c`.
//!
//! [`parse_percent`] splits the template into literal text and conversions; the VM walks the
//! pieces, pulls arguments (a tuple, a single value, or a mapping for `%(key)s`), resolves
//! `*` widths with [`PercentConv::with_stars`], converts objects itself (`str()`, `repr()`,
//! `ascii()`, `int()`, `float()`) and calls [`percent_str`], [`percent_int`] or
//! [`percent_float`].

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_repr::format_float_short;

/// `TypeError`: too few arguments.
pub const NOT_ENOUGH_ARGUMENTS: &str = "not enough arguments for format string";
/// `TypeError`: arguments left over after the last conversion.
pub const NOT_ALL_CONVERTED: &str = "not all arguments converted during string formatting";
/// `TypeError`: `%(key)s` used with a non-mapping argument.
pub const FORMAT_REQUIRES_MAPPING: &str = "format requires a mapping";
/// `TypeError`: a `*` width or precision argument is not an int.
pub const STAR_WANTS_INT: &str = "* wants int";
/// `TypeError`: `%c` with something other than an int or a 1-character str.
pub const C_REQUIRES_INT_OR_CHAR: &str = "%c requires int or char";
/// `OverflowError`: `%c` with an int outside `range(0x110000)`.
pub const C_ARG_NOT_IN_RANGE: &str = "%c arg not in range(0x110000)";

/// `TypeError` for `%d`/`%i`/`%u` (`a real number is required`) and `%x`/`%X`/`%o`
/// (`an integer is required`) given an unsuitable object of type `type_name`.
pub fn int_conversion_type_error(conv: char, type_name: &str) -> String {
    match conv {
        'x' | 'X' | 'o' => format!(
            "%{} format: an integer is required, not {}",
            conv, type_name
        ),
        _ => format!(
            "%{} format: a real number is required, not {}",
            conv, type_name
        ),
    }
}

/// `TypeError` for `%e`/`%f`/`%g`... given a non-number: `must be real number, not str`.
pub fn float_conversion_type_error(type_name: &str) -> String {
    format!("must be real number, not {}", type_name)
}

/// A width or precision: a number or `*` (taken from the arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// A literal number.
    Num(usize),
    /// `*`: the next argument (an int) supplies it.
    Star,
}

/// The flags `-`, `+`, space, `#`, `0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PercentFlags {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always sign numbers.
    pub sign: bool,
    /// ` `: space before non-negative numbers.
    pub space: bool,
    /// `#`: alternate form.
    pub alt: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
}

/// One `%...c` conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentConv {
    /// `%(key)s`.
    pub mapping_key: Option<String>,
    /// Flags.
    pub flags: PercentFlags,
    /// Minimum width.
    pub width: Option<Width>,
    /// Precision.
    pub precision: Option<Width>,
    /// Conversion character: one of `s r a c d i u o x X e E f F g G`.
    pub conv: char,
    /// Character index of `conv` in the template.
    pub index: usize,
}

/// A piece of a `%` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece {
    /// Literal text (`%%` already turned into `%`).
    Literal(String),
    /// A conversion.
    Conv(PercentConv),
}

impl PercentConv {
    /// Resolves `*` width/precision with the int arguments the VM pulled (width first, then
    /// precision). A negative width left-justifies; a negative precision becomes 0.
    pub fn with_stars(&self, width: Option<i64>, precision: Option<i64>) -> PercentConv {
        let mut c = self.clone();
        if let (Some(Width::Star), Some(w)) = (self.width, width) {
            if w < 0 {
                c.flags.left = true;
            }
            c.width = Some(Width::Num(w.unsigned_abs() as usize));
        }
        if let (Some(Width::Star), Some(p)) = (self.precision, precision) {
            c.precision = Some(Width::Num(p.max(0) as usize));
        }
        c
    }

    fn width_num(&self) -> usize {
        match self.width {
            Some(Width::Num(n)) => n,
            _ => 0,
        }
    }

    fn prec_num(&self) -> Option<usize> {
        match self.precision {
            Some(Width::Num(n)) => Some(n),
            _ => None,
        }
    }
}

/// Parses a `%` template. Errors (`ValueError`): `incomplete format`, `incomplete format key`,
/// `unsupported format character 'z' (0x7a) at index 3`, `width too big`,
/// `precision too big`.
///
/// CPython reports these lazily while consuming arguments, so when a template is both
/// malformed and short of arguments it may report the argument error instead; this parser
/// reports the template error first.
pub fn parse_percent(template: &str) -> Result<Vec<PercentPiece>, String> {
    let s: Vec<char> = template.chars().collect();
    let n = s.len();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut pos = 0;
    let at = |i: usize| -> char { s.get(i).copied().unwrap_or('\0') };
    while pos < n {
        if s[pos] != '%' {
            lit.push(s[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        // `fmtcnt` emulation: number of characters left after `pos`.
        if at(pos) == '%' && pos < n {
            lit.push('%');
            pos += 1;
            continue;
        }
        let mut cnt: isize = n as isize - pos as isize;
        let mut conv = PercentConv {
            mapping_key: None,
            flags: PercentFlags::default(),
            width: None,
            precision: None,
            conv: '\0',
            index: 0,
        };
        if at(pos) == '(' {
            pos += 1;
            cnt -= 1;
            let keystart = pos;
            let mut pcount = 1;
            while pcount > 0 && {
                cnt -= 1;
                cnt >= 0
            } {
                let c = at(pos);
                if c == ')' {
                    pcount -= 1;
                } else if c == '(' {
                    pcount += 1;
                }
                pos += 1;
            }
            if cnt < 0 || pcount > 0 {
                return Err("incomplete format key".to_string());
            }
            conv.mapping_key = Some(s[keystart..pos - 1].iter().collect());
        }
        let mut ch = '\0';
        loop {
            cnt -= 1;
            if cnt < 0 {
                break;
            }
            ch = at(pos);
            pos += 1;
            match ch {
                '-' => conv.flags.left = true,
                '+' => conv.flags.sign = true,
                ' ' => conv.flags.space = true,
                '#' => conv.flags.alt = true,
                '0' => conv.flags.zero = true,
                _ => break,
            }
        }
        if cnt >= 0 && ch == '*' {
            conv.width = Some(Width::Star);
            cnt -= 1;
            if cnt >= 0 {
                ch = at(pos);
                pos += 1;
            }
        } else if cnt >= 0 && ch.is_ascii_digit() {
            let mut w = ch as usize - '0' as usize;
            loop {
                cnt -= 1;
                if cnt < 0 {
                    break;
                }
                ch = at(pos);
                pos += 1;
                if !ch.is_ascii_digit() {
                    break;
                }
                let d = ch as usize - '0' as usize;
                if w > (isize::MAX as usize - d) / 10 {
                    return Err("width too big".to_string());
                }
                w = w * 10 + d;
            }
            conv.width = Some(Width::Num(w));
        }
        if cnt >= 0 && ch == '.' {
            conv.precision = Some(Width::Num(0));
            cnt -= 1;
            if cnt >= 0 {
                ch = at(pos);
                pos += 1;
            }
            if cnt >= 0 && ch == '*' {
                conv.precision = Some(Width::Star);
                cnt -= 1;
                if cnt >= 0 {
                    ch = at(pos);
                    pos += 1;
                }
            } else if cnt >= 0 && ch.is_ascii_digit() {
                let mut p = ch as usize - '0' as usize;
                loop {
                    cnt -= 1;
                    if cnt < 0 {
                        break;
                    }
                    ch = at(pos);
                    pos += 1;
                    if !ch.is_ascii_digit() {
                        break;
                    }
                    let d = ch as usize - '0' as usize;
                    if p > (i32::MAX as usize - d) / 10 {
                        return Err("precision too big".to_string());
                    }
                    p = p * 10 + d;
                }
                conv.precision = Some(Width::Num(p));
            }
        }
        if cnt >= 0 && matches!(ch, 'h' | 'l' | 'L') {
            cnt -= 1;
            if cnt >= 0 {
                ch = at(pos);
                pos += 1;
            }
        }
        if cnt < 0 {
            return Err("incomplete format".to_string());
        }
        if !matches!(
            ch,
            's' | 'r'
                | 'a'
                | 'c'
                | 'd'
                | 'i'
                | 'u'
                | 'o'
                | 'x'
                | 'X'
                | 'e'
                | 'E'
                | 'f'
                | 'F'
                | 'g'
                | 'G'
        ) {
            let shown = if (31..=126).contains(&(ch as u32)) {
                ch
            } else {
                '?'
            };
            return Err(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                shown,
                ch as u32,
                pos - 1
            ));
        }
        conv.conv = ch;
        conv.index = pos - 1;
        if !lit.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        pieces.push(PercentPiece::Conv(conv));
    }
    if !lit.is_empty() {
        pieces.push(PercentPiece::Literal(lit));
    }
    Ok(pieces)
}

/// `unicode_format_arg_output`: pads `text` (a formatted number when `numeric`).
fn output(text: &str, conv: &PercentConv, numeric: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    let mut pindex = 0;
    let fill = if numeric && conv.flags.zero { '0' } else { ' ' };
    let mut width = conv.width_num();
    let mut signchar = None;
    if numeric {
        if len > 0 && (chars[0] == '-' || chars[0] == '+') {
            signchar = Some(chars[0]);
            len -= 1;
            pindex = 1;
        } else if conv.flags.sign {
            signchar = Some('+');
        } else if conv.flags.space {
            signchar = Some(' ');
        }
    }
    if width < len {
        width = len;
    }
    let mut out = String::new();
    if let Some(sc) = signchar {
        if fill != ' ' {
            out.push(sc);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = numeric && conv.flags.alt && matches!(conv.conv, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.push(chars[pindex]);
            out.push(chars[pindex + 1]);
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !conv.flags.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if let Some(sc) = signchar {
            out.push(sc);
        }
        if has_prefix {
            out.push(chars[pindex]);
            out.push(chars[pindex + 1]);
        }
    }
    let start = pindex + if has_prefix { 2 } else { 0 };
    out.extend(&chars[start..start + len]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    out
}

/// `%s`, `%r`, `%a` (with the already converted text) and `%c` (with the character):
/// precision truncates (`s r a` only), width pads, `-` left-justifies.
pub fn percent_str(text: &str, conv: &PercentConv) -> String {
    let truncated: String;
    let mut t = text;
    if matches!(conv.conv, 's' | 'r' | 'a') {
        if let Some(p) = conv.prec_num() {
            if let Some((i, _)) = text.char_indices().nth(p) {
                truncated = text[..i].to_string();
                t = &truncated;
            }
        }
    }
    output(t, conv, false)
}

/// `%c` with an int: the character, or the `OverflowError` message [`C_ARG_NOT_IN_RANGE`].
/// (`%c` with a str needs exactly one character, else `TypeError` [`C_REQUIRES_INT_OR_CHAR`].)
pub fn percent_char_from_int(value: &BigInt) -> Result<char, String> {
    value
        .to_u32()
        .filter(|v| *v <= 0x10ffff)
        .map(|v| char::from_u32(v).unwrap_or('\u{fffd}'))
        .ok_or_else(|| C_ARG_NOT_IN_RANGE.to_string())
}

/// `%d %i %u %x %X %o` of an int (the VM converts floats with `int()` for `d i u` first).
pub fn percent_int(value: &BigInt, conv: &PercentConv) -> String {
    let (base, prefix) = match conv.conv {
        'x' | 'X' => (16, "0x"),
        'o' => (8, "0o"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(base);
    if let Some(p) = conv.prec_num() {
        if p > digits.len() {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    let mut s = String::new();
    if value.sign() == Sign::Minus {
        s.push('-');
    }
    if conv.flags.alt {
        s.push_str(prefix);
    }
    s.push_str(&digits);
    if conv.conv == 'X' {
        s.make_ascii_uppercase();
    }
    output(&s, conv, true)
}

/// `%e %E %f %F %g %G` of a float (default precision 6).
pub fn percent_float(value: f64, conv: &PercentConv) -> String {
    let prec = conv.prec_num().unwrap_or(6);
    let s = format_float_short(value, conv.conv, prec, conv.flags.alt, false, false);
    output(&s, conv, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(t: &str) -> PercentConv {
        match parse_percent(t).unwrap().remove(0) {
            PercentPiece::Conv(c) => c,
            p => panic!("{:?}", p),
        }
    }

    #[test]
    fn examples() {
        assert_eq!(
            parse_percent("a%%b%(k)-5s").unwrap(),
            vec![
                PercentPiece::Literal("a%b".into()),
                PercentPiece::Conv(PercentConv {
                    mapping_key: Some("k".into()),
                    flags: PercentFlags {
                        left: true,
                        ..Default::default()
                    },
                    width: Some(Width::Num(5)),
                    precision: None,
                    conv: 's',
                    index: 10,
                }),
            ]
        );
        assert_eq!(
            parse_percent("ab %z").unwrap_err(),
            "unsupported format character 'z' (0x7a) at index 4"
        );
        assert_eq!(parse_percent("%").unwrap_err(), "incomplete format");
        let c = conv("%*.*f").with_stars(Some(-8), Some(2));
        assert_eq!(percent_float(1.23456, &c), "1.23    ");
        assert_eq!(percent_int(&BigInt::from(255), &conv("%+#08X")), "+0X000FF");
        assert_eq!(percent_str("abcdef", &conv("%5.2s")), "   ab");
    }
}
