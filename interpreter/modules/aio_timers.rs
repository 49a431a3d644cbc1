//! The event loop's timer heap (`loop._scheduled`), native.
//!
//! CPython keeps `TimerHandle`s in a list ordered by `heapq`, and gil kept `(when, seq,
//! handle)` tuples there. Here the entries sit by value in one `BinaryHeap`, `when` inline, so
//! a sift compares two floats in contiguous memory instead of following two pointers per
//! level, and scheduling a timer allocates no tuple. With 100,000 sleeping tasks every pop used to miss the cache at each of
//! ~17 levels twice (the tuples) and, with `heappop`'s locking per step, took 13 % of the time
//! the tasks spent finishing.
//!
//! Gil code sees a small object: `push(when, handle)`, `next_when()` (`None` when empty),
//! `len()` and `clear()`. Entries are pushed by `call_at` (a `TimerHandle`) and by the native
//! `asyncio.sleep` (the sleep object itself).
//!
//! Equal deadlines come out in CPython's order, which is not push order: CPython's
//! `TimerHandle.__lt__` compares `when` alone, and `BinaryHeap`'s push and pop sift exactly
//! as `heapq.heappush` and `heapq.heappop` do (pop moves the last item to the root, sinks the
//! hole to a leaf taking the right child on ties, then sifts up), so the same sequence of
//! pushes and pops leaves the same heap (golden test `asyncio/timer_heap_order`).

use std::any::Any;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::builtins::add_methods;
use crate::builtins::args::arity;
use crate::objects::class::Layout;
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};
use crate::vm::attr::downcast;
use crate::vm::types::{new_class, type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

struct Timer {
    when: f64,
    handle: Value,
}

// `BinaryHeap` is a max-heap: the earliest deadline must compare greatest.
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        other.when.total_cmp(&self.when)
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Timer {}

#[derive(Default)]
pub struct TimerHeap {
    heap: Mutex<BinaryHeap<Timer>>,
}

impl NativeObj for TimerHeap {
    fn class(&self) -> Arc<ClassObj> {
        timer_heap_class().clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl TimerHeap {
    pub fn push(&self, when: f64, handle: Value) {
        self.heap.lock().push(Timer { when, handle });
    }

    /// The earliest deadline and its handle.
    pub fn head(&self) -> Option<(f64, Value)> {
        let h = self.heap.lock();
        h.peek().map(|e| (e.when, e.handle.clone()))
    }

    /// Removes and returns the earliest handle if it is due by `end` (one lock, no clone).
    pub fn pop_due(&self, end: f64) -> Option<Value> {
        let mut h = self.heap.lock();
        // Written so that a NaN deadline is never due (it waits forever).
        let when = h.peek()?.when;
        if !matches!(
            when.partial_cmp(&end),
            Some(Ordering::Less | Ordering::Equal)
        ) {
            return None;
        }
        h.pop().map(|e| e.handle)
    }

    /// Removes the earliest entry and returns its handle.
    pub fn pop(&self) -> Option<Value> {
        self.heap.lock().pop().map(|e| e.handle)
    }

    pub fn len(&self) -> usize {
        self.heap.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every entry (the loop closes); the handles are dropped after the lock is released,
    /// since dropping a value may free objects that hold other locks.
    fn clear(&self) {
        let old = std::mem::take(&mut *self.heap.lock());
        drop(old);
    }
}

fn timer_heap_class() -> &'static Arc<ClassObj> {
    static C: OnceLock<Arc<ClassObj>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("TimerHeap", vec![types().object.clone()], Layout::Other);
        add_methods(
            &c,
            "TimerHeap",
            &[
                ("push", th_push),
                ("next_when", th_next_when),
                ("clear", th_clear),
                ("__len__", th_len),
            ],
        );
        c
    })
}

/// The timer heap `v`, or a TypeError naming what it was.
pub fn as_timer_heap(v: &Value) -> PyResult<&TimerHeap> {
    downcast::<TimerHeap>(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "loop._scheduled must be a TimerHeap, not {}",
            type_name(v)
        ))
    })
}

/// `_asyncio_poll.TimerHeap()`.
pub(super) fn new_timer_heap(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("TimerHeap", args, 0, 0)?;
    Ok(Value::Native(Arc::new(TimerHeap::default())))
}

fn th_push(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("push", args, 3, 3)?;
    let when = match &args[1] {
        Value::Float(f) => *f,
        Value::Int(n) => *n as f64,
        other => vm.to_float(other)?,
    };
    as_timer_heap(&args[0])?.push(when, args[2].clone());
    Ok(Value::None)
}

fn th_next_when(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("next_when", args, 1, 1)?;
    Ok(as_timer_heap(&args[0])?
        .head()
        .map_or(Value::None, |(w, _)| Value::Float(w)))
}

fn th_clear(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("clear", args, 1, 1)?;
    as_timer_heap(&args[0])?.clear();
    Ok(Value::None)
}

fn th_len(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("__len__", args, 1, 1)?;
    Ok(Value::Int(as_timer_heap(&args[0])?.len() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_deadline_order_ties_as_heapq() {
        let h = TimerHeap::default();
        for (w, n) in [(2.0, 1), (1.0, 2), (2.0, 3), (0.5, 4), (1.0, 5)] {
            h.push(w, Value::Int(n));
        }
        // heapq with items compared by deadline alone pops 4, 2, 5, 1, 3 here as well.
        let order: Vec<i64> = std::iter::from_fn(|| h.pop())
            .map(|v| match v {
                Value::Int(n) => n,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(order, vec![4, 2, 5, 1, 3]);
        assert!(h.is_empty());
        // Seven equal deadlines and an earlier one: heapq pops 7, 2, 6, 5, 3, 4, 0, 1.
        for n in 0..7 {
            h.push(1.0, Value::Int(n));
        }
        h.push(0.5, Value::Int(7));
        let order: Vec<i64> = std::iter::from_fn(|| h.pop())
            .map(|v| match v {
                Value::Int(n) => n,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(order, vec![7, 2, 6, 5, 3, 4, 0, 1]);
    }
}
