//! The native stack guard.
//!
//! gil frames never recurse in Rust (`vm/run.rs`), but some native code does, once per level
//! of *data* or of re-entry into gil code: `repr` of a list in a list, `==` of nested
//! containers, `hash` of nested tuples, the wire encoding of nested values, a `__repr__` that
//! calls `repr` of its child (native `repr` → gil `__repr__` → native `repr` ...), the compiler
//! on nested expressions. Each such recursion is bounded twice:
//!
//! - by the recursion limit, as CPython's `Py_EnterRecursiveCall` does (`Vm::nested`: the
//!   level shares `Vm::depth` with gil frames, and the `RecursionError` carries CPython's
//!   wording, "maximum recursion depth exceeded while getting the repr of an object");
//! - by the native stack itself: when less than `RED_ZONE` bytes are left below the stack
//!   pointer, the level raises `RecursionError` instead of going deeper, whatever the
//!   recursion limit says (`sys.setrecursionlimit(10**6)` cannot overflow the stack).
//!
//! So threads can run on stacks of CPython's size (`THREAD_STACK`), which glibc caches.

use std::cell::Cell;

/// What must be left of the stack when a native recursion goes one level deeper: enough for
/// the deepest non-recursive native work (a dispatch-loop frame, formatting, a compile of a
/// bounded AST) between two checks.
pub const RED_ZONE: usize = 256 * 1024;

thread_local! {
    /// The lowest stack address this thread may reach plus `RED_ZONE`; 0 until first asked.
    static LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// The approximate stack pointer: the address of a local.
#[inline(always)]
pub fn sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The address below which this thread's stack is too low to recurse further (cached).
#[inline]
pub fn limit() -> usize {
    let l = LIMIT.get();
    if l != 0 {
        return l;
    }
    let l = stack_bottom().map_or(0, |b| b + RED_ZONE).max(1);
    LIMIT.set(l);
    l
}

/// True when the stack is nearly used up: the caller must not recurse.
#[inline]
pub fn low() -> bool {
    sp() < limit()
}

/// Bytes of stack left above the red zone (0 when inside it).
pub fn room() -> usize {
    sp().saturating_sub(limit())
}

/// The lowest usable address of the current thread's stack (above its guard page).
fn stack_bottom() -> Option<usize> {
    let mut addr: *mut libc::c_void = std::ptr::null_mut();
    let mut size: libc::size_t = 0;
    // SAFETY: `attr` is plain data, written in full by `pthread_getattr_np` before it is read
    // and destroyed exactly once after a successful call; `addr` and `size` are valid out
    // pointers to locals. `pthread_self()` is always a valid thread handle for this thread.
    let ok = unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        r == 0
    };
    if !ok || addr.is_null() || size == 0 {
        return None;
    }
    // `pthread_attr_getstack` gives the lowest address; a guard page may sit there.
    Some(addr as usize + 64 * 1024)
}
