//! Methods of `int`, `float`, `range` and `slice`.

use num_bigint::BigInt;
use num_traits::Signed;

use crate::objects::function::KwArgs;
use crate::objects::int::to_big;
use crate::objects::Value;
use crate::vm::types::{type_name, Types};
use crate::vm::{PyErr, PyResult, Vm};

use super::add_methods;
use super::args::arity;

pub fn register(t: &Types) {
    add_methods(
        &t.int,
        "int",
        &[
            ("bit_length", int_bit_length),
            ("bit_count", int_bit_count),
            ("conjugate", int_self),
            ("__index__", int_self),
            ("__int__", int_self),
            ("__float__", int_float),
            ("is_integer", int_is_integer),
            ("as_integer_ratio", int_ratio),
            ("to_bytes", int_to_bytes),
        ],
    );
    add_methods(
        &t.float,
        "float",
        &[
            ("is_integer", float_is_integer),
            ("conjugate", float_self),
            ("__float__", float_self),
            ("__int__", float_int),
            ("__trunc__", float_int),
            ("as_integer_ratio", float_ratio),
            ("hex", float_hex),
        ],
    );
    add_methods(
        &t.range,
        "range",
        &[("index", range_index), ("count", range_count)],
    );
    add_methods(&t.slice, "slice", &[("indices", slice_indices)]);
}

fn big(v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Instance(_) => match crate::vm::ops::builtin_payload(v) {
            Some(p) => big(&p),
            None => Err(PyErr::type_error("descriptor requires an 'int' object")),
        },
        _ => to_big(v).ok_or_else(|| {
            PyErr::type_error(format!(
                "descriptor requires an 'int' object but received a '{}'",
                type_name(v)
            ))
        }),
    }
}

fn int_bit_length(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(big(&args[0])?.abs().bits() as i64))
}

fn int_bit_count(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let b = big(&args[0])?.abs();
    let ones: u32 = b.to_u64_digits().1.iter().map(|d| d.count_ones()).sum();
    Ok(Value::Int(ones as i64))
}

fn int_self(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::from_bigint(big(&args[0])?))
}

fn int_float(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Float(
        vm.to_float(&Value::from_bigint(big(&args[0])?))?,
    ))
}

fn int_is_integer(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn int_ratio(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::tuple(vec![
        Value::from_bigint(big(&args[0])?),
        Value::Int(1),
    ]))
}

fn int_to_bytes(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let b = big(&args[0])?;
    let length = match args.get(1).cloned().or_else(|| kw.take("length")) {
        Some(v) => super::args::int_arg(vm, &v)? as usize,
        None => 1,
    };
    let order = match args.get(2).cloned().or_else(|| kw.take("byteorder")) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "big".into(),
    };
    let signed = match kw.take("signed") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if b.is_negative() && !signed {
        return Err(PyErr::overflow("can't convert negative int to unsigned"));
    }
    let mut bytes = b.to_signed_bytes_le();
    if !signed && bytes.len() > 1 && *bytes.last().unwrap() == 0 {
        bytes.pop();
    }
    if bytes.len() > length {
        return Err(PyErr::overflow("int too big to convert"));
    }
    let fill = if b.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if order == "big" {
        bytes.reverse();
    }
    Ok(Value::Bytes(std::sync::Arc::new(bytes)))
}

fn float_of(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        _ => vm.to_float(v),
    }
}

fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let x = float_of(vm, &args[0])?;
    Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

fn float_self(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Float(float_of(vm, &args[0])?))
}

fn float_int(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let x = float_of(vm, &args[0])?;
    vm.to_int(&Value::Float(x))
}

fn float_ratio(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let x = float_of(vm, &args[0])?;
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow("cannot convert Infinity to integer ratio"));
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = (bits & ((1 << 52) - 1)) as i64;
    let mut e = if exp == 0 {
        -1074
    } else {
        mant |= 1 << 52;
        exp - 1075
    };
    if mant == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let sign = if x < 0.0 { -1 } else { 1 };
    let (n, d) = if e >= 0 {
        (BigInt::from(mant * sign) << e as usize, BigInt::from(1))
    } else {
        (BigInt::from(mant * sign), BigInt::from(1) << (-e) as usize)
    };
    Ok(Value::tuple(vec![
        Value::from_bigint(n),
        Value::from_bigint(d),
    ]))
}

fn float_hex(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let x = float_of(vm, &args[0])?;
    if !x.is_finite() {
        return Ok(Value::string(crate::format::float_repr(x)));
    }
    if x == 0.0 {
        return Ok(Value::str(if x.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }));
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let sign = if x < 0.0 { "-" } else { "" };
    Ok(Value::string(format!("{sign}0x{lead}.{mant:013x}p{e:+}")))
}

fn range_of(v: &Value) -> PyResult<(i64, i64, i64)> {
    match v {
        Value::Range(r) => Ok(**r),
        _ => Err(PyErr::type_error("descriptor requires a 'range' object")),
    }
}

fn range_index(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("index", &args[1..], 1, 1)?;
    let (start, stop, step) = range_of(&args[0])?;
    if vm.contains(&args[0], &args[1])? {
        if let Value::Int(i) = args[1] {
            return Ok(Value::Int((i - start) / step));
        }
        let n = crate::vm::ops::range_len(start, stop, step);
        for k in 0..n {
            if vm.eq(&Value::Int(start + k * step), &args[1])? {
                return Ok(Value::Int(k));
            }
        }
    }
    let r = vm.repr(&args[1])?;
    Err(PyErr::value_error(format!("{r} is not in range")))
}

fn range_count(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("count", &args[1..], 1, 1)?;
    range_of(&args[0])?;
    Ok(Value::Int(vm.contains(&args[0], &args[1])? as i64))
}

fn slice_indices(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("indices", &args[1..], 1, 1)?;
    let Value::Slice(s) = &args[0] else {
        return Err(PyErr::type_error("descriptor requires a 'slice' object"));
    };
    let n = super::args::int_arg(vm, &args[1])?;
    if n < 0 {
        return Err(PyErr::value_error("length should not be negative"));
    }
    let (a, b, c) = vm.slice_indices(s, n as usize)?;
    Ok(Value::tuple(vec![
        Value::Int(a),
        Value::Int(b),
        Value::Int(c),
    ]))
}
