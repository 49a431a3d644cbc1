//! Dropping deeply nested values without deep native recursion (CPython's "trashcan").
//!
//! Dropping a list drops its items, which may be lists: Rust's drop glue recurses once per
//! level, so a million-deep `x = [x]` chain, a long linked list of instances (`node.next`)
//! or nested dicts would overflow a thread's stack when freed. The `Drop` of `ListObj` and
//! `DictObj` hands their contents to `drop_contents`, which drops them right away while fewer
//! than `UNWIND_LEVEL` such drops are nested on this thread, and otherwise queues them; the
//! outermost drop then empties the queue, one bounded burst at a time. Tuples
//! (`value::TupleItems`) go the same way.

use super::dict::DictTable;
use super::{DictObj, Value};
use std::cell::{Cell, RefCell};

/// Nested container drops allowed before their contents are queued (CPython's
/// `Py_TRASHCAN` uses 50).
const UNWIND_LEVEL: u32 = 50;

/// The contents of a container being dropped.
pub(crate) enum Contents {
    Items(Vec<Value>),
    Table(DictTable),
}

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static LATER: RefCell<Vec<Contents>> = const { RefCell::new(Vec::new()) };
}

/// Drops `c` (the contents of a list, dict or tuple being freed) with bounded recursion.
pub(crate) fn drop_contents(c: Contents) {
    let depth = DEPTH.get();
    if depth >= UNWIND_LEVEL {
        // Queued for the outermost drop on this thread (unless the thread is ending and its
        // queue is gone: then drop here, as plain drop glue would).
        let mut c = Some(c);
        let _ = LATER.try_with(|l| {
            if let Ok(mut l) = l.try_borrow_mut() {
                l.push(c.take().unwrap());
            }
        });
        drop(c);
        return;
    }
    DEPTH.set(depth + 1);
    drop_now(c);
    if depth == 0 {
        while let Some(next) = LATER
            .try_with(|l| l.try_borrow_mut().ok().and_then(|mut l| l.pop()))
            .ok()
            .flatten()
        {
            drop_now(next);
        }
    }
    DEPTH.set(depth);
}

fn drop_now(c: Contents) {
    match c {
        Contents::Items(items) => drop(items),
        Contents::Table(t) => drop(t),
    }
}

// `DictObj` lives in `dict.rs`; its `Drop` is here, with the rest of the trashcan.
impl Drop for DictObj {
    fn drop(&mut self) {
        if self.is_empty() {
            return;
        }
        let table = std::mem::take(&mut *self.lock());
        drop_contents(Contents::Table(table));
    }
}
