//! `hex()`, `oct()`, `bin()`: `-0x1f` style (sign before the prefix).

use num_bigint::{BigInt, Sign};

/// `n` in `radix` with `prefix` placed after the sign: `int_to_string_radix(-31, 16, "0x")`
/// is `-0x1f`.
pub fn int_to_string_radix(n: &BigInt, radix: u32, prefix: &str) -> String {
    let sign = if n.sign() == Sign::Minus { "-" } else { "" };
    format!("{}{}{}", sign, prefix, n.magnitude().to_str_radix(radix))
}

/// `hex(n)`.
pub fn int_to_hex(n: &BigInt) -> String {
    int_to_string_radix(n, 16, "0x")
}

/// `oct(n)`.
pub fn int_to_oct(n: &BigInt) -> String {
    int_to_string_radix(n, 8, "0o")
}

/// `bin(n)`.
pub fn int_to_bin(n: &BigInt) -> String {
    int_to_string_radix(n, 2, "0b")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(int_to_hex(&BigInt::from(-31)), "-0x1f");
        assert_eq!(int_to_oct(&BigInt::from(8)), "0o10");
        assert_eq!(int_to_bin(&BigInt::from(0)), "0b0");
    }
}
