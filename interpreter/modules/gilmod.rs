//! The `gil` module: the lock's accounting, readable from gil code.
//!
//! `gil.stats()` returns a dict of plain values (seconds as floats), per thread and global;
//! `gil.reset_stats()` starts counting afresh. `gil.policy()` names the lock's policy and
//! `gil.set_policy(name)` switches between `interval`, `ticks` and `priority` at run time.

use crate::builtins::builtin;
use crate::objects::function::KwArgs;
use crate::objects::{DictObj, Value};
use crate::vm::{PyResult, Vm};

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("stats", builtin("stats", stats));
    d.set_str("reset_stats", builtin("reset_stats", reset_stats));
    d.set_str("policy", builtin("policy", policy));
    d.set_str("set_policy", builtin("set_policy", set_policy));
    Ok(())
}

fn dict(pairs: Vec<(&str, Value)>) -> Value {
    let d = DictObj::new();
    for (k, v) in pairs {
        d.set_str(k, v);
    }
    Value::Dict(std::sync::Arc::new(d))
}

fn secs(d: std::time::Duration) -> Value {
    Value::Float(d.as_secs_f64())
}

fn stats(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = vm.interp.gil.snapshot();
    let threads: Vec<Value> = s
        .threads
        .iter()
        .map(|t| {
            let blocked = DictObj::new();
            for b in &t.blocked_calls {
                blocked.set_str(b.call, Value::Float(b.total.as_secs_f64()));
            }
            let blocked_counts = DictObj::new();
            for b in &t.blocked_calls {
                blocked_counts.set_str(b.call, Value::Int(b.count as i64));
            }
            dict(vec![
                ("id", Value::Int(t.id as i64)),
                ("name", Value::str(&t.name)),
                ("finished", Value::Bool(t.finished)),
                ("running", secs(t.running)),
                ("waiting", secs(t.waiting)),
                ("longest_wait", secs(t.longest_wait)),
                ("blocked", secs(t.blocked)),
                ("blocked_calls", Value::Dict(std::sync::Arc::new(blocked))),
                (
                    "blocked_counts",
                    Value::Dict(std::sync::Arc::new(blocked_counts)),
                ),
                ("acquisitions", Value::Int(t.acquisitions as i64)),
                ("forced_drops", Value::Int(t.forced_drops as i64)),
                ("voluntary_drops", Value::Int(t.voluntary_drops as i64)),
            ])
        })
        .collect();
    Ok(dict(vec![
        ("policy", Value::str(s.policy.name())),
        ("switch_interval", Value::Float(s.switch_interval)),
        ("elapsed", secs(s.elapsed)),
        ("switches", Value::Int(s.switches as i64)),
        ("drop_requests", Value::Int(s.drop_requests as i64)),
        ("max_running", Value::Int(s.max_running as i64)),
        ("threads", Value::list(threads)),
    ]))
}

fn reset_stats(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    vm.interp.gil.reset_stats();
    Ok(Value::None)
}

fn policy(vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::str(vm.interp.gil.policy().name()))
}

fn set_policy(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    crate::builtins::args::arity("set_policy", args, 1, 1)?;
    let name = match &args[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(crate::vm::PyErr::type_error(format!(
                "set_policy() argument must be str, not {}",
                crate::vm::types::type_name(v)
            )))
        }
    };
    let p = name
        .parse::<crate::gil::Policy>()
        .map_err(|e| crate::vm::PyErr::value_error(e.to_string()))?;
    vm.interp
        .gil
        .set_policy(p)
        .map_err(|e| crate::vm::PyErr::value_error(e.to_string()))?;
    Ok(Value::None)
}
