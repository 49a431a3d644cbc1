//! `list`: a `Vec` behind a per-object lock.

use parking_lot::{Mutex, MutexGuard};

use super::Value;

pub struct ListObj {
    items: Mutex<Vec<Value>>,
}

impl Drop for ListObj {
    fn drop(&mut self) {
        let items = std::mem::take(self.items.get_mut());
        if !items.is_empty() {
            super::trashcan::drop_contents(super::trashcan::Contents::Items(items));
        }
    }
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
