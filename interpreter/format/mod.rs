//! Placeholder until the formatting library lands (merged from the `format` branch).
use num_bigint::BigInt;

pub fn float_repr(x: f64) -> String {
    if x.is_nan() { return "nan".into() }
    if x.is_infinite() { return if x > 0.0 { "inf".into() } else { "-inf".into() } }
    if x == x.trunc() && x.abs() < 1e16 { return format!("{x:.1}") }
    format!("{x}")
}
pub fn str_repr(s: &str) -> String { format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'").replace('\n', "\\n")) }
pub fn bytes_repr(b: &[u8]) -> String { format!("b{}", str_repr(&String::from_utf8_lossy(b))) }
pub struct FormatSpec(String);
impl FormatSpec { pub fn parse(s: &str) -> Result<FormatSpec, String> { Ok(FormatSpec(s.to_string())) } }
pub fn format_int(v: &BigInt, _s: &FormatSpec) -> Result<String, String> { Ok(v.to_string()) }
pub fn format_float(v: f64, _s: &FormatSpec) -> Result<String, String> { Ok(float_repr(v)) }
pub fn format_str(v: &str, _s: &FormatSpec) -> Result<String, String> { Ok(v.to_string()) }
