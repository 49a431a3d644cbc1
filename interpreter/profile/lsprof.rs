//! `_lsprof`: the native half of `cProfile` and `pstats` (both written in gil, in `stdlib/`).
//!
//! `_lsprof.Profiler()` makes a profile; its `enable()` starts profiling the calling thread into
//! it (suspending any profile already running there, such as `--profile`'s), `disable()` stops
//! and merges; `table(sort, limit)` is the text of `pstats.Stats(...).print_stats(limit)`.
//! `_lsprof.exec_main(src)` compiles `src` as `<string>` and runs it in `__main__`'s globals
//! (what `cProfile.run` needs, there being no `exec`).

use std::any::Any;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use super::{SortKey, Stats, ThreadProfile};
use crate::builtins::args::arity;
use crate::builtins::{add_methods, builtin};
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, DictObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, types};
use crate::vm::{PyErr, PyResult, Vm};

pub struct Profiler {
    stats: Arc<Mutex<Stats>>,
}

impl NativeObj for Profiler {
    fn class(&self) -> Arc<ClassObj> {
        profiler_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn profiler_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("Profiler", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "_lsprof.Profiler",
            &[
                ("enable", enable),
                ("disable", disable),
                ("table", table),
                ("clear", clear),
            ],
        );
        c
    })
}

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("Profiler", builtin("Profiler", new_profiler));
    d.set_str("exec_main", builtin("exec_main", exec_main));
    Ok(())
}

fn new_profiler(_vm: &mut Vm, _args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    Ok(Value::Native(Arc::new(Profiler {
        stats: Arc::new(Mutex::new(Stats::default())),
    })))
}

fn this(args: &[Value]) -> PyResult<&Profiler> {
    args.first()
        .and_then(downcast::<Profiler>)
        .ok_or_else(|| PyErr::type_error("expected a _lsprof.Profiler"))
}

fn enable(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let p = this(args)?;
    if let Some(cur) = vm.prof.as_deref() {
        if vm.profiling && Arc::ptr_eq(&cur.sink, &p.stats) {
            return Ok(Value::None);
        }
    }
    let mut prev = vm.prof.take();
    if vm.profiling {
        // The running profile has just begun timing this `enable()` call: end it.
        if let Some(pp) = prev.as_deref_mut() {
            pp.exit();
        }
    }
    let mut tp = Box::new(ThreadProfile::new(p.stats.clone()));
    tp.prev = prev;
    tp.prev_on = vm.profiling;
    vm.prof = Some(tp);
    vm.profiling = true;
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let p = this(args)?;
    let mine = matches!(vm.prof.as_deref(), Some(cur) if Arc::ptr_eq(&cur.sink, &p.stats));
    if mine {
        let mut tp = vm.prof.take().unwrap();
        vm.prof = tp.prev.take();
        vm.profiling = tp.prev_on && vm.prof.is_some();
        drop(tp);
    }
    Ok(Value::None)
}

fn clear(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let p = this(args)?;
    *p.stats.lock() = Stats::default();
    Ok(Value::None)
}

/// `table(sort=-1, limit=None)`.
fn table(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("table", args, 1, 3)?;
    let p = this(args)?;
    let sort = match args.get(1) {
        None | Some(Value::None) => SortKey::StdName,
        Some(Value::Int(i)) => SortKey::parse(&i.to_string()).unwrap_or(SortKey::StdName),
        Some(v) => {
            let s = v.as_str().unwrap_or("");
            SortKey::parse(s).ok_or_else(|| PyErr::key_error(Value::str(s)))?
        }
    };
    let limit = match args.get(2) {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    };
    let text = p.stats.lock().table(&vm.interp, sort, limit);
    Ok(Value::string(text))
}

fn exec_main(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("exec_main", args, 1, 1)?;
    let src = args[0]
        .as_str()
        .ok_or_else(|| PyErr::type_error("exec_main() expects a string"))?
        .to_string();
    let code = crate::run::compile_source("<string>", &src, false)
        .map_err(|e| crate::run::syntax_error_value(&e, "<string>", &src))?;
    let globals = match vm.interp.modules.get_str("__main__") {
        Some(Value::Module(m)) => m.dict.clone(),
        _ => return Err(PyErr::runtime_error("no __main__ module")),
    };
    let frame = crate::vm::frame::Frame::new(code, globals, Vec::new());
    vm.run_frame(frame)?;
    Ok(Value::None)
}
