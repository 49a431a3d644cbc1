//! `str.format` and `str.format_map`, on top of `crate::format::template`.

use super::str_methods::{as_str, this};
use crate::format::template::{
    conversion_error, parse_format_template, spec_has_nested_fields, Accessor, ArgRef, AutoNumber,
    TemplatePiece, MAX_RECURSION,
};
use crate::objects::function::KwArgs;
use crate::objects::Value;
use crate::vm::{PyErr, PyResult, Vm};

/// Where a field's value comes from.
enum Source<'a> {
    Args(&'a [Value], &'a KwArgs),
    Map(&'a Value),
}

pub fn str_format(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "format")?;
    let pieces = parse_format_template(s.as_str()).map_err(PyErr::value_error)?;
    let mut auto = AutoNumber::default();
    let out = render(vm, &pieces, &Source::Args(&args[1..], &kw), &mut auto, 0)?;
    Ok(Value::string(out))
}

pub fn str_format_map(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    let s = this(args, "format_map")?;
    if !kw.is_empty() {
        return Err(PyErr::type_error("format_map() takes no keyword arguments"));
    }
    if args.len() != 2 {
        return Err(PyErr::type_error(format!(
            "format_map() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    }
    let pieces = parse_format_template(s.as_str()).map_err(PyErr::value_error)?;
    let mut auto = AutoNumber::default();
    let out = render(vm, &pieces, &Source::Map(&args[1]), &mut auto, 0)?;
    Ok(Value::string(out))
}

fn render(
    vm: &mut Vm,
    pieces: &[TemplatePiece],
    src: &Source,
    auto: &mut AutoNumber,
    depth: usize,
) -> PyResult<String> {
    let mut out = String::new();
    for p in pieces {
        match p {
            TemplatePiece::Literal(l) => out.push_str(l),
            TemplatePiece::Field {
                field_name,
                conversion,
                spec,
            } => {
                let r = auto
                    .resolve(&field_name.first)
                    .map_err(PyErr::value_error)?;
                let mut obj = match (r, src) {
                    (ArgRef::Index(i), Source::Args(a, _)) => match a.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(PyErr::index_error(format!(
                                "Replacement index {i} out of range for positional args tuple"
                            )))
                        }
                    },
                    (ArgRef::Index(_), Source::Map(_)) => {
                        return Err(PyErr::value_error(
                            "Format string contains positional fields",
                        ))
                    }
                    (ArgRef::Name(n), Source::Args(_, kw)) => {
                        match kw.0.iter().find(|(k, _)| k.as_str() == n) {
                            Some((_, v)) => v.clone(),
                            None => return Err(PyErr::key_error(Value::string(n))),
                        }
                    }
                    (ArgRef::Name(n), Source::Map(m)) => vm.get_item(m, &Value::string(n))?,
                };
                for acc in &field_name.rest {
                    obj = match acc {
                        Accessor::Attr(a) => vm.get_attr_str(&obj, a)?,
                        Accessor::Index(i) => vm.get_item(&obj, &Value::Int(*i as i64))?,
                        Accessor::Key(k) => vm.get_item(&obj, &Value::str(k))?,
                    };
                }
                let obj = match conversion {
                    None => obj,
                    Some('r') => Value::string(vm.repr(&obj)?),
                    Some('s') => Value::string(vm.to_str(&obj)?),
                    Some('a') => Value::string(crate::vm::convert::ascii(&vm.repr(&obj)?)),
                    Some(c) => return Err(PyErr::value_error(conversion_error(*c))),
                };
                let spec_owned;
                let spec: &str = if spec_has_nested_fields(spec) {
                    if depth >= 1 {
                        return Err(PyErr::value_error(MAX_RECURSION));
                    }
                    let inner = parse_format_template(spec).map_err(PyErr::value_error)?;
                    spec_owned = render(vm, &inner, src, auto, depth + 1)?;
                    &spec_owned
                } else {
                    spec
                };
                if spec.is_empty() {
                    if let Some(s) = as_str(&obj).filter(|_| matches!(obj, Value::Str(_))) {
                        out.push_str(s.as_str());
                        continue;
                    }
                }
                out.push_str(&vm.format(&obj, spec)?);
            }
        }
    }
    Ok(out)
}
