//! `math`: CPython's `math` module on `f64` and exact big ints.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::args::{arity, no_kwargs};
use crate::builtins::builtin;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::int::{big_from_f64, normalize, to_big};
use crate::objects::{DictObj, Value};
use crate::syntax::ast::BinOp;
use crate::vm::types::{type_name, type_of};
use crate::vm::{PyErr, PyResult, Vm};

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", sqrt),
        ("cbrt", cbrt),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("log1p", log1p),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("fabs", fabs),
        ("degrees", degrees),
        ("radians", radians),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("pow", pow),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("atan2", atan2),
        ("hypot", hypot),
        ("dist", dist),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("isclose", isclose),
        ("copysign", copysign),
        ("fmod", fmod),
        ("remainder", remainder),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("gcd", gcd),
        ("lcm", lcm),
        ("factorial", factorial),
        ("comb", comb),
        ("perm", perm),
        ("isqrt", isqrt),
        ("prod", prod),
        ("fsum", fsum),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    Ok(())
}

// ----- argument conversion ---------------------------------------------------

/// A real-number argument as a float (`must be real number, not str`).
fn real(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_float(v),
        Value::Instance(_)
            if type_of(v).lookup("__float__").is_some()
                || type_of(v).lookup("__index__").is_some() =>
        {
            vm.to_float(v)
        }
        _ => Err(PyErr::type_error(format!(
            "must be real number, not {}",
            type_name(v)
        ))),
    }
}

/// An integer argument (`__index__` semantics) as a big int.
fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = to_big(v) {
        return Ok(b);
    }
    if let Value::Instance(_) = v {
        if let Some(f) = type_of(v).lookup("__index__") {
            let r = vm.call0(&f, vec![v.clone()])?;
            if let Some(b) = to_big(&r) {
                return Ok(b);
            }
            return Err(PyErr::type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(&r)
            )));
        }
    }
    Err(PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    )))
}

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range() -> PyErr {
    PyErr::overflow("math range error")
}

/// CPython's `math_1`: NaN from a non-NaN is a domain error, infinity from a finite input is a
/// range error (or a domain error for functions that cannot overflow).
fn math_1(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &KwArgs,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    no_kwargs(&format!("math.{name}"), kw)?;
    arity(&format!("math.{name}"), args, 1, 1)?;
    let x = real(vm, &args[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($($name:ident => $f:expr, $ovf:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
                math_1(vm, stringify!($name), args, &kw, $f, $ovf)
            }
        )*
    };
}

unary! {
    sqrt => f64::sqrt, false;
    cbrt => f64::cbrt, false;
    exp => f64::exp, true;
    exp2 => f64::exp2, true;
    expm1 => f64::exp_m1, true;
    log1p => f64::ln_1p, false;
    sin => f64::sin, false;
    cos => f64::cos, false;
    tan => f64::tan, false;
    asin => f64::asin, false;
    acos => f64::acos, false;
    atan => f64::atan, false;
    sinh => f64::sinh, true;
    cosh => f64::cosh, true;
    tanh => f64::tanh, false;
    asinh => f64::asinh, false;
    acosh => f64::acosh, false;
    atanh => f64::atanh, false;
    fabs => f64::abs, false;
    degrees => f64::to_degrees, true;
    radians => f64::to_radians, false;
}

fn two_floats(vm: &mut Vm, name: &str, args: &[Value], kw: &KwArgs) -> PyResult<(f64, f64)> {
    no_kwargs(name, kw)?;
    arity(name, args, 2, 2)?;
    Ok((real(vm, &args[0])?, real(vm, &args[1])?))
}

// ----- rounding ---------------------------------------------------------------

fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    if f.abs() < 9.0e18 {
        Ok(Value::Int(f as i64))
    } else {
        Ok(normalize(big_from_f64(f)))
    }
}

fn rounding(
    vm: &mut Vm,
    name: &str,
    dunder: &str,
    args: &[Value],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    arity(&format!("math.{name}"), args, 1, 1)?;
    let v = &args[0];
    match v {
        Value::Int(_) | Value::BigInt(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(x) => return float_to_int(f(*x)),
        _ => {}
    }
    if let Some(m) = type_of(v).lookup(dunder) {
        return vm.call0(&m, vec![v.clone()]);
    }
    if name == "trunc" {
        return Err(PyErr::type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(v)
        )));
    }
    let x = real(vm, v)?;
    float_to_int(f(x))
}

fn floor(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.floor", &kw)?;
    rounding(vm, "floor", "__floor__", args, f64::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.ceil", &kw)?;
    rounding(vm, "ceil", "__ceil__", args, f64::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.trunc", &kw)?;
    rounding(vm, "trunc", "__trunc__", args, f64::trunc)
}

// ----- powers and logarithms ----------------------------------------------------

fn pow(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "pow", args, &kw)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return Err(domain());
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain() } else { range() });
        }
    }
    Ok(Value::Float(r))
}

/// The natural logarithm of a number, exact in range for huge ints.
fn ln_of(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    let big = match v {
        Value::BigInt(b) => Some((**b).clone()),
        Value::Int(_) | Value::Bool(_) => to_big(v),
        _ => None,
    };
    if let Some(b) = big {
        if !b.is_positive() {
            return Err(domain());
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // CPython's frexp path: x = m * 2**e with m in [0.5, 1); log(x) = log(m) + e * log(2).
        let bits = b.bits();
        let m = (&b >> (bits - 64)).to_f64().unwrap_or(1.0) / 2f64.powi(64);
        return Ok(f(m) + (bits as f64) * f(2.0));
    }
    let x = real(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(f(x))
}

fn log(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("log", &kw)?;
    arity("log", args, 1, 2)?;
    let num = ln_of(vm, &args[0], f64::ln)?;
    if args.len() == 1 {
        return Ok(Value::Float(num));
    }
    let den = ln_of(vm, &args[1], f64::ln)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn log2(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.log2", &kw)?;
    arity("math.log2", args, 1, 1)?;
    Ok(Value::Float(ln_of(vm, &args[0], f64::log2)?))
}

fn log10(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.log10", &kw)?;
    arity("math.log10", args, 1, 1)?;
    Ok(Value::Float(ln_of(vm, &args[0], f64::log10)?))
}

// ----- two-argument float functions ---------------------------------------------

fn atan2(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (y, x) = two_floats(vm, "atan2", args, &kw)?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "copysign", args, &kw)?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "fmod", args, &kw)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(r))
}

fn remainder(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "remainder", args, &kw)?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Half-way: choose the even multiple.
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::Float(1.0f64.copysign(x) * r))
}

fn isnan(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("math.isnan", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &args[0])?.is_nan()))
}

fn isinf(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("math.isinf", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &args[0])?.is_infinite()))
}

fn isfinite(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("math.isfinite", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &args[0])?.is_finite()))
}

fn isclose(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let rel = kw.take("rel_tol");
    let abs = kw.take("abs_tol");
    let mut pos: Vec<Option<Value>> = vec![args.first().cloned(), args.get(1).cloned()];
    for (i, name) in ["a", "b"].iter().enumerate() {
        if let Some(v) = kw.take(name) {
            if pos[i].is_some() {
                return Err(PyErr::type_error(format!(
                    "argument for isclose() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            pos[i] = Some(v);
        }
    }
    if let Some((k, _)) = kw.0.first() {
        return Err(PyErr::type_error(format!(
            "'{}' is an invalid keyword argument for isclose()",
            k.as_str()
        )));
    }
    for (i, name) in ["a", "b"].iter().enumerate() {
        if pos[i].is_none() {
            return Err(PyErr::type_error(format!(
                "isclose() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    let a = real(vm, pos[0].as_ref().unwrap_or(&Value::None))?;
    let b = real(vm, pos[1].as_ref().unwrap_or(&Value::None))?;
    let rel_tol = match rel {
        Some(v) => real(vm, &v)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(v) => real(vm, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        (diff <= (rel_tol * b).abs()) || (diff <= (rel_tol * a).abs()) || (diff <= abs_tol),
    ))
}

fn modf(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("math.modf", args, 1, 1)?;
    let x = real(vm, &args[0])?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(Value::tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn frexp_f(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp_f(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

fn frexp(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("math.frexp", args, 1, 1)?;
    let x = real(vm, &args[0])?;
    let (m, e) = frexp_f(x);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
}

fn ldexp(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("ldexp", &kw)?;
    arity("ldexp", args, 2, 2)?;
    let x = real(vm, &args[0])?;
    let e = match &args[1] {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => to_big(&args[1]).unwrap_or_default(),
        _ => {
            return Err(PyErr::type_error(
                "Expected an int as second argument to ldexp.",
            ))
        }
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { -100_000 } else { 100_000 });
    let r = ldexp_f(x, e);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

// ----- norms ---------------------------------------------------------------------

/// `hi + lo` equal to `a + b` exactly, for `|a| >= |b|`.
fn fast_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, (a - hi) + b)
}

/// `hi + lo` equal to `a * b` exactly.
fn exact_mul(a: f64, b: f64) -> (f64, f64) {
    let hi = a * b;
    (hi, a.mul_add(b, -hi))
}

/// CPython 3.11's `vector_norm`: the Euclidean norm with extended-precision accumulation.
fn norm(v: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut nan = false;
    for x in v {
        let a = x.abs();
        if a.is_nan() {
            nan = true;
        } else if a > max {
            max = a;
        }
    }
    vector_norm(v.iter().map(|x| x.abs()).collect(), max, nan)
}

fn vector_norm(mut vec: Vec<f64>, max: f64, nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_f(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, nan);
    }
    let scale = ldexp_f(1.0, -max_e);
    let mut csum = 1.0f64;
    let mut frac1 = 0.0f64;
    let mut frac2 = 0.0f64;
    for x in &vec {
        let x = x * scale;
        let (phi, plo) = exact_mul(x, x);
        let (shi, slo) = fast_sum(csum, phi);
        csum = shi;
        frac1 += plo;
        frac2 += slo;
    }
    let h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (phi, plo) = exact_mul(-h, h);
    let (shi, slo) = fast_sum(csum, phi);
    csum = shi;
    frac1 += plo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    (h + x / (2.0 * h)) / scale
}

/// `x * 2**e`, with intermediate powers of two kept representable.
fn ldexp_f(x: f64, e: i64) -> f64 {
    let e = e.clamp(-100_000, 100_000) as i32;
    let mut r = x;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    r * 2f64.powi(e)
}

fn hypot(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("hypot", &kw)?;
    let mut v = Vec::with_capacity(args.len());
    for a in args {
        v.push(real(vm, a)?);
    }
    Ok(Value::Float(norm(&v)))
}

fn dist(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("dist", &kw)?;
    arity("dist", args, 2, 2)?;
    let mut pts = Vec::new();
    for a in args.iter() {
        let items = match a {
            Value::Tuple(t) => t.to_vec(),
            _ => vm.collect(a)?,
        };
        pts.push(items);
    }
    if pts[0].len() != pts[1].len() {
        return Err(PyErr::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs = Vec::with_capacity(pts[0].len());
    for (p, q) in pts[0].iter().zip(pts[1].iter()) {
        let p = real(vm, p)?;
        let q = real(vm, q)?;
        diffs.push(p - q);
    }
    Ok(Value::Float(norm(&diffs)))
}

// ----- integers ---------------------------------------------------------------------

fn gcd(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("gcd", &kw)?;
    let mut g = BigInt::zero();
    for a in args {
        let b = index_big(vm, a)?;
        g = g.gcd(&b);
    }
    Ok(normalize(g))
}

fn lcm(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("lcm", &kw)?;
    let mut l = BigInt::one();
    for a in args {
        let b = index_big(vm, a)?;
        if l.is_zero() {
            continue;
        }
        l = l.lcm(&b);
    }
    Ok(normalize(l.abs()))
}

/// The product of `lo..hi` by binary splitting.
fn range_prod(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut p = BigInt::one();
        for i in lo..hi {
            p *= i;
        }
        return p;
    }
    let mid = lo + (hi - lo) / 2;
    range_prod(lo, mid) * range_prod(mid, hi)
}

fn factorial(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.factorial", &kw)?;
    arity("math.factorial", args, 1, 1)?;
    let n = index_big(vm, &args[0])?;
    if n.is_negative() {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(PyErr::overflow(
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    Ok(normalize(range_prod(1, n + 1)))
}

fn nonneg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    let b = index_big(vm, v)?;
    if b.is_negative() {
        return Err(PyErr::value_error(format!(
            "{what} must be a non-negative integer"
        )));
    }
    Ok(b)
}

fn comb(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("comb", &kw)?;
    arity("comb", args, 2, 2)?;
    let n = nonneg(vm, &args[0], "n")?;
    let k = nonneg(vm, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(PyErr::overflow(
            "min(n - k, k) must not exceed 9223372036854775807",
        ));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(normalize(r))
}

fn perm(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("perm", &kw)?;
    arity("perm", args, 1, 2)?;
    if matches!(args.get(1), None | Some(Value::None)) {
        return factorial(vm, &args[..1], KwArgs(vec![]));
    }
    let n = nonneg(vm, &args[0], "n")?;
    let k = nonneg(vm, &args[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(PyErr::overflow("k must not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r *= &n - i;
    }
    Ok(normalize(r))
}

fn isqrt(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.isqrt", &kw)?;
    arity("math.isqrt", args, 1, 1)?;
    let n = index_big(vm, &args[0])?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(normalize(n.sqrt()))
}

fn prod(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let start = kw.take("start");
    no_kwargs("prod", &kw)?;
    if args.len() != 1 {
        return Err(PyErr::type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut acc = start.unwrap_or(Value::Int(1));
    let it = vm.collect(&args[0])?;
    for x in it {
        acc = vm.binary_op(&acc, &x, BinOp::Mul)?;
    }
    Ok(acc)
}

fn fsum(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("math.fsum", &kw)?;
    arity("math.fsum", args, 1, 1)?;
    let items = vm.collect(&args[0])?;
    let mut p: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in &items {
        let mut x = real(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(PyErr::overflow("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special != 0.0 || special.is_nan() {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}
