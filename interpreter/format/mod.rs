//! Number and string formatting, CPython 3.11-exact.
//!
//! Pure functions on primitive types (`f64`, `&str`, [`num_bigint::BigInt`]); the VM converts
//! its objects and raises the exceptions whose messages these functions return.
//!
//! * [`float_repr`] — `repr(float)` / `str(float)`.
//! * [`spec`] — the format mini-language (`format(x, spec)`, f-strings, `str.format`).
//! * [`apply`] — `format_int`, `format_float`, `format_str`.
//! * [`percent`] — `%`-formatting.
//! * [`template`] — `str.format` template parsing.
//! * [`parse_num`] — `int(str, base)`, `float(str)`, `repr(str)`, `repr(bytes)`.
//! * [`round`] — `round()` for floats and ints.
//! * [`radix`] — `hex()`, `oct()`, `bin()`.

pub mod apply;
pub mod float_repr;
pub mod parse_num;
pub mod percent;
pub mod radix;
pub mod round;
pub mod spec;
pub mod template;

pub use apply::{
    format_float, format_float_spec, format_float_typed, format_int, format_int_spec,
    format_int_typed, format_str, format_str_spec,
};
pub use float_repr::{float_repr, format_float_short};
pub use parse_num::{
    bytes_repr, float_literal_error, int_literal_error, parse_float_literal, parse_int_literal,
    str_repr,
};
pub use percent::{
    parse_percent, percent_float, percent_int, percent_str, PercentConv, PercentPiece,
};
pub use radix::{int_to_bin, int_to_hex, int_to_oct, int_to_string_radix};
pub use round::{round_float, round_float_to_int, round_int};
pub use spec::FormatSpec;
pub use template::{parse_format_template, AutoNumber, FieldName, TemplatePiece};

#[cfg(test)]
mod tests;
