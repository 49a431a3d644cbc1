//! `list`: a `Vec` behind a per-object lock.

use parking_lot::{Mutex, MutexGuard};

use super::Value;

pub struct ListObj {
    items: Mutex<Vec<Value>>,
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        ListObj {
            items: Mutex::new(items),
        }
    }

    /// Never call gil code while holding the guard: copy out what you need first.
    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, Vec<Value>> {
        self.items.lock()
    }

    pub fn len(&self) -> usize {
        self.items.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn snapshot(&self) -> Vec<Value> {
        self.items.lock().clone()
    }

    pub fn push(&self, v: Value) {
        self.items.lock().push(v);
    }
}
