//! gil's values and heap objects.
//!
//! **Invariant:** every object is `Send + Sync` by construction: immutable data behind `Arc`,
//! mutable data behind a per-object `parking_lot::Mutex`. The GIL schedules threads; it is not
//! what makes sharing safe. Never hold an object's lock while calling back into gil code.

pub mod class;
pub mod dict;
pub mod exception;
pub mod function;
pub mod int;
pub mod iter;
pub mod list;
pub mod native;
pub mod set;
pub mod str;
pub mod trashcan;
pub mod value;

pub use class::{ClassObj, InstanceObj, Payload};
pub use dict::DictObj;
pub use function::{BoundMethod, BuiltinFn, CellObj, FunctionObj, ModuleObj};
pub use list::ListObj;
pub use set::SetObj;
pub use str::StrObj;
pub use value::Value;
