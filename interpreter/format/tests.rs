//! Table-driven tests against CPython 3.11.7 output (`testdata/gen.py` regenerates the data).

use num_bigint::BigInt;

use super::apply::{format_float_spec, format_int_spec, format_str_spec};
use super::float_repr::float_repr;
use super::parse_num::{bytes_repr, parse_float_literal, parse_int_literal, str_repr};
use super::percent::{
    parse_percent, percent_char_from_int, percent_float, percent_int, percent_str, PercentPiece,
};
use super::radix::{int_to_bin, int_to_hex, int_to_oct};
use super::round::{round_float, round_int};
use super::template::{parse_format_template, Accessor, FieldFirst, TemplatePiece};

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn cases(data: &str) -> Vec<(String, String, String, String)> {
    data.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<String> = l.split('\t').map(unescape).collect();
            assert_eq!(f.len(), 4, "bad line {:?}", l);
            (f[0].clone(), f[1].clone(), f[2].clone(), f[3].clone())
        })
        .collect()
}

fn show(r: Result<String, String>) -> String {
    match r {
        Ok(s) => s,
        Err(e) => format!("ERR:{}", e),
    }
}

fn float(s: &str) -> f64 {
    s.parse().unwrap()
}

fn big(s: &str) -> BigInt {
    s.parse().unwrap()
}

fn single_conv(t: &str) -> super::percent::PercentConv {
    match parse_percent(t).unwrap().as_slice() {
        [PercentPiece::Conv(c)] => c.clone(),
        other => panic!("{:?}", other),
    }
}

fn check_all(data: &str, f: impl Fn(&str, &str, &str) -> String) -> usize {
    let mut failures = Vec::new();
    let all = cases(data);
    for (kind, value, spec, expected) in &all {
        let got = f(kind, value, spec);
        let expected = &if kind == "template" {
            merge_literals(expected)
        } else {
            expected.clone()
        };
        if got != *expected {
            failures.push(format!(
                "{kind} {value:?} {spec:?}: expected {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    all.len()
}

#[test]
fn spec_cases_match_cpython() {
    let n = check_all(
        include_str!("testdata/spec_cases.txt"),
        |kind, value, spec| match kind {
            "int" => show(format_int_spec(&big(value), spec)),
            "float" => show(format_float_spec(float(value), spec)),
            "str" => show(format_str_spec(value, spec)),
            _ => panic!("{kind}"),
        },
    );
    assert!(n > 2000);
}

fn template_repr(t: &str) -> String {
    let pieces = match parse_format_template(t) {
        Ok(p) => p,
        Err(e) => return format!("ERR:{e}"),
    };
    let mut parts: Vec<String> = Vec::new();
    for p in pieces {
        match p {
            TemplatePiece::Literal(l) => parts.push(format!("L{l}")),
            TemplatePiece::Field {
                field_name,
                conversion,
                spec,
            } => {
                let mut r = String::from("F");
                match field_name.first {
                    FieldFirst::Auto => r.push('*'),
                    FieldFirst::Index(i) => r.push_str(&format!("#{i}")),
                    FieldFirst::Name(n) => r.push_str(&format!("@{n}")),
                }
                for a in field_name.rest {
                    match a {
                        Accessor::Attr(a) => r.push_str(&format!(".{a}")),
                        Accessor::Index(i) => r.push_str(&format!("[#{i}]")),
                        Accessor::Key(k) => r.push_str(&format!("[{k}]")),
                    }
                }
                r.push('!');
                r.push(conversion.unwrap_or('-'));
                r.push(':');
                r.push_str(&spec);
                parts.push(r);
            }
        }
    }
    parts.join("|")
}

/// CPython yields `{{`/`}}` as separate literal chunks; merge adjacent literals to compare.
fn merge_literals(s: &str) -> String {
    if s.starts_with("ERR:") {
        return s.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for p in s.split('|') {
        if let (Some(last), Some(rest)) = (out.last_mut(), p.strip_prefix('L')) {
            if last.starts_with('L') {
                last.push_str(rest);
                continue;
            }
        }
        out.push(p.to_string());
    }
    out.join("|")
}

#[test]
fn misc_cases_match_cpython() {
    let n = check_all(
        include_str!("testdata/misc_cases.txt"),
        |kind, value, spec| match kind {
            "pint" => percent_int(&big(value), &single_conv(spec)),
            "pchar" => {
                let c = percent_char_from_int(&big(value)).unwrap();
                percent_str(&c.to_string(), &single_conv(spec))
            }
            "pfloat" => percent_float(float(value), &single_conv(spec)),
            "pstr" => {
                let conv = single_conv(spec);
                let text = match conv.conv {
                    'r' => str_repr(value),
                    'a' => {
                        let r = str_repr(value);
                        r.chars()
                            .map(|c| match c as u32 {
                                0..=0x7f => c.to_string(),
                                0x80..=0xff => format!("\\x{:02x}", c as u32),
                                0x100..=0xffff => format!("\\u{:04x}", c as u32),
                                u => format!("\\U{:08x}", u),
                            })
                            .collect()
                    }
                    _ => value.to_string(),
                };
                percent_str(&text, &conv)
            }
            "pparse" => match parse_percent(value) {
                Err(e) => format!("ERR:{e}"),
                Ok(_) => "OK".to_string(),
            },
            "repr" => str_repr(value),
            "brepr" => {
                let bytes: Vec<u8> = (0..value.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&value[i..i + 2], 16).unwrap())
                    .collect();
                bytes_repr(&bytes)
            }
            "int_lit" => {
                let base: u32 = spec.parse().unwrap();
                match parse_int_literal(value, base) {
                    Ok(v) => v.to_string(),
                    Err(()) => format!("ERR:{}", super::parse_num::int_literal_error(value, base)),
                }
            }
            "float_lit" => match parse_float_literal(value) {
                Some(v) => float_repr(v),
                None => format!("ERR:{}", super::parse_num::float_literal_error(value)),
            },
            "round" => {
                let nd = if spec == "None" {
                    None
                } else {
                    Some(spec.parse().unwrap())
                };
                match round_float(float(value), nd) {
                    Ok(v) if nd.is_none() => {
                        if v.is_finite() {
                            <BigInt as num_traits::FromPrimitive>::from_f64(v)
                                .unwrap()
                                .to_string()
                        } else {
                            "ERR:cannot convert float infinity to integer".to_string()
                        }
                    }
                    Ok(v) => float_repr(v),
                    Err(e) => format!("ERR:{e}"),
                }
            }
            "round_int" => round_int(&big(value), spec.parse().unwrap()).to_string(),
            "radix" => {
                let n = big(value);
                format!("{} {} {}", int_to_hex(&n), int_to_oct(&n), int_to_bin(&n))
            }
            "template" => template_repr(value),
            _ => panic!("{kind}"),
        },
    );
    assert!(n > 1000);
}

#[test]
fn pparse_expectations_adjusted() {
    // `%-*s` fails in CPython only because the test passed a dict for `*`.
    assert!(parse_percent("%-*s").is_ok());
}

#[test]
fn float_repr_matches_cpython_on_random_doubles() {
    let data = include_str!("testdata/float_repr.txt");
    let mut n = 0;
    for line in data.lines() {
        let (bits, expected) = line.split_once(' ').unwrap();
        let x = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        assert_eq!(float_repr(x), expected, "bits {bits}");
        n += 1;
    }
    assert_eq!(n, 1000);
}
