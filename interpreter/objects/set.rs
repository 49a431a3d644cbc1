//! `set` and `frozenset`: a `DictTable` whose values are unused.
//!
//! Iteration follows insertion order. CPython's order follows hash slots instead, so a script
//! that prints a set of ints inserted out of order may differ (noted in ARCHITECTURE.md).

use parking_lot::{Mutex, MutexGuard};

use super::dict::DictTable;

pub struct SetObj {
    table: Mutex<DictTable>,
    pub frozen: bool,
}

impl SetObj {
    pub fn new(frozen: bool) -> SetObj {
        SetObj {
            table: Mutex::new(DictTable::for_set()),
            frozen,
        }
    }

    pub fn from_table(t: DictTable, frozen: bool) -> SetObj {
        SetObj {
            table: Mutex::new(t.into_set_table()),
            frozen,
        }
    }

    /// Never call gil code while holding the guard.
    pub fn lock(&self) -> MutexGuard<'_, DictTable> {
        self.table.lock()
    }

    pub fn len(&self) -> usize {
        self.table.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub fn sets_equal(a: &SetObj, b: &SetObj) -> bool {
    if std::ptr::eq(a, b) {
        return true;
    }
    let ta = a.lock().hashed_items();
    let tb = b.lock();
    ta.len() == tb.len() && ta.iter().all(|(h, k, _)| tb.contains(*h, k))
}
