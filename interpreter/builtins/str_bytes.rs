//! Methods of `bytes`, and the codecs behind `str.encode` / `bytes.decode`.

use std::sync::Arc;

use super::args::{arity, int_arg, no_kwargs, opt};
use super::str_methods::{adjust, as_str};
use super::{add_classmethod, add_methods};
use crate::objects::function::KwArgs;
use crate::objects::Value;
use crate::vm::types::{type_name, types, Types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn register(t: &Types) {
    add_methods(
        &t.bytes,
        "bytes",
        &[
            ("decode", bytes_decode),
            ("hex", bytes_hex),
            ("split", bytes_split),
            ("rsplit", bytes_rsplit),
            ("join", bytes_join),
            ("strip", bytes_strip),
            ("lstrip", bytes_lstrip),
            ("rstrip", bytes_rstrip),
            ("startswith", bytes_startswith),
            ("endswith", bytes_endswith),
            ("find", bytes_find),
            ("rfind", bytes_rfind),
            ("index", bytes_index),
            ("rindex", bytes_rindex),
            ("count", bytes_count),
            ("replace", bytes_replace),
            ("upper", bytes_upper),
            ("lower", bytes_lower),
            ("isdigit", bytes_isdigit),
            ("isalpha", bytes_isalpha),
            ("isalnum", bytes_isalnum),
            ("isspace", bytes_isspace),
            ("isupper", bytes_isupper),
            ("islower", bytes_islower),
            ("partition", bytes_partition),
            ("__len__", bytes_len),
            ("__getitem__", bytes_getitem),
            ("__contains__", bytes_contains),
        ],
    );
    add_classmethod(&t.bytes, "bytes", "fromhex", bytes_fromhex);
}

// ---------------------------------------------------------------- codecs

#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

fn lookup_codec(name: &str) -> PyResult<Codec> {
    let n: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    Ok(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us-ascii" | "646" | "us" => Codec::Ascii,
        "latin-1" | "latin1" | "latin" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1"
        | "iso-ir-100" => Codec::Latin1,
        _ => {
            return Err(PyErr::new(
                &types().lookup_error,
                format!("unknown encoding: {name}"),
            ))
        }
    })
}

fn codec_args(args: &[Value], mut kw: KwArgs, fname: &str) -> PyResult<(Codec, String)> {
    let enc_kw = kw.take("encoding");
    let err_kw = kw.take("errors");
    super::str_methods::no_kw_left(fname, &kw)?;
    if args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let get = |v: Option<Value>, what: &str, dflt: &str| -> PyResult<String> {
        match v {
            None => Ok(dflt.to_string()),
            Some(v) => match as_str(&v) {
                Some(s) => Ok(s.as_str().to_string()),
                None => Err(PyErr::type_error(format!(
                    "{fname}() argument '{what}' must be str, not {}",
                    type_name(&v)
                ))),
            },
        }
    };
    let enc = get(args.get(1).cloned().or(enc_kw), "encoding", "utf-8")?;
    let errors = get(args.get(2).cloned().or(err_kw), "errors", "strict")?;
    Ok((lookup_codec(&enc)?, errors))
}

fn unknown_handler(errors: &str) -> PyErr {
    PyErr::new(
        &types().lookup_error,
        format!("unknown error handler name '{errors}'"),
    )
}

fn char_escape(c: char) -> String {
    let u = c as u32;
    if u < 0x100 {
        format!("\\x{u:02x}")
    } else if u < 0x10000 {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    }
}

pub fn str_encode(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = super::str_methods::this(args, "encode")?;
    let (codec, errors) = codec_args(args, kw, "encode")?;
    let st = s.as_str();
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(Value::Bytes(Arc::new(st.as_bytes().to_vec()))),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    if s.is_ascii() {
        return Ok(Value::Bytes(Arc::new(st.as_bytes().to_vec())));
    }
    let chars: Vec<char> = st.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match errors.as_str() {
            "strict" => {
                let mut j = i;
                while j < chars.len() && chars[j] as u32 >= limit {
                    j += 1;
                }
                let msg = if j - i == 1 {
                    format!(
                        "'{}' codec can't encode character '{}' in position {i}: ordinal not in range({limit})",
                        codec.name(),
                        char_escape(c)
                    )
                } else {
                    format!(
                        "'{}' codec can't encode characters in position {i}-{}: ordinal not in range({limit})",
                        codec.name(),
                        j - 1
                    )
                };
                return Err(PyErr::new(&types().unicode_encode_error, msg));
            }
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend(char_escape(c).bytes()),
            "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
            "namereplace" => out.extend(char_escape(c).bytes()),
            other => return Err(unknown_handler(other)),
        }
        i += 1;
    }
    Ok(Value::Bytes(Arc::new(out)))
}

fn decode_error(codec: Codec, b: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let msg = if end - start == 1 {
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            codec.name(),
            b[start]
        )
    } else {
        format!(
            "'{}' codec can't decode bytes in position {start}-{}: {reason}",
            codec.name(),
            end - 1
        )
    };
    PyErr::new(&types().unicode_decode_error, msg)
}

fn decode_bytes(b: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(String::from_utf8(b.to_vec()).unwrap());
            }
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 0x80 {
                    out.push(x as char);
                    continue;
                }
                match errors {
                    "strict" => {
                        return Err(decode_error(
                            codec,
                            b,
                            i,
                            i + 1,
                            "ordinal not in range(128)",
                        ))
                    }
                    "ignore" => {}
                    "replace" => out.push('\u{FFFD}'),
                    "backslashreplace" => out.push_str(&format!("\\x{x:02x}")),
                    other => return Err(unknown_handler(other)),
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            let mut base = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap());
                        let bad = match e.error_len() {
                            Some(n) => n,
                            None => rest.len() - good,
                        };
                        let pos = base + good;
                        match errors {
                            "strict" => {
                                let first = rest[good];
                                let reason = if e.error_len().is_none() {
                                    "unexpected end of data"
                                } else if (0x80..0xC2).contains(&first) || first >= 0xF5 {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                return Err(decode_error(codec, b, pos, pos + bad, reason));
                            }
                            "ignore" => {}
                            "replace" => out.push('\u{FFFD}'),
                            "backslashreplace" => {
                                for x in &rest[good..good + bad] {
                                    out.push_str(&format!("\\x{x:02x}"));
                                }
                            }
                            "surrogateescape" => {
                                for _ in 0..bad {
                                    out.push('\u{FFFD}');
                                }
                            }
                            other => return Err(unknown_handler(other)),
                        }
                        rest = &rest[good + bad..];
                        base = pos + bad;
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- helpers

fn this(args: &[Value], name: &str) -> PyResult<Arc<Vec<u8>>> {
    match args.first() {
        Some(Value::Bytes(b)) => Ok(b.clone()),
        Some(v) => match crate::vm::ops::builtin_payload(v) {
            Some(Value::Bytes(b)) => Ok(b),
            _ => Err(PyErr::type_error(format!(
                "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
                type_name(v)
            ))),
        },
        None => Err(PyErr::type_error(format!(
            "unbound method bytes.{name}() needs an argument"
        ))),
    }
}

fn as_bytes(v: &Value) -> Option<Arc<Vec<u8>>> {
    match v {
        Value::Bytes(b) => Some(b.clone()),
        Value::Instance(_) => match crate::vm::ops::builtin_payload(v) {
            Some(Value::Bytes(b)) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

fn need_bytes(v: &Value) -> PyResult<Arc<Vec<u8>>> {
    as_bytes(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))
    })
}

fn pos<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    super::str_methods::pos_of("bytes", args, kw, name, min, max)
}

fn bytes_val(v: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(v))
}

fn find_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    if n.len() > h.len() {
        return None;
    }
    if n.len() == 1 {
        return h.iter().position(|b| *b == n[0]);
    }
    h.windows(n.len()).position(|w| w == n)
}

fn rfind_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    h.windows(n.len()).rposition(|w| w == n)
}

fn count_sub(h: &[u8], n: &[u8]) -> usize {
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = find_sub(&h[i..], n) {
        c += 1;
        i += p + n.len();
    }
    c
}

fn ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Sub-sequence argument of `find`/`count`: bytes or an int in range(256).
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = as_bytes(v) {
        return Ok(b.to_vec());
    }
    match v {
        Value::Int(_) | Value::Bool(_) => {
            let i = int_arg(vm, v)?;
            if !(0..256).contains(&i) {
                return Err(PyErr::value_error("byte must be in range(0, 256)"));
            }
            Ok(vec![i as u8])
        }
        _ => Err(PyErr::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(v)
        ))),
    }
}

// ---------------------------------------------------------------- methods

fn bytes_decode(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "decode")?;
    let (codec, errors) = codec_args(args, kw, "decode")?;
    Ok(Value::string(decode_bytes(&b, codec, &errors)?))
}

fn bytes_hex(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "hex")?;
    let rest = pos(args, &kw, "hex", 0, 2)?;
    let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let Some(sepv) = rest.first() else {
        return Ok(Value::string(hex.concat()));
    };
    let sep = match (as_str(sepv), as_bytes(sepv)) {
        (Some(s), _) => s.as_str().to_string(),
        (_, Some(b)) => String::from_utf8_lossy(&b).into_owned(),
        _ => return Err(PyErr::type_error("sep must be str or bytes.")),
    };
    if sep.chars().count() != 1 {
        return Err(PyErr::value_error("sep must be length 1."));
    }
    let per = match rest.get(1) {
        Some(v) => int_arg(vm, v)?,
        None => 1,
    };
    if per == 0 {
        return Ok(Value::string(hex.concat()));
    }
    let n = per.unsigned_abs() as usize;
    let groups: Vec<String> = if per > 0 {
        // Groups are counted from the right.
        let first = hex.len() % n;
        let mut g = Vec::new();
        if first > 0 {
            g.push(hex[..first].concat());
        }
        g.extend(hex[first..].chunks(n).map(|c| c.concat()));
        g
    } else {
        hex.chunks(n).map(|c| c.concat()).collect()
    };
    Ok(Value::string(groups.join(&sep)))
}

fn bytes_fromhex(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("fromhex", &kw)?;
    let rest = &args[1..];
    arity("fromhex", rest, 1, 1)?;
    let s = as_str(&rest[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(&rest[0])
        ))
    })?;
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let digit = |c: char| c.to_digit(16);
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let err = |p: usize| {
            PyErr::value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {p}"
            ))
        };
        let hi = digit(chars[i]).ok_or_else(|| err(i))?;
        let lo = chars
            .get(i + 1)
            .and_then(|c| digit(*c))
            .ok_or_else(|| err(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(bytes_val(out))
}

fn split_args(
    vm: &mut Vm,
    args: &[Value],
    mut kw: KwArgs,
    name: &str,
) -> PyResult<(Option<Arc<Vec<u8>>>, i64)> {
    let sep_kw = kw.take("sep");
    let max_kw = kw.take("maxsplit");
    super::str_methods::no_kw_left(name, &kw)?;
    if args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let sep = match args.get(1).cloned().or(sep_kw) {
        None | Some(Value::None) => None,
        Some(v) => {
            let b = need_bytes(&v)?;
            if b.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            Some(b)
        }
    };
    let max = match args.get(2).cloned().or(max_kw) {
        None => -1,
        Some(v) => int_arg(vm, &v)?,
    };
    Ok((sep, max))
}

fn bytes_split(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "split")?;
    let (sep, mut rem) = split_args(vm, args, kw, "split")?;
    let mut out = Vec::new();
    match sep {
        None => {
            let n = b.len();
            let mut i = 0;
            loop {
                while i < n && ws(b[i]) {
                    i += 1;
                }
                if i == n {
                    break;
                }
                if rem == 0 {
                    out.push(bytes_val(b[i..].to_vec()));
                    break;
                }
                let j = i;
                while i < n && !ws(b[i]) {
                    i += 1;
                }
                out.push(bytes_val(b[j..i].to_vec()));
                rem -= 1;
            }
        }
        Some(sep) => {
            let mut i = 0;
            while rem != 0 {
                match find_sub(&b[i..], &sep) {
                    Some(p) => {
                        out.push(bytes_val(b[i..i + p].to_vec()));
                        i += p + sep.len();
                        rem -= 1;
                    }
                    None => break,
                }
            }
            out.push(bytes_val(b[i..].to_vec()));
        }
    }
    Ok(Value::list(out))
}

fn bytes_rsplit(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "rsplit")?;
    let (sep, mut rem) = split_args(vm, args, kw, "rsplit")?;
    let mut out = Vec::new();
    match sep {
        None => {
            let mut end = b.len();
            loop {
                while end > 0 && ws(b[end - 1]) {
                    end -= 1;
                }
                if end == 0 {
                    break;
                }
                if rem == 0 {
                    out.push(bytes_val(b[..end].to_vec()));
                    break;
                }
                let j = end;
                while end > 0 && !ws(b[end - 1]) {
                    end -= 1;
                }
                out.push(bytes_val(b[end..j].to_vec()));
                rem -= 1;
            }
        }
        Some(sep) => {
            let mut end = b.len();
            while rem != 0 {
                match rfind_sub(&b[..end], &sep) {
                    Some(p) => {
                        out.push(bytes_val(b[p + sep.len()..end].to_vec()));
                        end = p;
                        rem -= 1;
                    }
                    None => break,
                }
            }
            out.push(bytes_val(b[..end].to_vec()));
        }
    }
    out.reverse();
    Ok(Value::list(out))
}

fn bytes_join(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let sep = this(args, "join")?;
    let rest = pos(args, &kw, "join", 1, 1)?;
    let items = match &rest[0] {
        Value::List(l) => l.snapshot(),
        Value::Tuple(t) => (**t).clone(),
        v => vm.collect(v)?,
    };
    let mut parts = Vec::with_capacity(items.len());
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, it) in items.iter().enumerate() {
        match as_bytes(it) {
            Some(b) => {
                total += b.len();
                parts.push(b);
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(it)
                )))
            }
        }
    }
    let mut out = Vec::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(p);
    }
    Ok(bytes_val(out))
}

fn strip_impl(args: &[Value], kw: KwArgs, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let b = this(args, name)?;
    let rest = pos(args, &kw, name, 0, 1)?;
    let set: Option<Arc<Vec<u8>>> = match opt(rest, 0) {
        None => None,
        Some(v) => Some(need_bytes(v)?),
    };
    let hit = |x: u8| match &set {
        None => ws(x),
        Some(s) => s.contains(&x),
    };
    let mut i = 0;
    let mut j = b.len();
    if left {
        while i < j && hit(b[i]) {
            i += 1;
        }
    }
    if right {
        while j > i && hit(b[j - 1]) {
            j -= 1;
        }
    }
    Ok(bytes_val(b[i..j].to_vec()))
}

fn bytes_strip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "strip", true, true)
}

fn bytes_lstrip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "lstrip", true, false)
}

fn bytes_rstrip(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    strip_impl(args, kw, "rstrip", false, true)
}

fn tailmatch(vm: &mut Vm, args: &[Value], kw: KwArgs, name: &str, end: bool) -> PyResult<Value> {
    let b = this(args, name)?;
    let rest = super::str_methods::pos_find(args, &kw, name)?;
    let (a, e) = adjust(vm, rest.get(1), rest.get(2), b.len())?;
    let cands: Vec<Arc<Vec<u8>>> = match &rest[0] {
        Value::Tuple(t) => {
            let mut v = Vec::new();
            for x in t.iter() {
                v.push(as_bytes(x).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        type_name(x)
                    ))
                })?);
            }
            v
        }
        x => vec![as_bytes(x).ok_or_else(|| {
            PyErr::type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                type_name(x)
            ))
        })?],
    };
    for p in cands {
        if e - (p.len() as i64) < a {
            continue;
        }
        let hay = &b[a as usize..e as usize];
        if (end && hay.ends_with(&p)) || (!end && hay.starts_with(&p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bytes_startswith(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    tailmatch(vm, args, kw, "startswith", false)
}

fn bytes_endswith(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    tailmatch(vm, args, kw, "endswith", true)
}

fn find_impl(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    rev: bool,
) -> PyResult<Option<usize>> {
    let b = this(args, name)?;
    let rest = super::str_methods::pos_find(args, kw, name)?;
    let sub = sub_arg(vm, &rest[0])?;
    let (a, e) = adjust(vm, rest.get(1), rest.get(2), b.len())?;
    if e - a < sub.len() as i64 {
        return Ok(None);
    }
    let hay = &b[a as usize..e as usize];
    let r = if rev {
        rfind_sub(hay, &sub)
    } else {
        find_sub(hay, &sub)
    };
    Ok(r.map(|p| p + a as usize))
}

fn bytes_find(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, args, &kw, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn bytes_rfind(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, args, &kw, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn bytes_index(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, &kw, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("subsection not found")),
    }
}

fn bytes_rindex(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, &kw, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("subsection not found")),
    }
}

fn bytes_count(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "count")?;
    let rest = super::str_methods::pos_find(args, &kw, "count")?;
    let sub = sub_arg(vm, &rest[0])?;
    let (a, e) = adjust(vm, rest.get(1), rest.get(2), b.len())?;
    if e - a < sub.len() as i64 {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int(e - a + 1));
    }
    Ok(Value::Int(
        count_sub(&b[a as usize..e as usize], &sub) as i64
    ))
}

fn bytes_replace(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "replace")?;
    let rest = pos(args, &kw, "replace", 2, 3)?;
    let old = need_bytes(&rest[0])?;
    let new = need_bytes(&rest[1])?;
    let mut count = match rest.get(2) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        for (i, x) in b.iter().enumerate() {
            if count != 0 {
                out.extend_from_slice(&new);
                count -= 1;
            }
            out.push(*x);
            let _ = i;
        }
        if count != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(bytes_val(out));
    }
    let mut i = 0;
    while count != 0 {
        match find_sub(&b[i..], &old) {
            Some(p) => {
                out.extend_from_slice(&b[i..i + p]);
                out.extend_from_slice(&new);
                i += p + old.len();
                count -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&b[i..]);
    Ok(bytes_val(out))
}

macro_rules! unary {
    ($fname:ident, $name:literal, $f:expr) => {
        fn $fname(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
            let b = this(args, $name)?;
            pos(args, &kw, $name, 0, 0)?;
            let f: fn(&[u8]) -> Value = $f;
            Ok(f(&b))
        }
    };
}

unary!(bytes_upper, "upper", |b| bytes_val(b.to_ascii_uppercase()));
unary!(bytes_lower, "lower", |b| bytes_val(b.to_ascii_lowercase()));
unary!(bytes_isdigit, "isdigit", |b| Value::Bool(
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
));
unary!(bytes_isalpha, "isalpha", |b| Value::Bool(
    !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)
));
unary!(bytes_isalnum, "isalnum", |b| Value::Bool(
    !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)
));
unary!(bytes_isspace, "isspace", |b| Value::Bool(
    !b.is_empty() && b.iter().all(|x| ws(*x))
));
unary!(bytes_isupper, "isupper", |b| Value::Bool(
    b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
));
unary!(bytes_islower, "islower", |b| Value::Bool(
    b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
));
unary!(bytes_len, "__len__", |b| Value::Int(b.len() as i64));

fn bytes_partition(_vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "partition")?;
    let rest = pos(args, &kw, "partition", 1, 1)?;
    let sep = need_bytes(&rest[0])?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    Ok(match find_sub(&b, &sep) {
        Some(p) => Value::tuple(vec![
            bytes_val(b[..p].to_vec()),
            Value::Bytes(sep.clone()),
            bytes_val(b[p + sep.len()..].to_vec()),
        ]),
        None => Value::tuple(vec![
            Value::Bytes(b.clone()),
            bytes_val(vec![]),
            bytes_val(vec![]),
        ]),
    })
}

fn bytes_getitem(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "__getitem__")?;
    let rest = pos(args, &kw, "__getitem__", 1, 1)?;
    vm.get_item(&Value::Bytes(b), &rest[0])
}

fn bytes_contains(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let b = this(args, "__contains__")?;
    let rest = pos(args, &kw, "__contains__", 1, 1)?;
    let sub = sub_arg(vm, &rest[0])?;
    Ok(Value::Bool(find_sub(&b, &sub).is_some()))
}
