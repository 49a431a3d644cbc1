//! `int` helpers: machine integers with checked arithmetic, promoted to `BigInt` on overflow.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::Value;

/// Stores a `BigInt` as `Value::Int` when it fits, as Python ints are one type.
pub fn normalize(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Arc::new(b)),
    }
}

/// `x op= y` on a big int nobody else holds, without allocating a new one: `+`, `-` and `*`
/// by an int. Returns false (leaving `x` untouched) for anything else.
pub fn big_assign(x: &mut BigInt, y: &Value, op: crate::syntax::ast::BinOp) -> bool {
    use crate::syntax::ast::BinOp;
    match (op, y) {
        (BinOp::Add, Value::Int(y)) => *x += *y,
        (BinOp::Sub, Value::Int(y)) => *x -= *y,
        (BinOp::Mul, Value::Int(y)) => *x *= *y,
        (BinOp::Add, Value::BigInt(y)) => *x += &**y,
        (BinOp::Sub, Value::BigInt(y)) => *x -= &**y,
        (BinOp::Mul, Value::BigInt(y)) => *x *= &**y,
        _ => return false,
    }
    true
}

/// Updates the big int in `slot` in place when this is its only reference; `false` when the
/// general path must run. Keeps the invariant that a value fitting `i64` is an `Int`.
#[inline]
pub fn big_assign_slot(slot: &mut Value, y: &Value, op: crate::syntax::ast::BinOp) -> bool {
    let Value::BigInt(arc) = slot else {
        return false;
    };
    let Some(x) = Arc::get_mut(arc) else {
        return false;
    };
    if !big_assign(x, y, op) {
        return false;
    }
    if let Some(i) = x.to_i64() {
        *slot = Value::Int(i);
    }
    true
}

/// Decimal text of a machine int, without the formatting machinery (`str(i)` is hot).
pub fn i64_to_string(i: i64) -> String {
    // Exactly sized: a `str` keeps its text as allocated.
    decimal(i, &mut [0u8; 21]).to_owned()
}

/// The decimal text of `i`, written at the end of `buf`.
pub fn decimal(i: i64, buf: &mut [u8; 21]) -> &str {
    let mut pos = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        pos -= 1;
        buf[pos] = b'-';
    }
    // ASCII digits and a sign only, so never the empty fallback.
    std::str::from_utf8(&buf[pos..]).unwrap_or("")
}

pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// Python's floor division and modulo on machine ints (divisor non-zero).
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

pub fn mod_i64(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

pub fn floordiv_big(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    a.div_floor(b)
}

pub fn mod_big(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    a.mod_floor(b)
}

/// Python's `hash(int)`: the value modulo 2**61 - 1, keeping the sign, with -1 mapped to -2.
pub fn hash_int(i: i64) -> i64 {
    const P: i64 = (1 << 61) - 1;
    let mut h = (i.unsigned_abs() % (P as u64)) as i64;
    if i < 0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_big(b: &BigInt) -> i64 {
    let p = BigInt::from((1i64 << 61) - 1);
    let m = (b.abs() % &p).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's `hash(float)`, equal to the int hash for integral floats.
pub fn hash_float(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.fract() == 0.0 {
        if x.abs() < 9.0e18 {
            return hash_int(x as i64);
        }
        if let Some(b) = num_bigint::BigInt::from_signed_bytes_le(&[]).checked_add(&big_from_f64(x))
        {
            return hash_big(&b);
        }
    }
    // Non-integral floats: any stable mixing of the bits will do.
    let bits = x.to_bits();
    ((bits ^ (bits >> 29)) & 0x0fff_ffff_ffff_ffff) as i64
}

pub fn big_from_f64(x: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(x.trunc()).unwrap_or_else(BigInt::zero)
}

pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    let f = b.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}
