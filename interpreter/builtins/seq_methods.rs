//! Methods of `list`, `tuple`, `dict`, `set` and `frozenset`.

use crate::vm::types::Types;

pub fn register(_t: &Types) {}
