//! Modules implemented in Rust: `sys`, `os`, `math`, `time`, ...

pub mod aio_core;
pub mod aio_gather;
pub mod aio_loop;
pub mod aio_poll;
pub mod aio_sleep;
pub mod aio_stream;
pub mod aio_timers;
pub mod aio_watchdog;
pub mod gilmod;
pub mod math;
pub mod mp;
pub mod mp_children;
pub mod mp_conn;
pub mod mp_lock;
pub mod mp_wire;
pub mod os;
pub mod os_spawn;
pub mod socket;
pub mod sys;
pub mod thread;
pub mod thread_pool;
pub mod time;

use std::sync::Arc;

use crate::objects::{DictObj, ModuleObj, Value};
use crate::vm::{PyErr, PyResult, Vm};

type Builder = fn(&mut Vm, &DictObj) -> PyResult<()>;

/// The native modules by name.
const NATIVE: &[(&str, Builder)] = &[
    ("sys", sys::build),
    ("math", math::build),
    ("os", os::build),
    ("os.path", os::build_path),
    ("time", time::build),
    ("_thread", thread::build),
    ("socket", socket::build),
    ("gil", gilmod::build),
    ("_asyncio_poll", aio_poll::build),
    ("_mp", mp::build),
    ("_lsprof", crate::profile::lsprof::build),
];

pub fn is_native(name: &str) -> bool {
    NATIVE.iter().any(|(n, _)| *n == name)
}

/// Creates (once) and registers a native module.
pub fn make_native(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let Some((_, build)) = NATIVE.iter().find(|(n, _)| *n == name) else {
        return Err(PyErr::runtime_error(format!("no native module {name}")));
    };
    let dict = Arc::new(DictObj::new());
    dict.set_str("__name__", Value::str(name));
    build(vm, &dict)?;
    let m = Value::Module(Arc::new(ModuleObj {
        name: name.to_string(),
        dict,
    }));
    vm.interp.modules.set_str(name, m.clone());
    Ok(m)
}

/// The names of the native modules.
pub fn native_names() -> impl Iterator<Item = &'static str> {
    NATIVE.iter().map(|(n, _)| *n)
}
