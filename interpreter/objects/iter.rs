//! Iterators over built-in containers (`iter([1, 2])`, `iter(range(3))`, dict views, ...).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use super::{DictObj, ListObj, SetObj, StrObj, Value};

pub enum IterObj {
    /// Lock-free: `for i in range(n)` is the hottest loop there is.
    Range {
        next: AtomicI64,
        stop: i64,
        step: i64,
    },
    List {
        list: Arc<ListObj>,
        pos: Mutex<usize>,
    },
    /// Tuples, and snapshots of anything else.
    Seq {
        items: Arc<super::value::TupleItems>,
        pos: Mutex<usize>,
    },
    Str {
        s: Arc<StrObj>,
        /// Byte position.
        pos: Mutex<usize>,
    },
    Bytes {
        b: Arc<Vec<u8>>,
        pos: Mutex<usize>,
    },
    Dict {
        dict: Arc<DictObj>,
        kind: DictIterKind,
        pos: Mutex<usize>,
        version: u64,
        len: usize,
    },
    Set {
        set: Arc<SetObj>,
        pos: Mutex<usize>,
        len: usize,
    },
    /// `reversed(list)`
    ReversedList {
        list: Arc<ListObj>,
        /// Next index + 1 (0 = done).
        pos: Mutex<usize>,
    },
    /// `iter(obj)` where `obj` only has `__getitem__`: calls it with 0, 1, 2, ... until IndexError.
    GetItem {
        obj: Value,
        pos: Mutex<i64>,
    },
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
        done: Mutex<bool>,
    },
    /// Built-in lazy iterators whose state is gil values: map, filter, zip, enumerate.
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Enumerate {
        iter: Value,
        count: Mutex<Value>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

impl IterObj {
    pub fn range(start: i64, stop: i64, step: i64) -> IterObj {
        IterObj::Range {
            next: AtomicI64::new(start),
            stop,
            step,
        }
    }

    /// The next value of a range iterator; `None` when exhausted.
    #[inline]
    pub fn range_next(next: &AtomicI64, stop: i64, step: i64) -> Option<i64> {
        let cur = next.load(Ordering::Relaxed);
        if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
            next.store(cur.saturating_add(step), Ordering::Relaxed);
            Some(cur)
        } else {
            None
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            IterObj::Range { .. } => "range_iterator",
            IterObj::List { .. } => "list_iterator",
            IterObj::Seq { .. } => "tuple_iterator",
            IterObj::Str { .. } => "str_ascii_iterator",
            IterObj::Bytes { .. } => "bytes_iterator",
            IterObj::Dict { kind, .. } => match kind {
                DictIterKind::Keys => "dict_keyiterator",
                DictIterKind::Values => "dict_valueiterator",
                DictIterKind::Items => "dict_itemiterator",
            },
            IterObj::Set { .. } => "set_iterator",
            IterObj::ReversedList { .. } => "list_reverseiterator",
            IterObj::GetItem { .. } => "iterator",
            IterObj::Callable { .. } => "callable_iterator",
            IterObj::Map { .. } => "map",
            IterObj::Filter { .. } => "filter",
            IterObj::Zip { .. } => "zip",
            IterObj::Enumerate { .. } => "enumerate",
        }
    }
}
