//! `round()` for floats and ints.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

/// `round(x)` (no ndigits): round half to even, as an integer-valued `f64`. The VM converts
/// it to an int (`cannot convert float infinity to integer` / `cannot convert float NaN to
/// integer` for non-finite values).
pub fn round_float_to_int(x: f64) -> f64 {
    x.round_ties_even()
}

/// `round(x, ndigits)` for a float: correctly rounded (half-even on the exact binary value,
/// so `round(2.675, 2) == 2.67`), sign of zero kept. `Err` is CPython's `OverflowError`
/// message `rounded value too large to represent`. With `ndigits == None` this is
/// [`round_float_to_int`].
pub fn round_float(x: f64, ndigits: Option<i64>) -> Result<f64, String> {
    let Some(nd) = ndigits else {
        return Ok(round_float_to_int(x));
    };
    if !x.is_finite() || nd > 323 {
        return Ok(x);
    }
    if nd < -308 {
        return Ok(0.0 * x);
    }
    // x = m * 2^e exactly.
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let mut num = BigInt::from(m);
    let mut den = BigInt::one();
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let ten = BigInt::from(10u32);
    if nd >= 0 {
        num *= num_traits::pow(ten, nd as usize);
    } else {
        den *= num_traits::pow(ten, (-nd) as usize);
    }
    let q = div_round_half_even(&num, &den);
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = format!("{}{}e{}", sign, q, -nd);
    let r: f64 = text.parse().expect("valid float text");
    if r.is_infinite() {
        return Err("rounded value too large to represent".to_string());
    }
    Ok(r)
}

/// `num / den` rounded to nearest, ties to even (`den > 0`).
fn div_round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (mut q, r) = num.div_mod_floor(den);
    let twice: BigInt = &r * 2;
    if twice > *den || (twice == *den && q.is_odd()) {
        q += 1;
    }
    q
}

/// `round(n, ndigits)` for an int: unchanged for `ndigits >= 0`, otherwise rounded to a
/// multiple of `10**-ndigits`, ties to even (`round(1250, -2) == 1200`).
pub fn round_int(n: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 || n.is_zero() {
        return n.clone();
    }
    let pow = num_traits::pow(BigInt::from(10u32), ndigits.unsigned_abs() as usize);
    div_round_half_even(n, &pow) * pow
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(round_float(2.675, Some(2)), Ok(2.67));
        assert_eq!(round_float(0.125, Some(2)), Ok(0.12));
        assert_eq!(round_float(1234.5, Some(-2)), Ok(1200.0));
        assert_eq!(round_float(2.5, None), Ok(2.0));
        assert!(round_float(-0.4, Some(0)).unwrap().is_sign_negative());
        assert_eq!(round_int(&BigInt::from(1250), -2), BigInt::from(1200));
        assert_eq!(round_int(&BigInt::from(1350), -2), BigInt::from(1400));
        assert_eq!(round_int(&BigInt::from(-1251), -2), BigInt::from(-1300));
    }
}
