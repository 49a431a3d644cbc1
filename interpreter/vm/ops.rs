//! Operators: arithmetic with Python's rules, comparisons, truth, containment and subscripts.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::objects::int::{self, to_big};
use crate::objects::Value;
use crate::syntax::ast::{BinOp, CmpOp};

use super::types::{type_name, type_of, types};
use super::{PyErr, PyResult, Vm};

/// CPython's `RecursionError` suffix for nested comparisons.
const IN_COMPARISON: &str = " in comparison";

pub fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

/// The machine-int fast path; `None` means "take the general path" (overflow, division...).
#[inline(always)]
pub fn int_fast(op: BinOp, a: i64, b: i64) -> Option<Value> {
    Some(Value::Int(match op {
        BinOp::Add => a.checked_add(b)?,
        BinOp::Sub => a.checked_sub(b)?,
        BinOp::Mul => a.checked_mul(b)?,
        BinOp::FloorDiv if b != 0 => int::floordiv_i64(a, b)?,
        BinOp::Mod if b != 0 => int::mod_i64(a, b)?,
        BinOp::BitAnd => a & b,
        BinOp::BitOr => a | b,
        BinOp::BitXor => a ^ b,
        BinOp::RShift if (0..64).contains(&b) => a >> b,
        BinOp::LShift if (0..63).contains(&b) => {
            let r = a << b;
            if (r >> b) != a {
                return None;
            }
            r
        }
        _ => return None,
    }))
}

/// An int-like value (bool included) as an `int` value.
pub fn int_value(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::Int(*b as i64),
        other => other.clone(),
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(*x),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => crate::objects::int::big_to_f64(b),
        _ => None,
    }
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

fn is_num(v: &Value) -> bool {
    is_int(v) || matches!(v, Value::Float(_))
}

fn big_int_op(op: BinOp, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => Value::from_bigint(a + b),
        BinOp::Sub => Value::from_bigint(a - b),
        BinOp::Mul => Value::from_bigint(a * b),
        BinOp::Div => {
            if b.is_zero() {
                return Err(PyErr::zero_division("division by zero"));
            }
            let (x, y) = (a.to_f64(), b.to_f64());
            match (x, y) {
                (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Value::Float(x / y),
                _ => {
                    // Exact enough for huge operands: scale down both by the same power of two.
                    let shift = (a.bits().max(b.bits()) as i64 - 1000).max(0) as usize;
                    let xa = (a >> shift).to_f64().unwrap_or(f64::INFINITY);
                    let xb = (b >> shift).to_f64().unwrap_or(f64::INFINITY);
                    let r = xa / xb;
                    if r.is_infinite() {
                        return Err(PyErr::overflow(
                            "integer division result too large for a float",
                        ));
                    }
                    Value::Float(r)
                }
            }
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(PyErr::zero_division("integer division or modulo by zero"));
            }
            Value::from_bigint(int::floordiv_big(a, b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(PyErr::zero_division("integer modulo by zero"));
            }
            Value::from_bigint(int::mod_big(a, b))
        }
        BinOp::Pow => {
            if b.is_negative() {
                let (x, y) = (
                    a.to_f64().unwrap_or(f64::INFINITY),
                    b.to_f64().unwrap_or(0.0),
                );
                if x == 0.0 {
                    return Err(PyErr::zero_division(
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::Float(x.powf(y)));
            }
            let e = b
                .to_u32()
                .ok_or_else(|| PyErr::overflow("exponent too large"))?;
            Value::from_bigint(num_traits::Pow::pow(a, e))
        }
        BinOp::LShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            let s = b
                .to_usize()
                .ok_or_else(|| PyErr::overflow("too many digits in integer"))?;
            Value::from_bigint(a << s)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            let s = b.to_usize().unwrap_or(usize::MAX);
            if s > a.bits() as usize + 1 {
                Value::Int(if a.is_negative() { -1 } else { 0 })
            } else {
                // Python's >> floors, which `BigInt >>` also does for negatives.
                Value::from_bigint(a >> s)
            }
        }
        BinOp::BitAnd => Value::from_bigint(a & b),
        BinOp::BitOr => Value::from_bigint(a | b),
        BinOp::BitXor => Value::from_bigint(a ^ b),
        BinOp::MatMul => {
            return Err(PyErr::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

pub fn float_op(op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(PyErr::zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(PyErr::zero_division(
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return Err(PyErr::value_error(
                    "complex numbers are not supported in gil",
                ));
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(PyErr::overflow("(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op_symbol(op)
            )))
        }
    }))
}

/// Python's float `divmod`: the remainder takes the divisor's sign.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

impl Vm {
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        if let Some(v) = self.builtin_binary(a, b, op)? {
            return Ok(v);
        }
        let (name, rname, _) = dunder(op);
        if let Some(v) = self.try_dunder_pair(a, b, name, rname)? {
            return Ok(v);
        }
        Err(self.binary_type_error(a, b, op))
    }

    fn binary_type_error(&self, a: &Value, b: &Value, op: BinOp) -> PyErr {
        let is_seq = |v: &Value| {
            matches!(
                v,
                Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
            )
        };
        if op == BinOp::Mul && (is_seq(a) || is_seq(b)) {
            let other = if is_seq(a) { b } else { a };
            return PyErr::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(other)
            ));
        }
        if op == BinOp::Add {
            for (t, n) in [
                (&types().str_, "str"),
                (&types().list, "list"),
                (&types().tuple, "tuple"),
            ] {
                if Arc::ptr_eq(&type_of(a), t) {
                    return PyErr::type_error(format!(
                        "can only concatenate {n} (not \"{}\") to {n}",
                        type_name(b)
                    ));
                }
            }
        }
        if op == BinOp::Pow {
            return PyErr::type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                type_name(a),
                type_name(b)
            ));
        }
        PyErr::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol(op),
            type_name(a),
            type_name(b)
        ))
    }

    /// `a.__op__(b)`, then `b.__rop__(a)`, for user classes. `None` if neither applies.
    fn try_dunder_pair(
        &mut self,
        a: &Value,
        b: &Value,
        name: &str,
        rname: &str,
    ) -> PyResult<Option<Value>> {
        let ta = type_of(a);
        let tb = type_of(b);
        // A subclass that overrides the reflected method goes first, as in Python.
        if !Arc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta) && !tb.builtin {
            if let Some(f) = tb.lookup(rname) {
                let r = self.call0(&f, vec![b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if !ta.builtin || matches!(a, Value::Instance(_)) {
            if let Some(f) = ta.lookup(name) {
                let r = self.call0(&f, vec![a.clone(), b.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if (!tb.builtin || matches!(b, Value::Instance(_))) && !Arc::ptr_eq(&ta, &tb) {
            if let Some(f) = tb.lookup(rname) {
                let r = self.call0(&f, vec![b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// Built-in types' operators. `Ok(None)` when the operand types are not handled here.
    fn builtin_binary(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        use std::option::Option::{None, Some};
        use Value::*;
        // Instances of subclasses of built-ins go through their dunders first.
        if matches!(a, Instance(_)) || matches!(b, Instance(_)) {
            return Ok(None);
        }
        if let (Bool(x), Bool(y)) = (a, b) {
            match op {
                BinOp::BitAnd => return Ok(Some(Bool(*x & *y))),
                BinOp::BitOr => return Ok(Some(Bool(*x | *y))),
                BinOp::BitXor => return Ok(Some(Bool(*x ^ *y))),
                _ => {}
            }
        }
        if is_int(a) && is_int(b) {
            if let (Some(x), Some(y)) = (small(a), small(b)) {
                if let Some(v) = int_fast(op, x, y) {
                    return Ok(Some(v));
                }
                match op {
                    BinOp::Div => {
                        if y == 0 {
                            return Err(PyErr::zero_division("division by zero"));
                        }
                        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                            return Ok(Some(Float(x as f64 / y as f64)));
                        }
                    }
                    BinOp::Pow if y >= 0 => {
                        if let Ok(e) = u32::try_from(y) {
                            if let Some(r) = x.checked_pow(e) {
                                return Ok(Some(Int(r)));
                            }
                        }
                    }
                    _ => {}
                }
            }
            // Big op small: no copy of the big operand.
            if let (BigInt(x), Some(y)) = (a, small(b)) {
                match op {
                    BinOp::Add => return Ok(Some(Value::from_bigint(&**x + y))),
                    BinOp::Sub => return Ok(Some(Value::from_bigint(&**x - y))),
                    BinOp::Mul => return Ok(Some(Value::from_bigint(&**x * y))),
                    _ => {}
                }
            }
            if let (BigInt(x), BigInt(y)) = (a, b) {
                return big_int_op(op, x, y).map(Some);
            }
            let (x, y) = (to_big(a).unwrap(), to_big(b).unwrap());
            return big_int_op(op, &x, &y).map(Some);
        }
        if is_num(a) && is_num(b) {
            let (x, y) = match (as_f64(a), as_f64(b)) {
                (Some(x), Some(y)) => (x, y),
                _ => return Err(PyErr::overflow("int too large to convert to float")),
            };
            if matches!(
                op,
                BinOp::BitAnd
                    | BinOp::BitOr
                    | BinOp::BitXor
                    | BinOp::LShift
                    | BinOp::RShift
                    | BinOp::MatMul
            ) {
                return Ok(None);
            }
            return float_op(op, x, y).map(Some);
        }
        Ok(match (a, b, op) {
            (Str(x), Str(y), BinOp::Add) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Some(Value::string(s))
            }
            (Str(x), n, BinOp::Mul) | (n, Str(x), BinOp::Mul) if is_int(n) => {
                let k = repeat_count(n)?;
                Some(Value::string(x.as_str().repeat(k)))
            }
            (Str(x), _, BinOp::Mod) => Some(self.percent_format(x.as_str(), b)?),
            (Bytes(x), Bytes(y), BinOp::Add) => {
                let mut v = (**x).clone();
                v.extend_from_slice(y);
                Some(Bytes(Arc::new(v)))
            }
            (Bytes(x), n, BinOp::Mul) | (n, Bytes(x), BinOp::Mul) if is_int(n) => {
                Some(Bytes(Arc::new(x.repeat(repeat_count(n)?))))
            }
            (List(x), List(y), BinOp::Add) => {
                let mut v = x.snapshot();
                v.extend(y.snapshot());
                Some(Value::list(v))
            }
            (List(x), n, BinOp::Mul) | (n, List(x), BinOp::Mul) if is_int(n) => {
                let k = repeat_count(n)?;
                let items = x.snapshot();
                let mut v = Vec::with_capacity(items.len() * k);
                for _ in 0..k {
                    v.extend(items.iter().cloned());
                }
                Some(Value::list(v))
            }
            (Tuple(x), Tuple(y), BinOp::Add) => {
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                Some(Value::tuple(v))
            }
            (Tuple(x), n, BinOp::Mul) | (n, Tuple(x), BinOp::Mul) if is_int(n) => {
                let k = repeat_count(n)?;
                let mut v = Vec::with_capacity(x.len() * k);
                for _ in 0..k {
                    v.extend(x.iter().cloned());
                }
                Some(Value::tuple(v))
            }
            (Set(x), Set(y), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) => {
                Some(self.set_binop(x, y, op)?)
            }
            (Dict(x), Dict(y), BinOp::BitOr) => {
                let d = crate::objects::DictObj::from_table(x.lock().clone());
                for (h, k, v) in y.lock().hashed_items() {
                    d.lock().insert(h, k, v);
                }
                Some(Dict(Arc::new(d)))
            }
            _ => None,
        })
    }

    pub fn inplace_op(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
        match (a, b, op) {
            (Value::List(l), _, BinOp::Add) => {
                let items = self.collect(b)?;
                l.lock().extend(items);
                return Ok(a.clone());
            }
            (Value::List(l), n, BinOp::Mul) if is_int(n) => {
                let k = repeat_count(n)?;
                let mut g = l.lock();
                let items = g.clone();
                g.clear();
                for _ in 0..k {
                    g.extend(items.iter().cloned());
                }
                drop(g);
                return Ok(a.clone());
            }
            (
                Value::Set(s),
                Value::Set(_),
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            ) if !s.frozen => {
                let r = self.binary_op(a, b, op)?;
                if let Value::Set(r) = r {
                    let t = r.lock().clone();
                    *s.lock() = t;
                }
                return Ok(a.clone());
            }
            (Value::Dict(d), _, BinOp::BitOr) => {
                self.dict_update_from(d, b, false)?;
                return Ok(a.clone());
            }
            _ => {}
        }
        if let Value::Instance(_) = a {
            let (_, _, iname) = dunder(op);
            if let Some(f) = type_of(a).lookup(iname) {
                let r = self.call0(&f, vec![a.clone(), b.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        self.binary_op(a, b, op)
    }

    pub fn compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        Ok(Value::Bool(match op {
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Eq => return self.rich_eq(a, b, false),
            CmpOp::NotEq => return self.rich_eq(a, b, true),
            _ => return self.rich_order(a, b, op),
        }))
    }

    /// `a == b` / `a != b` as a value (user `__eq__` may return anything).
    fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) {
            let e = self.eq(a, b)?;
            return Ok(Value::Bool(e != negate));
        }
        let (name, rname) = if negate {
            ("__ne__", "__ne__")
        } else {
            ("__eq__", "__eq__")
        };
        if let Some(v) = self.try_user_compare(a, b, name, rname)? {
            return Ok(v);
        }
        if negate {
            // Default `__ne__` inverts `__eq__`.
            if let Some(v) = self.try_user_compare(a, b, "__eq__", "__eq__")? {
                return Ok(Value::Bool(!self.truthy(&v)?));
            }
        }
        if let Some(base) = builtin_payload(a).or_else(|| builtin_payload(b)) {
            let _ = base;
            let (x, y) = (payload_or_self(a), payload_or_self(b));
            if !matches!(x, Value::Instance(_)) && !matches!(y, Value::Instance(_)) {
                let e = self.eq(&x, &y)?;
                return Ok(Value::Bool(e != negate));
            }
        }
        Ok(Value::Bool(a.is(b) != negate))
    }

    /// User-defined comparison, trying the reflected method when the first says NotImplemented.
    fn try_user_compare(
        &mut self,
        a: &Value,
        b: &Value,
        name: &str,
        rname: &str,
    ) -> PyResult<Option<Value>> {
        let ta = type_of(a);
        let tb = type_of(b);
        // A subclass's reflected method goes first, as in Python.
        let b_first = !Arc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta) && !tb.builtin;
        let order: [(&Value, &Value, &str); 2] = if b_first {
            [(b, a, rname), (a, b, name)]
        } else {
            [(a, b, name), (b, a, rname)]
        };
        for (x, y, n) in order {
            if let Value::Instance(_) = x {
                if let Some(f) = type_of(x).lookup(n) {
                    if matches!(&f, Value::Builtin(bf) if bf.owner == Some("object")) {
                        continue;
                    }
                    if f.is_none() {
                        continue;
                    }
                    let r = self.call0(&f, vec![x.clone(), y.clone()])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Some(r));
                    }
                }
            }
        }
        Ok(None)
    }

    fn rich_order(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            let (name, rname) = match op {
                CmpOp::Lt => ("__lt__", "__gt__"),
                CmpOp::LtE => ("__le__", "__ge__"),
                CmpOp::Gt => ("__gt__", "__lt__"),
                _ => ("__ge__", "__le__"),
            };
            if let Some(v) = self.try_user_compare(a, b, name, rname)? {
                return Ok(v);
            }
            let (x, y) = (payload_or_self(a), payload_or_self(b));
            if !matches!(x, Value::Instance(_)) && !matches!(y, Value::Instance(_)) {
                return self.rich_order(&x, &y, op);
            }
            return Err(self.order_error(a, b, op));
        }
        let ord = self.order(a, b, op)?;
        Ok(Value::Bool(match op {
            CmpOp::Lt => ord == Some(std::cmp::Ordering::Less),
            CmpOp::LtE => matches!(
                ord,
                Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
            ),
            CmpOp::Gt => ord == Some(std::cmp::Ordering::Greater),
            _ => matches!(
                ord,
                Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
            ),
        }))
    }

    fn order_error(&self, a: &Value, b: &Value, op: CmpOp) -> PyErr {
        PyErr::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            cmp_symbol(op),
            type_name(a),
            type_name(b)
        ))
    }

    /// Ordering of built-in values; `None` for unordered (NaN, incomparable sets).
    fn order(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<std::cmp::Ordering>> {
        use std::cmp::Ordering;
        use std::option::Option::{None, Some};
        use Value::*;
        Ok(match (a, b) {
            (Int(x), Int(y)) => Some(x.cmp(y)),
            _ if is_int(a) && is_int(b) => Some(to_big(a).unwrap().cmp(&to_big(b).unwrap())),
            _ if is_num(a) && is_num(b) => {
                if let (Float(x), y) | (y, Float(x)) = (a, b) {
                    if is_int(y) && !fits_f64(y) && x.is_finite() {
                        // Compare a float with a big int exactly.
                        let xb = int::big_from_f64(*x);
                        let yb = to_big(y).unwrap();
                        let (l, r) = if matches!(a, Float(_)) {
                            (xb, yb)
                        } else {
                            (yb, xb)
                        };
                        let o = l.cmp(&r);
                        if o != Ordering::Equal {
                            return Ok(Some(o));
                        }
                        let fr = x.fract();
                        return Ok(Some(if fr == 0.0 {
                            Ordering::Equal
                        } else if (fr > 0.0) == matches!(a, Float(_)) {
                            Ordering::Greater
                        } else {
                            Ordering::Less
                        }));
                    }
                }
                as_f64(a).unwrap().partial_cmp(&as_f64(b).unwrap())
            }
            (Str(x), Str(y)) => Some(x.as_str().cmp(y.as_str())),
            (Bytes(x), Bytes(y)) => Some(x.cmp(y)),
            (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
                let (xs, ys) = (self.seq_items(a), self.seq_items(b));
                return self.nested(IN_COMPARISON, |vm| {
                    for (x, y) in xs.iter().zip(ys.iter()) {
                        if !vm.eq(x, y)? {
                            let lt = vm.compare(x, y, CmpOp::Lt)?;
                            if vm.truthy(&lt)? {
                                return Ok(Some(Ordering::Less));
                            }
                            let gt = vm.compare(x, y, CmpOp::Gt)?;
                            return Ok(if vm.truthy(&gt)? {
                                Some(Ordering::Greater)
                            } else {
                                None
                            });
                        }
                    }
                    Ok(Some(xs.len().cmp(&ys.len())))
                });
            }
            (Set(x), Set(y)) => {
                let sub = self.set_is_subset(x, y)?;
                let sup = self.set_is_subset(y, x)?;
                match (sub, sup) {
                    (true, true) => Some(Ordering::Equal),
                    (true, false) => Some(Ordering::Less),
                    (false, true) => Some(Ordering::Greater),
                    _ => None,
                }
            }
            _ => return Err(self.order_error(a, b, op)),
        })
    }

    fn seq_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::List(l) => l.snapshot(),
            Value::Tuple(t) => (**t).clone(),
            _ => Vec::new(),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        use std::option::Option::{None, Some};
        use Value::*;
        if let (Str(x), Str(y)) = (a, b) {
            return Ok(x.as_str() == y.as_str());
        }
        if a.is(b) && !matches!(a, Float(_)) {
            return Ok(true);
        }
        Ok(match (a, b) {
            _ if is_num(a) && is_num(b) => {
                if is_int(a) && is_int(b) {
                    to_big(a) == to_big(b)
                } else {
                    self.order(a, b, CmpOp::Eq)? == Some(std::cmp::Ordering::Equal)
                }
            }
            (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
                let (xs, ys) = (self.seq_items(a), self.seq_items(b));
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                self.nested(IN_COMPARISON, |vm| {
                    for (x, y) in xs.iter().zip(ys.iter()) {
                        if !vm.eq(x, y)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                })?
            }
            (Dict(x), Dict(y)) => {
                let xs = x.lock().hashed_items();
                if xs.len() != y.len() {
                    return Ok(false);
                }
                self.nested(IN_COMPARISON, |vm| {
                    for (_, k, v) in xs {
                        match vm.dict_get(y, &k)? {
                            Some(v2) => {
                                if !vm.eq(&v, &v2)? {
                                    return Ok(false);
                                }
                            }
                            None => return Ok(false),
                        }
                    }
                    Ok(true)
                })?
            }
            (Set(x), Set(y)) => {
                x.len() == y.len() && self.nested(IN_COMPARISON, |vm| vm.set_is_subset(x, y))?
            }
            (Range(x), Range(y)) => {
                let (lx, ly) = (range_len(x.0, x.1, x.2), range_len(y.0, y.1, y.2));
                lx == ly && (lx == 0 || (x.0 == y.0 && (lx == 1 || x.2 == y.2)))
            }
            (Bytes(x), Bytes(y)) => x == y,
            (Slice(x), Slice(y)) => {
                self.eq(&x.0, &y.0)? && self.eq(&x.1, &y.1)? && self.eq(&x.2, &y.2)?
            }
            (Instance(_), _) | (_, Instance(_)) => {
                let r = self.rich_eq(a, b, false)?;
                self.truthy(&r)?
            }
            (BoundMethod(x), BoundMethod(y)) => x.receiver.is(&y.receiver) && x.func.is(&y.func),
            _ => false,
        })
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        use Value::*;
        Ok(match v {
            None | Null => false,
            Bool(b) => *b,
            Int(i) => *i != 0,
            BigInt(_) => true,
            Float(x) => *x != 0.0,
            Str(s) => !s.as_str().is_empty(),
            Bytes(b) => !b.is_empty(),
            List(l) => !l.is_empty(),
            Tuple(t) => !t.is_empty(),
            Dict(d) => !d.is_empty(),
            Set(s) => !s.is_empty(),
            Range(r) => range_len(r.0, r.1, r.2) > 0,
            Instance(_) => {
                let cls = type_of(v);
                if let Some(f) = cls.lookup("__bool__") {
                    let r = self.call0(&f, vec![v.clone()])?;
                    return match r {
                        Bool(b) => Ok(b),
                        _ => Err(PyErr::type_error(format!(
                            "__bool__ should return bool, returned {}",
                            type_name(&r)
                        ))),
                    };
                }
                if let Some(f) = cls.lookup("__len__") {
                    let r = self.call0(&f, vec![v.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(p) = builtin_payload(v) {
                    return self.truthy(&p);
                }
                true
            }
            _ => true,
        })
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        use Value::*;
        match container {
            Str(s) => match item {
                Str(x) => Ok(s.as_str().contains(x.as_str())),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(item)
                ))),
            },
            Bytes(b) => match item {
                Bytes(x) => Ok(x.is_empty() || b.windows(x.len()).any(|w| w == &x[..])),
                Int(i) => Ok(b.contains(&(*i as u8))),
                _ => Err(PyErr::type_error("a bytes-like object is required")),
            },
            List(l) => {
                let items = l.snapshot();
                for x in &items {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Tuple(t) => {
                for x in t.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Dict(d) => Ok(self.dict_get(d, item)?.is_some()),
            Set(s) => self.set_contains(s, item),
            Range(r) => match item {
                Int(i) => {
                    let (start, stop, step) = (r.0, r.1, r.2);
                    let inside = if step > 0 {
                        *i >= start && *i < stop
                    } else {
                        *i <= start && *i > stop
                    };
                    Ok(inside && (i - start) % step == 0)
                }
                _ => {
                    for x in self.collect(container)? {
                        if self.eq(&x, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Instance(_) => {
                if let Some(f) = type_of(container).lookup("__contains__") {
                    let r = self.call0(&f, vec![container.clone(), item.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(p) = builtin_payload(container) {
                    return self.contains(&p, item);
                }
                self.contains_by_iter(container, item)
            }
            Iter(_) | Generator(_) => self.contains_by_iter(container, item),
            Native(_) => {
                if let Some(f) = type_of(container).lookup("__contains__") {
                    let r = self.call0(&f, vec![container.clone(), item.clone()])?;
                    return self.truthy(&r);
                }
                self.contains_by_iter(container, item)
            }
            _ => Err(PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            ))),
        }
    }

    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = self.get_iter(container)?;
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn unary_neg(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(i) => Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            }),
            Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
            Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone())),
            Value::Float(x) => Ok(Value::Float(-x)),
            _ => self.unary_dunder(a, "__neg__", "-"),
        }
    }

    pub fn unary_pos(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => Ok(a.clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            _ => self.unary_dunder(a, "__pos__", "+"),
        }
    }

    pub fn unary_invert(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
            Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone() - 1)),
            _ => self.unary_dunder(a, "__invert__", "~"),
        }
    }

    fn unary_dunder(&mut self, a: &Value, name: &str, sym: &str) -> PyResult<Value> {
        if let Some(f) = type_of(a).lookup(name) {
            return self.call0(&f, vec![a.clone()]);
        }
        Err(PyErr::type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            type_name(a)
        )))
    }

    pub fn get_item(&mut self, obj: &Value, idx: &Value) -> PyResult<Value> {
        use std::option::Option::{None, Some};
        use Value::*;
        match obj {
            List(l) => match idx {
                Int(i) => {
                    let g = l.lock();
                    match norm_index(*i, g.len()) {
                        Some(i) => Ok(g[i].clone()),
                        None => Err(PyErr::index_error("list index out of range")),
                    }
                }
                Slice(s) => {
                    let items = l.snapshot();
                    let (a, b, c) = self.slice_indices(s, items.len())?;
                    Ok(Value::list(slice_pick(&items, a, b, c)))
                }
                _ => self.index_fallback(obj, idx, "list"),
            },
            Tuple(t) => match idx {
                Int(i) => match norm_index(*i, t.len()) {
                    Some(i) => Ok(t[i].clone()),
                    None => Err(PyErr::index_error("tuple index out of range")),
                },
                Slice(s) => {
                    let (a, b, c) = self.slice_indices(s, t.len())?;
                    Ok(Value::tuple(slice_pick(t, a, b, c)))
                }
                _ => self.index_fallback(obj, idx, "tuple"),
            },
            Str(s) => match idx {
                Int(i) => match norm_index(*i, s.char_len()) {
                    Some(i) => Ok(Value::string(s.char_at(i).to_string())),
                    None => Err(PyErr::index_error("string index out of range")),
                },
                Slice(sl) => {
                    let (a, b, c) = self.slice_indices(sl, s.char_len())?;
                    if c == 1 {
                        if b <= a {
                            return Ok(Value::str(""));
                        }
                        let (x, y) = (s.byte_offset(a as usize), s.byte_offset(b as usize));
                        return Ok(Value::str(&s.as_str()[x..y]));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    Ok(Value::string(
                        slice_pick(&chars, a, b, c).into_iter().collect(),
                    ))
                }
                Bool(_) => self.get_item(obj, &int_value(idx)),
                _ => Err(PyErr::type_error(format!(
                    "string indices must be integers, not '{}'",
                    type_name(idx)
                ))),
            },
            Bytes(b) => match idx {
                Int(i) => match norm_index(*i, b.len()) {
                    Some(i) => Ok(Int(b[i] as i64)),
                    None => Err(PyErr::index_error("index out of range")),
                },
                Slice(s) => {
                    let (x, y, z) = self.slice_indices(s, b.len())?;
                    Ok(Bytes(Arc::new(slice_pick(b, x, y, z))))
                }
                _ => self.index_fallback(obj, idx, "byte"),
            },
            Dict(d) => match self.dict_get(d, idx)? {
                Some(v) => Ok(v),
                None => Err(PyErr::key_error(idx.clone())),
            },
            Range(r) => match idx {
                Int(i) => {
                    let n = range_len(r.0, r.1, r.2);
                    match norm_index(*i, n as usize) {
                        Some(i) => Ok(Int(r.0 + r.2 * i as i64)),
                        None => Err(PyErr::index_error("range object index out of range")),
                    }
                }
                Slice(s) => {
                    let n = range_len(r.0, r.1, r.2) as usize;
                    let (a, b, c) = self.slice_indices(s, n)?;
                    let start = r.0 + a * r.2;
                    let stop = r.0 + b * r.2;
                    Ok(Range(Arc::new((start, stop, r.2 * c))))
                }
                _ => self.index_fallback(obj, idx, "range"),
            },
            Instance(_) => {
                let cls = type_of(obj);
                if let Some(f) = cls.lookup("__getitem__") {
                    return self.call0(&f, vec![obj.clone(), idx.clone()]);
                }
                if let Some(p) = builtin_payload(obj) {
                    if let Value::Dict(d) = &p {
                        if let Some(v) = self.dict_get(d, idx)? {
                            return Ok(v);
                        }
                        if let Some(m) = cls.lookup("__missing__") {
                            return self.call0(&m, vec![obj.clone(), idx.clone()]);
                        }
                        return Err(PyErr::key_error(idx.clone()));
                    }
                    return self.get_item(&p, idx);
                }
                Err(not_subscriptable(obj))
            }
            Class(c) => {
                if let Some(f) = c.lookup("__class_getitem__") {
                    let f = self.bind_descriptor(f, Option::None, c)?;
                    return self.call0(&f, vec![idx.clone()]);
                }
                if c.builtin {
                    // `list[int]` in annotations: keep the class.
                    return Ok(obj.clone());
                }
                Err(PyErr::type_error(format!(
                    "type '{}' is not subscriptable",
                    c.name
                )))
            }
            Native(_) => {
                if let Some(f) = type_of(obj).lookup("__getitem__") {
                    return self.call0(&f, vec![obj.clone(), idx.clone()]);
                }
                Err(not_subscriptable(obj))
            }
            _ => Err(not_subscriptable(obj)),
        }
    }

    /// Indexing with a bool, a big int or an object with `__index__`.
    fn index_fallback(&mut self, obj: &Value, idx: &Value, what: &str) -> PyResult<Value> {
        match idx {
            Value::Bool(b) => self.get_item(obj, &Value::Int(*b as i64)),
            Value::BigInt(_) => Err(PyErr::index_error(
                "cannot fit 'int' into an index-sized integer",
            )),
            Value::Instance(_) => {
                if let Some(f) = type_of(idx).lookup("__index__") {
                    let i = self.call0(&f, vec![idx.clone()])?;
                    return self.get_item(obj, &i);
                }
                Err(bad_index(what, idx))
            }
            _ => Err(bad_index(what, idx)),
        }
    }

    pub fn set_item(&mut self, obj: &Value, idx: Value, v: Value) -> PyResult<()> {
        use std::option::Option::{None, Some};
        use Value::*;
        match obj {
            List(l) => match &idx {
                Int(i) => {
                    let mut g = l.lock();
                    match norm_index(*i, g.len()) {
                        Some(i) => {
                            g[i] = v;
                            Ok(())
                        }
                        None => Err(PyErr::index_error("list assignment index out of range")),
                    }
                }
                Bool(b) => self.set_item(obj, Int(*b as i64), v),
                Slice(s) => {
                    let new = self.collect(&v)?;
                    let len = l.len();
                    let (a, b, c) = self.slice_indices(s, len)?;
                    let mut g = l.lock();
                    if c == 1 {
                        let b = b.max(a);
                        g.splice(a as usize..b as usize, new);
                        return Ok(());
                    }
                    let idxs: Vec<usize> = slice_positions(a, b, c);
                    if idxs.len() != new.len() {
                        return Err(PyErr::value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new.len(),
                            idxs.len()
                        )));
                    }
                    for (i, x) in idxs.into_iter().zip(new) {
                        g[i] = x;
                    }
                    Ok(())
                }
                _ => Err(bad_index("list", &idx)),
            },
            Dict(d) => {
                self.dict_set(d, idx, v)?;
                Ok(())
            }
            Instance(_) => {
                if let Some(f) = type_of(obj).lookup("__setitem__") {
                    self.call0(&f, vec![obj.clone(), idx, v])?;
                    return Ok(());
                }
                if let Some(p) = builtin_payload(obj) {
                    return self.set_item(&p, idx, v);
                }
                Err(PyErr::type_error(format!(
                    "'{}' object does not support item assignment",
                    type_name(obj)
                )))
            }
            Native(_) => {
                if let Some(f) = type_of(obj).lookup("__setitem__") {
                    self.call0(&f, vec![obj.clone(), idx, v])?;
                    return Ok(());
                }
                Err(PyErr::type_error(format!(
                    "'{}' object does not support item assignment",
                    type_name(obj)
                )))
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ))),
        }
    }

    pub fn del_item(&mut self, obj: &Value, idx: &Value) -> PyResult<()> {
        use std::option::Option::{None, Some};
        use Value::*;
        match obj {
            List(l) => match idx {
                Int(i) => {
                    let mut g = l.lock();
                    match norm_index(*i, g.len()) {
                        Some(i) => {
                            g.remove(i);
                            Ok(())
                        }
                        None => Err(PyErr::index_error("list assignment index out of range")),
                    }
                }
                Slice(s) => {
                    let len = l.len();
                    let (a, b, c) = self.slice_indices(s, len)?;
                    let mut g = l.lock();
                    let mut idxs = slice_positions(a, b, c);
                    idxs.sort_unstable();
                    for i in idxs.into_iter().rev() {
                        g.remove(i);
                    }
                    Ok(())
                }
                _ => Err(bad_index("list", idx)),
            },
            Dict(d) => {
                if self.dict_del(d, idx)?.is_none() {
                    return Err(PyErr::key_error(idx.clone()));
                }
                Ok(())
            }
            Instance(_) => {
                if let Some(f) = type_of(obj).lookup("__delitem__") {
                    self.call0(&f, vec![obj.clone(), idx.clone()])?;
                    return Ok(());
                }
                if let Some(p) = builtin_payload(obj) {
                    return self.del_item(&p, idx);
                }
                Err(PyErr::type_error(format!(
                    "'{}' object doesn't support item deletion",
                    type_name(obj)
                )))
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            ))),
        }
    }

    /// Python's `slice.indices(len)`.
    pub fn slice_indices(
        &mut self,
        s: &(Value, Value, Value),
        len: usize,
    ) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = match &s.2 {
            Value::None => 1,
            v => self.index_int(v)?,
        };
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |vm: &mut Vm, v: &Value, default: i64| -> PyResult<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let mut i = vm.index_int(v)?;
                    if i < 0 {
                        i += len;
                        if i < lo {
                            i = lo;
                        }
                    } else if i > hi {
                        i = hi;
                    }
                    Ok(i)
                }
            }
        };
        let start = clamp(self, &s.0, if step < 0 { hi } else { lo })?;
        let stop = clamp(self, &s.1, if step < 0 { lo } else { hi })?;
        Ok((start, stop, step))
    }

    /// An integer for indexing (`__index__` semantics), clamped to i64.
    pub fn index_int(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(b) => Ok(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }),
            Value::Instance(_) => {
                if let Some(f) = type_of(v).lookup("__index__") {
                    let r = self.call0(&f, vec![v.clone()])?;
                    return self.index_int(&r);
                }
                Err(PyErr::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
            _ => Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }
}

/// Ints that convert to f64 exactly compare as floats; others need the exact path.
fn fits_f64(v: &Value) -> bool {
    match v {
        Value::Int(i) => i.unsigned_abs() <= 1 << 53,
        Value::Bool(_) => true,
        _ => false,
    }
}

fn small(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn repeat_count(n: &Value) -> PyResult<usize> {
    match n {
        Value::Int(i) => Ok((*i).max(0) as usize),
        Value::Bool(b) => Ok(*b as usize),
        _ => Err(PyErr::overflow(
            "cannot fit 'int' into an index-sized integer",
        )),
    }
}

pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if i < 0 { i + len } else { i };
    if i >= 0 && i < len {
        Some(i as usize)
    } else {
        None
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

fn slice_positions(a: i64, b: i64, c: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = a;
    while (c > 0 && i < b) || (c < 0 && i > b) {
        out.push(i as usize);
        i += c;
    }
    out
}

pub fn slice_pick<T: Clone>(items: &[T], a: i64, b: i64, c: i64) -> Vec<T> {
    if c == 1 {
        if b <= a {
            return Vec::new();
        }
        return items[a as usize..b as usize].to_vec();
    }
    slice_positions(a, b, c)
        .into_iter()
        .map(|i| items[i].clone())
        .collect()
}

fn not_subscriptable(obj: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not subscriptable", type_name(obj)))
}

fn bad_index(what: &str, idx: &Value) -> PyErr {
    PyErr::type_error(format!(
        "{what} indices must be integers or slices, not {}",
        type_name(idx)
    ))
}

/// The built-in value inside an instance of a subclass of a built-in type.
pub fn builtin_payload(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => i.builtin_value().cloned(),
        _ => None,
    }
}

fn payload_or_self(v: &Value) -> Value {
    builtin_payload(v).unwrap_or_else(|| v.clone())
}
