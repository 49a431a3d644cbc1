//! Objects implemented in Rust that are neither containers nor functions: files, locks, ...
//! Each one names its class; the class dict holds its methods as built-ins taking `self`.

use std::any::Any;
use std::sync::Arc;

use super::ClassObj;

pub trait NativeObj: Any + Send + Sync {
    fn class(&self) -> Arc<ClassObj>;
    fn as_any(&self) -> &dyn Any;
}
