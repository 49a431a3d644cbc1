//! Methods of `str` (the `bytes` methods live in `str_bytes.rs`, `str.format` in
//! `str_format.rs`, the predicates and case mappings in `str_unicode.rs`).

use std::sync::Arc;

use super::args::{arity, int_arg, no_kwargs, opt};
use super::str_unicode as uni;
use super::{add_methods, add_static};
use crate::objects::function::KwArgs;
use crate::objects::{DictObj, StrObj, Value};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::vm::types::{type_name, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn register(t: &Types) {
    add_methods(
        &t.str_,
        "str",
        &[
            ("split", str_split),
            ("rsplit", str_rsplit),
            ("splitlines", str_splitlines),
            ("join", str_join),
            ("strip", str_strip),
            ("lstrip", str_lstrip),
            ("rstrip", str_rstrip),
            ("replace", str_replace),
            ("find", str_find),
            ("rfind", str_rfind),
            ("index", str_index),
            ("rindex", str_rindex),
            ("count", str_count),
            ("startswith", str_startswith),
            ("endswith", str_endswith),
            ("upper", str_upper),
            ("lower", str_lower),
            ("title", str_title),
            ("capitalize", str_capitalize),
            ("swapcase", str_swapcase),
            ("casefold", str_casefold),
            ("isdigit", str_isdigit),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("isnumeric", str_isnumeric),
            ("isdecimal", str_isdecimal),
            ("isidentifier", str_isidentifier),
            ("istitle", str_istitle),
            ("isprintable", str_isprintable),
            ("isascii", str_isascii),
            ("zfill", str_zfill),
            ("center", str_center),
            ("ljust", str_ljust),
            ("rjust", str_rjust),
            ("partition", str_partition),
            ("rpartition", str_rpartition),
            ("expandtabs", str_expandtabs),
            ("encode", super::str_bytes::str_encode),
            ("format", super::str_format::str_format),
            ("format_map", super::str_format::str_format_map),
            ("removeprefix", str_removeprefix),
            ("removesuffix", str_removesuffix),
            ("translate", str_translate),
            ("__contains__", str_contains),
            ("__len__", str_len),
            ("__getitem__", str_getitem),
            ("__add__", str_add),
            ("__mul__", str_mul),
            ("__rmul__", str_mul),
            ("__mod__", str_mod),
            ("__eq__", str_eq),
            ("__ne__", str_ne),
            ("__lt__", str_lt),
            ("__le__", str_le),
            ("__gt__", str_gt),
            ("__ge__", str_ge),
            ("__iter__", str_iter),
        ],
    );
    add_static(&t.str_, "str", "maketrans", str_maketrans);
    super::str_bytes::register(t);
}

// ---------------------------------------------------------------- helpers

/// `self` of a str method (a `str` or an instance of a subclass).
pub(crate) fn this(args: &[Value], name: &str) -> PyResult<Arc<StrObj>> {
    match args.first() {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(v) => match crate::vm::ops::builtin_payload(v) {
            Some(Value::Str(s)) => Ok(s),
            _ => Err(PyErr::type_error(format!(
                "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
                type_name(v)
            ))),
        },
        None => Err(PyErr::type_error(format!(
            "unbound method str.{name}() needs an argument"
        ))),
    }
}

/// A str argument, `None` if it is not a str.
pub(crate) fn as_str(v: &Value) -> Option<Arc<StrObj>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Instance(_) => match crate::vm::ops::builtin_payload(v) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// `must be str, not int`.
fn must_str(v: &Value) -> PyResult<Arc<StrObj>> {
    as_str(v).ok_or_else(|| PyErr::type_error(format!("must be str, not {}", type_name(v))))
}

/// `replace() argument 1 must be str, not int`.
fn arg_str(v: &Value, fname: &str, n: usize) -> PyResult<Arc<StrObj>> {
    as_str(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            type_name(v)
        ))
    })
}

/// Positional arguments after `self`, with no keywords allowed.
pub(crate) fn pos<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    pos_of("str", args, kw, name, min, max)
}

/// `pos` for the methods of type `owner` (`str.join() takes exactly one argument (2 given)`).
pub(crate) fn pos_of<'a>(
    owner: &str,
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{owner}.{name}() takes no keyword arguments"
        )));
    }
    let rest = &args[1..];
    let n = rest.len();
    if n < min || n > max {
        if max == 0 {
            return Err(PyErr::type_error(format!(
                "{owner}.{name}() takes no arguments ({n} given)"
            )));
        }
        if min == 1 && max == 1 {
            return Err(PyErr::type_error(format!(
                "{owner}.{name}() takes exactly one argument ({n} given)"
            )));
        }
        arity(name, rest, min, max)?;
    }
    Ok(rest)
}

/// Arguments of the `find` family (`find() takes at least 1 argument (0 given)`).
pub(crate) fn pos_find<'a>(args: &'a [Value], kw: &KwArgs, name: &str) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        let owner = if matches!(name, "find" | "rfind" | "index" | "rindex") {
            "str."
        } else {
            ""
        };
        return Err(PyErr::type_error(format!(
            "{owner}{name}() takes no keyword arguments"
        )));
    }
    let rest = &args[1..];
    let n = rest.len();
    if n == 0 {
        return Err(PyErr::type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        )));
    }
    if n > 3 {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most 3 arguments ({n} given)"
        )));
    }
    Ok(rest)
}

/// `'zz' is an invalid keyword argument for split()`.
pub(crate) fn no_kw_left(name: &str, kw: &KwArgs) -> PyResult<()> {
    match kw.0.first() {
        None => Ok(()),
        Some((k, _)) => Err(PyErr::type_error(format!(
            "'{}' is an invalid keyword argument for {name}()",
            k.as_str()
        ))),
    }
}

/// CPython's `ADJUST_INDICES`: optional start/end (None allowed) against `len`.
pub(crate) fn adjust(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(i64, i64)> {
    let len = len as i64;
    let get = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(d),
            Some(v) => vm.index_int(v),
        }
    };
    let mut s = get(vm, start, 0)?;
    let mut e = get(vm, end, len)?;
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    if s < 0 {
        s = (s + len).max(0);
    }
    Ok((s, e))
}

/// Byte offsets of character indices `a..b` (both within `0..=len`).
fn byte_range(s: &StrObj, a: i64, b: i64) -> (usize, usize) {
    if s.is_ascii() {
        return (a as usize, b as usize);
    }
    (s.byte_offset(a as usize), s.byte_offset(b as usize))
}

fn char_count(s: &str, ascii: bool) -> usize {
    if ascii {
        s.len()
    } else {
        s.chars().count()
    }
}

fn str_list(parts: Vec<&str>) -> Value {
    Value::list(parts.into_iter().map(Value::str).collect())
}

fn new_str(s: &StrObj, r: &str, orig: &Arc<StrObj>) -> Value {
    // Keep the original object when nothing changed (CPython returns `self` for exact str).
    if r.len() == s.as_str().len() && r == s.as_str() {
        Value::Str(orig.clone())
    } else {
        Value::str(r)
    }
}

// ---------------------------------------------------------------- split / join

fn split_args(
    vm: &mut Vm,
    args: &[Value],
    mut kw: KwArgs,
    name: &str,
) -> PyResult<(Option<Arc<StrObj>>, i64)> {
    let sep_kw = kw.take("sep");
    let max_kw = kw.take("maxsplit");
    no_kw_left(name, &kw)?;
    let rest = &args[1..];
    if rest.len() > 2 {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            rest.len()
        )));
    }
    let sep = rest.first().cloned().or(sep_kw);
    let maxv = rest.get(1).cloned().or(max_kw);
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => match as_str(&v) {
            Some(s) if s.as_str().is_empty() => return Err(PyErr::value_error("empty separator")),
            Some(s) => Some(s),
            None => {
                return Err(PyErr::type_error(format!(
                    "must be str or None, not {}",
                    type_name(&v)
                )))
            }
        },
    };
    let max = match maxv {
        None => -1,
        Some(v) => int_arg(vm, &v)?,
    };
    Ok((sep, max))
}

pub(crate) fn split_ws(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rem = maxsplit;
    let n = s.len();
    let mut i = 0;
    if s.is_ascii() {
        let b = s.as_bytes();
        loop {
            while i < n && uni::ascii_space(b[i]) {
                i += 1;
            }
            if i == n {
                break;
            }
            if rem == 0 {
                out.push(&s[i..]);
                break;
            }
            let j = i;
            while i < n && !uni::ascii_space(b[i]) {
                i += 1;
            }
            out.push(&s[j..i]);
            rem -= 1;
        }
        return out;
    }
    let next = |i: usize| s[i..].chars().next().unwrap();
    loop {
        while i < n && uni::is_space(next(i)) {
            i += next(i).len_utf8();
        }
        if i == n {
            break;
        }
        if rem == 0 {
            out.push(&s[i..]);
            break;
        }
        let j = i;
        while i < n && !uni::is_space(next(i)) {
            i += next(i).len_utf8();
        }
        out.push(&s[j..i]);
        rem -= 1;
    }
    out
}

fn rsplit_ws(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rem = maxsplit;
    let mut end = s.len();
    let prev = |e: usize| s[..e].chars().next_back().unwrap();
    loop {
        while end > 0 && uni::is_space(prev(end)) {
            end -= prev(end).len_utf8();
        }
        if end == 0 {
            break;
        }
        if rem == 0 {
            out.push(&s[..end]);
            break;
        }
        let j = end;
        while end > 0 && !uni::is_space(prev(end)) {
            end -= prev(end).len_utf8();
        }
        out.push(&s[end..j]);
        rem -= 1;
    }
    out.reverse();
    out
}

fn str_split(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "split")?;
    let (sep, max) = split_args(vm, args, kw, "split")?;
    let s = s.as_str();
    Ok(match sep {
        None => str_list(split_ws(s, max)),
        Some(sep) if max < 0 => str_list(s.split(sep.as_str()).collect()),
        Some(sep) => str_list(s.splitn(max as usize + 1, sep.as_str()).collect()),
    })
}

fn str_rsplit(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "rsplit")?;
    let (sep, max) = split_args(vm, args, kw, "rsplit")?;
    let s = s.as_str();
    Ok(match sep {
        None => str_list(rsplit_ws(s, max)),
        Some(sep) => {
            let mut v: Vec<&str> = if max < 0 {
                s.rsplit(sep.as_str()).collect()
            } else {
                s.rsplitn(max as usize + 1, sep.as_str()).collect()
            };
            v.reverse();
            str_list(v)
        }
    })
}

fn str_splitlines(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "splitlines")?;
    let keep_kw = kw.take("keepends");
    no_kw_left("splitlines", &kw)?;
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "splitlines() takes at most 1 argument ({} given)",
            args.len() - 1
        )));
    }
    let keep = match args.get(1).cloned().or(keep_kw) {
        None => false,
        Some(v @ Value::Float(_)) => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&v)
            )))
        }
        Some(v) => vm.truthy(&v)?,
    };
    let st = s.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = st.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if uni::is_linebreak(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some((_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
            }
            out.push(Value::str(if keep {
                &st[start..end]
            } else {
                &st[start..i]
            }));
            start = end;
        }
    }
    if start < st.len() {
        out.push(Value::str(&st[start..]));
    }
    Ok(Value::list(out))
}

fn str_join(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let sep = this(args, "join")?;
    let rest = pos(args, &kw, "join", 1, 1)?;
    let items: Vec<Value> = match &rest[0] {
        Value::List(l) => l.snapshot(),
        Value::Tuple(t) => (**t).clone(),
        v => match vm.collect(v) {
            Ok(items) => items,
            Err(e) => {
                if e.matches(&types().type_error) && !vm.truthy(&Value::Bool(has_iter(v)))? {
                    return Err(PyErr::type_error("can only join an iterable"));
                }
                return Err(e);
            }
        },
    };
    let mut parts: Vec<Arc<StrObj>> = Vec::with_capacity(items.len());
    let mut total = 0usize;
    for (i, it) in items.iter().enumerate() {
        match as_str(it) {
            Some(s) => {
                total += s.as_str().len();
                parts.push(s);
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(it)
                )))
            }
        }
    }
    if parts.len() == 1 && matches!(&items[0], Value::Str(_)) {
        return Ok(items[0].clone());
    }
    let sep = sep.as_str();
    total += sep.len() * parts.len().saturating_sub(1);
    let mut out = String::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_str());
    }
    Ok(Value::string(out))
}

/// Whether `v` could be iterated (used to pick `join`'s error message).
fn has_iter(v: &Value) -> bool {
    match v {
        Value::Instance(_) | Value::Native(_) => {
            let c = crate::vm::types::type_of(v);
            c.lookup("__iter__").is_some() || c.lookup("__getitem__").is_some()
        }
        Value::None
        | Value::Bool(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::Function(_)
        | Value::Builtin(_)
        | Value::BoundMethod(_)
        | Value::Class(_)
        | Value::Module(_)
        | Value::Slice(_)
        | Value::Ellipsis
        | Value::NotImplemented => false,
        _ => true,
    }
}

// ---------------------------------------------------------------- strip / replace

fn strip_impl(args: &[Value], kw: KwArgs, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = this(args, name)?;
    let rest = pos(args, &kw, name, 0, 1)?;
    let st = s.as_str();
    let r = match opt(rest, 0) {
        None => {
            let f = |c: char| uni::is_space(c);
            match (left, right) {
                (true, true) => st.trim_matches(f),
                (true, false) => st.trim_start_matches(f),
                _ => st.trim_end_matches(f),
            }
        }
        Some(v) => {
            let chars = as_str(v)
                .ok_or_else(|| PyErr::type_error(format!("{name} arg must be None or str")))?;
            let set: Vec<char> = chars.as_str().chars().collect();
            let f = |c: char| set.contains(&c);
            match (left, right) {
                (true, true) => st.trim_matches(f),
                (true, false) => st.trim_start_matches(f),
                _ => st.trim_end_matches(f),
            }
        }
    };
    Ok(new_str(&s, r, &s))
}

fn str_strip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "strip", true, true)
}

fn str_lstrip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "lstrip", true, false)
}

fn str_rstrip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "rstrip", false, true)
}

fn str_replace(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "replace")?;
    let rest = pos(args, &kw, "replace", 2, 3)?;
    let old = arg_str(&rest[0], "replace", 1)?;
    let new = arg_str(&rest[1], "replace", 2)?;
    let count = match rest.get(2) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let st = s.as_str();
    if count == 0 || (!old.as_str().is_empty() && !st.contains(old.as_str())) {
        return Ok(Value::Str(s.clone()));
    }
    let r = if count < 0 {
        st.replace(old.as_str(), new.as_str())
    } else {
        st.replacen(old.as_str(), new.as_str(), count as usize)
    };
    Ok(Value::string(r))
}

fn str_removeprefix(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "removeprefix")?;
    let rest = pos(args, &kw, "removeprefix", 1, 1)?;
    let p = as_str(&rest[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "removeprefix() argument must be str, not {}",
            type_name(&rest[0])
        ))
    })?;
    match s.as_str().strip_prefix(p.as_str()) {
        Some(r) => Ok(new_str(&s, r, &s)),
        None => Ok(Value::Str(s.clone())),
    }
}

fn str_removesuffix(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "removesuffix")?;
    let rest = pos(args, &kw, "removesuffix", 1, 1)?;
    let p = as_str(&rest[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "removesuffix() argument must be str, not {}",
            type_name(&rest[0])
        ))
    })?;
    match s.as_str().strip_suffix(p.as_str()) {
        Some(r) => Ok(new_str(&s, r, &s)),
        None => Ok(Value::Str(s.clone())),
    }
}

// ---------------------------------------------------------------- find / count

/// `find`-like search: the character index of the match.
fn find_impl(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    rev: bool,
) -> PyResult<Option<usize>> {
    let s = this(args, name)?;
    let rest = pos_find(args, kw, name)?;
    let sub = must_str(&rest[0])?;
    let (a, b) = adjust(vm, rest.get(1), rest.get(2), s.char_len())?;
    let sublen = sub.char_len() as i64;
    if b - a < sublen {
        return Ok(None);
    }
    let (x, y) = byte_range(&s, a, b);
    let hay = &s.as_str()[x..y];
    let found = if rev {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    Ok(found.map(|p| a as usize + char_count(&hay[..p], s.is_ascii())))
}

fn str_find(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, args, &kw, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn str_rfind(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, args, &kw, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn str_index(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, &kw, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn str_rindex(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, &kw, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("substring not found")),
    }
}

fn str_count(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "count")?;
    let rest = pos_find(args, &kw, "count")?;
    let sub = must_str(&rest[0])?;
    let (a, b) = adjust(vm, rest.get(1), rest.get(2), s.char_len())?;
    if b - a < sub.char_len() as i64 {
        return Ok(Value::Int(0));
    }
    if sub.as_str().is_empty() {
        return Ok(Value::Int(b - a + 1));
    }
    let (x, y) = byte_range(&s, a, b);
    let hay = &s.as_str()[x..y];
    let sub = sub.as_str();
    let n = if sub.len() == 1 {
        let c = sub.as_bytes()[0];
        hay.bytes().filter(|b| *b == c).count()
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn tailmatch(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str, end: bool) -> PyResult<Value> {
    let s = this(args, name)?;
    let rest = pos_find(args, &kw, name)?;
    let (a, b) = adjust(vm, rest.get(1), rest.get(2), s.char_len())?;
    let cands: Vec<Arc<StrObj>> = match &rest[0] {
        Value::Tuple(t) => {
            let mut v = Vec::with_capacity(t.len());
            for x in t.iter() {
                v.push(as_str(x).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        type_name(x)
                    ))
                })?);
            }
            v
        }
        x => vec![as_str(x).ok_or_else(|| {
            PyErr::type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(x)
            ))
        })?],
    };
    for p in cands {
        if b - (p.char_len() as i64) < a {
            continue;
        }
        let (x, y) = byte_range(&s, a, b);
        let hay = &s.as_str()[x..y];
        let ok = if end {
            hay.ends_with(p.as_str())
        } else {
            hay.starts_with(p.as_str())
        };
        if ok {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn str_startswith(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    tailmatch(vm, args, kw, "startswith", false)
}

fn str_endswith(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    tailmatch(vm, args, kw, "endswith", true)
}

// ---------------------------------------------------------------- case mapping & predicates

macro_rules! unary {
    ($fname:ident, $name:literal, $f:expr) => {
        fn $fname(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
            let s = this(args, $name)?;
            pos(args, &kw, $name, 0, 0)?;
            let f: fn(&StrObj) -> Value = $f;
            Ok(f(&s))
        }
    };
}

unary!(str_upper, "upper", |s| Value::string(if s.is_ascii() {
    s.as_str().to_ascii_uppercase()
} else {
    s.as_str().to_uppercase()
}));
unary!(str_lower, "lower", |s| Value::string(if s.is_ascii() {
    s.as_str().to_ascii_lowercase()
} else {
    s.as_str().to_lowercase()
}));
unary!(str_title, "title", |s| Value::string(uni::title(
    s.as_str()
)));
unary!(str_capitalize, "capitalize", |s| Value::string(
    uni::capitalize(s.as_str())
));
unary!(str_swapcase, "swapcase", |s| Value::string(uni::swapcase(
    s.as_str()
)));
unary!(str_casefold, "casefold", |s| Value::string(uni::casefold(
    s.as_str()
)));

fn all_chars(s: &StrObj, f: fn(char) -> bool) -> Value {
    let st = s.as_str();
    Value::Bool(!st.is_empty() && st.chars().all(f))
}

unary!(str_isdigit, "isdigit", |s| all_chars(s, uni::is_digit));
unary!(str_isdecimal, "isdecimal", |s| all_chars(
    s,
    uni::is_decimal
));
unary!(str_isnumeric, "isnumeric", |s| all_chars(
    s,
    uni::is_numeric
));
unary!(str_isalpha, "isalpha", |s| all_chars(s, uni::is_alpha));
unary!(str_isalnum, "isalnum", |s| all_chars(s, uni::is_alnum));
unary!(str_isspace, "isspace", |s| all_chars(s, uni::is_space));
unary!(str_isupper, "isupper", |s| Value::Bool(uni::is_upper_str(
    s.as_str()
)));
unary!(str_islower, "islower", |s| Value::Bool(uni::is_lower_str(
    s.as_str()
)));
unary!(str_istitle, "istitle", |s| Value::Bool(uni::is_title_str(
    s.as_str()
)));
unary!(str_isidentifier, "isidentifier", |s| Value::Bool(
    uni::is_identifier(s.as_str())
));
unary!(str_isprintable, "isprintable", |s| Value::Bool(
    s.as_str().chars().all(uni::is_printable)
));
unary!(str_isascii, "isascii", |s| Value::Bool(s.is_ascii()));

// ---------------------------------------------------------------- padding

fn str_zfill(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "zfill")?;
    let rest = pos(args, &kw, "zfill", 1, 1)?;
    let width = int_arg(vm, &rest[0])?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(Value::Str(s.clone()));
    }
    let fill = (width - len) as usize;
    let st = s.as_str();
    let mut out = String::with_capacity(st.len() + fill);
    let body = match st.as_bytes().first() {
        Some(b'+') | Some(b'-') => {
            out.push_str(&st[..1]);
            &st[1..]
        }
        _ => st,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(body);
    Ok(Value::string(out))
}

fn pad_impl(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str) -> PyResult<Value> {
    let s = this(args, name)?;
    let rest = pos(args, &kw, name, 1, 2)?;
    let width = int_arg(vm, &rest[0])?;
    let fill = match rest.get(1) {
        None => ' ',
        Some(v) => {
            let f = as_str(v).ok_or_else(|| {
                PyErr::type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    type_name(v)
                ))
            })?;
            if f.char_len() != 1 {
                return Err(PyErr::type_error(
                    "The fill character must be exactly one character long",
                ));
            }
            f.as_str().chars().next().unwrap()
        }
    };
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(Value::Str(s.clone()));
    }
    let marg = width - len;
    let (left, right) = match name {
        "ljust" => (0, marg),
        "rjust" => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    };
    let mut out = String::with_capacity(s.as_str().len() + marg as usize * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left as usize));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right as usize));
    Ok(Value::string(out))
}

fn str_center(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, kw, "center")
}

fn str_ljust(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, kw, "ljust")
}

fn str_rjust(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, kw, "rjust")
}

fn partition_impl(args: &[Value], kw: KwArgs, name: &str, rev: bool) -> PyResult<Value> {
    let s = this(args, name)?;
    let rest = pos(args, &kw, name, 1, 1)?;
    let sep = must_str(&rest[0])?;
    if sep.as_str().is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let st = s.as_str();
    let found = if rev {
        st.rfind(sep.as_str())
    } else {
        st.find(sep.as_str())
    };
    Ok(match found {
        Some(i) => Value::tuple(vec![
            Value::str(&st[..i]),
            Value::Str(sep.clone()),
            Value::str(&st[i + sep.as_str().len()..]),
        ]),
        None if rev => Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())]),
        None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
    })
}

fn str_partition(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    partition_impl(args, kw, "partition", false)
}

fn str_rpartition(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    partition_impl(args, kw, "rpartition", true)
}

fn str_expandtabs(vm: &mut Vm, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "expandtabs")?;
    let ts_kw = kw.take("tabsize");
    no_kw_left("expandtabs", &kw)?;
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "expandtabs() takes at most 1 argument ({} given)",
            args.len() - 1
        )));
    }
    let ts = match args.get(1).cloned().or(ts_kw) {
        None => 8,
        Some(v) => int_arg(vm, &v)?,
    };
    let mut out = String::with_capacity(s.as_str().len());
    let mut col: i64 = 0;
    for c in s.as_str().chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::string(out))
}

// ---------------------------------------------------------------- translate / maketrans

fn str_translate(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "translate")?;
    let rest = pos(args, &kw, "translate", 1, 1)?;
    let table = &rest[0];
    let t = types();
    let mut out = String::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        let key = Value::Int(c as i64);
        let r = match table {
            Value::Dict(d) => vm.dict_get(d, &key)?,
            _ => match vm.get_item(table, &key) {
                Ok(v) => Some(v),
                Err(e) if e.matches(&t.lookup_error) => None,
                Err(e) => return Err(e),
            },
        };
        match r {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(ch) if i < 0x110000 => out.push(ch),
                _ => {
                    return Err(PyErr::value_error(
                        "character mapping must be in range(0x110000)",
                    ))
                }
            },
            Some(v) => match as_str(&v) {
                Some(x) => out.push_str(x.as_str()),
                None => {
                    return Err(PyErr::type_error(
                        "character mapping must return integer, None or str",
                    ))
                }
            },
        }
    }
    Ok(Value::string(out))
}

fn str_maketrans(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("maketrans", &kw)?;
    arity("maketrans", args, 1, 3)?;
    let d = Arc::new(DictObj::new());
    if args.len() == 1 {
        let src = match &args[0] {
            Value::Dict(src) => src.clone(),
            _ => {
                return Err(PyErr::type_error(
                    "if you give only one argument to maketrans it must be a dict",
                ))
            }
        };
        for (_, k, v) in src.lock().hashed_items() {
            let key = match &k {
                Value::Int(_) => k.clone(),
                Value::Str(s) => {
                    if s.char_len() != 1 {
                        return Err(PyErr::value_error(
                            "string keys in translate table must be of length 1",
                        ));
                    }
                    Value::Int(s.as_str().chars().next().unwrap() as i64)
                }
                _ => {
                    return Err(PyErr::type_error(
                        "keys in translate table must be strings or integers",
                    ))
                }
            };
            vm.dict_set(&d, key, v)?;
        }
        return Ok(Value::Dict(d));
    }
    let x = as_str(&args[0]).ok_or_else(|| {
        PyErr::type_error("first maketrans argument must be a string if there is a second argument")
    })?;
    let y = arg_str(&args[1], "maketrans", 2)?;
    if x.char_len() != y.char_len() {
        return Err(PyErr::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in x.as_str().chars().zip(y.as_str().chars()) {
        vm.dict_set(&d, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = args.get(2) {
        let z = arg_str(z, "maketrans", 3)?;
        for c in z.as_str().chars() {
            vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(d))
}

// ---------------------------------------------------------------- dunders

fn str_contains(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__contains__")?;
    let rest = pos(args, &kw, "__contains__", 1, 1)?;
    let sub = as_str(&rest[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            type_name(&rest[0])
        ))
    })?;
    Ok(Value::Bool(s.as_str().contains(sub.as_str())))
}

fn str_len(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__len__")?;
    pos(args, &kw, "__len__", 0, 0)?;
    Ok(Value::Int(s.char_len() as i64))
}

fn str_getitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__getitem__")?;
    let rest = pos(args, &kw, "__getitem__", 1, 1)?;
    vm.get_item(&Value::Str(s), &rest[0])
}

fn str_add(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__add__")?;
    let rest = pos(args, &kw, "__add__", 1, 1)?;
    let o = as_str(&rest[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(&rest[0])
        ))
    })?;
    let mut out = String::with_capacity(s.as_str().len() + o.as_str().len());
    out.push_str(s.as_str());
    out.push_str(o.as_str());
    Ok(Value::string(out))
}

fn str_mul(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__mul__")?;
    let rest = pos(args, &kw, "__mul__", 1, 1)?;
    vm.binary_op(&Value::Str(s), &rest[0], BinOp::Mul)
}

fn str_mod(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__mod__")?;
    let rest = pos(args, &kw, "__mod__", 1, 1)?;
    vm.percent_format(s.as_str(), &rest[0])
}

fn cmp_impl(args: &[Value], kw: &KwArgs, name: &str, op: CmpOp) -> PyResult<Value> {
    let s = this(args, name)?;
    let rest = pos(args, kw, name, 1, 1)?;
    let Some(o) = as_str(&rest[0]) else {
        return Ok(Value::NotImplemented);
    };
    let (a, b) = (s.as_str(), o.as_str());
    Ok(Value::Bool(match op {
        CmpOp::Eq => a == b,
        CmpOp::NotEq => a != b,
        CmpOp::Lt => a < b,
        CmpOp::LtE => a <= b,
        CmpOp::Gt => a > b,
        _ => a >= b,
    }))
}

fn str_eq(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__eq__", CmpOp::Eq)
}

fn str_ne(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__ne__", CmpOp::NotEq)
}

fn str_lt(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__lt__", CmpOp::Lt)
}

fn str_le(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__le__", CmpOp::LtE)
}

fn str_gt(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__gt__", CmpOp::Gt)
}

fn str_ge(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    cmp_impl(args, &kw, "__ge__", CmpOp::GtE)
}

fn str_iter(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "__iter__")?;
    pos(args, &kw, "__iter__", 0, 0)?;
    vm.get_iter(&Value::Str(s))
}
