//! Helpers to build exception instances from Rust.

use std::sync::Arc;

use parking_lot::Mutex;

use super::class::{ExcState, InstanceObj, Payload};
use super::{ClassObj, Value};

/// A new exception instance of `class` with `args`.
pub fn new_exception(class: &Arc<ClassObj>, args: Vec<Value>) -> Value {
    let inst = InstanceObj::new(
        class.clone(),
        Payload::Exception(Mutex::new(ExcState::default())),
    );
    inst.dict.set_str("args", Value::tuple(args));
    Value::Instance(Arc::new(inst))
}
