//! The virtual machine: frames, the dispatch loop, calls, operators and the object protocol.
//!
//! One `Vm` per OS thread; they share an `Interp` (modules, builtins, the GIL). A call to a gil
//! function pushes a `Frame` on the `Vm`'s own frame stack instead of recursing in Rust, so deep
//! gil recursion raises `RecursionError` rather than overflowing the Rust stack.

pub mod asyncgen;
pub mod attr;
pub mod call;
pub mod convert;
pub mod errors;
pub mod frame;
pub mod generator;
pub mod hashing;
pub mod import;
pub mod interp;
pub mod iter;
pub mod ops;
pub mod protocol;
pub mod run;
pub mod stack;
pub mod traceback;
pub mod types;
pub mod waits;

use std::any::Any;
use std::sync::Arc;

use crate::bytecode::Code;
use crate::objects::native::NativeObj;
use crate::objects::{ClassObj, Value};

pub use errors::PyErr;
pub use interp::Interp;

pub type PyResult<T> = Result<T, PyErr>;

/// Per-thread interpreter state.
pub struct Vm {
    pub interp: Arc<Interp>,
    /// The callers of the frame currently executing (which lives in a local of `run`).
    /// Boxed so that switching frames moves a pointer, not the whole frame.
    #[allow(clippy::vec_box)]
    pub(crate) frames: Vec<Box<frame::Frame>>,
    /// Exceptions being handled (`except` blocks entered and not yet left), innermost last.
    pub(crate) exc_stack: Vec<Value>,
    /// Nested `execute` calls and levels of native recursion over nested data (`nested`);
    /// with `frames.len()`, what the recursion limit counts.
    pub(crate) depth: usize,
    /// `stack::limit()` of this Vm's thread: native recursion stops above this address.
    pub(crate) stack_limit: usize,
    /// Set by a bare `raise`: the current frame is already in the traceback.
    pub(crate) reraising: bool,
    /// Recycled frames, so a call allocates nothing in the steady state.
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: Vec<Box<frame::Frame>>,
    pub thread: Arc<crate::gil::ThreadState>,
    /// Containers being `repr`-ed on this thread, to print `[...]` for cycles.
    pub(crate) repr_guard: Vec<usize>,
    /// The code and instruction of the current frame when it called a native function, so
    /// that natives (deadlock reports, warnings) can tell where they were called from.
    pub(crate) site: Option<(Arc<Code>, usize)>,
    /// Per-thread cache of global and builtin lookups (`LoadGlobal`), validated by the
    /// namespaces' versions. Empty until the thread first loads a global.
    pub(crate) global_cache: Vec<Option<GlobalCacheEntry>>,
    /// Per-thread cache of methods of built-in types, keyed by (class, name) addresses.
    pub(crate) method_cache: Vec<MethodCacheEntry>,
    /// Profiling this thread (`--profile`, `cProfile`): tested once per frame switch or
    /// native call, never per instruction.
    pub(crate) profiling: bool,
    /// The profile being recorded (see `crate::profile`).
    pub(crate) prof: Option<Box<crate::profile::ThreadProfile>>,
    /// Entries evicted from the cache since it last grew.
    pub(crate) global_cache_evictions: u32,
    /// The same for the method cache.
    pub(crate) method_cache_evictions: u32,
}

/// One cached `LoadGlobal` result. Holding the `Arc`s keeps their addresses from being
/// reused while the entry exists, so pointer equality identifies them.
pub(crate) struct GlobalCacheEntry {
    pub code: Arc<Code>,
    pub idx: u32,
    pub globals: Arc<crate::objects::DictObj>,
    pub gver: u64,
    pub bver: u64,
    pub value: Value,
}

pub(crate) const GLOBAL_CACHE_SIZE: usize = 512;
pub(crate) const METHOD_CACHE_SIZE: usize = 256;
/// The size of the method cache when a thread first uses it (it grows to METHOD_CACHE_SIZE).
pub(crate) const METHOD_CACHE_MIN: usize = 16;

type MethodCacheEntry = Option<((usize, usize), Arc<crate::objects::StrObj>, Value)>;
/// The size of the global cache when a thread first uses it (it grows to GLOBAL_CACHE_SIZE).
pub(crate) const GLOBAL_CACHE_MIN: usize = 4;

/// A code object stored as a constant (the operand of `MakeFunction`).
pub struct CodeConst(pub Arc<Code>);

impl NativeObj for CodeConst {
    fn class(&self) -> Arc<ClassObj> {
        types::types().code.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Vm {
    pub fn new(interp: Arc<Interp>, thread: Arc<crate::gil::ThreadState>) -> Vm {
        let prof = crate::profile::for_new_thread();
        Vm {
            profiling: prof.is_some(),
            prof,
            interp,
            frames: Vec::new(),
            exc_stack: Vec::new(),
            depth: 0,
            stack_limit: stack::limit(),
            reraising: false,
            frame_pool: Vec::new(),
            thread,
            repr_guard: Vec::new(),
            site: None,
            global_cache: Vec::new(),
            global_cache_evictions: 0,
            method_cache: Vec::new(),
            method_cache_evictions: 0,
        }
    }
}

impl Vm {
    /// True when the native stack is nearly used up (see `stack`): do not recurse further.
    #[inline(always)]
    pub(crate) fn stack_low(&self) -> bool {
        stack::sp() < self.stack_limit
    }

    /// Runs `f` one level deeper in a native recursion over nested data or re-entry:
    /// CPython's `Py_EnterRecursiveCall(what)`. The level counts against the recursion limit
    /// together with gil frames, and the native stack must have room for it; otherwise
    /// `RecursionError: maximum recursion depth exceeded{what}`.
    #[inline]
    pub(crate) fn nested<T>(
        &mut self,
        what: &'static str,
        f: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        if self.depth + self.frames.len() >= self.interp.recursion_limit() || self.stack_low() {
            return Err(PyErr::recursion_error_while(what));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Like `nested` but bounded by the native stack only, for recursions CPython does not
    /// count (`hash` of nested tuples, dropping, ...).
    #[inline]
    pub(crate) fn stack_check(&self, what: &'static str) -> PyResult<()> {
        if self.stack_low() {
            return Err(PyErr::recursion_error_while(what));
        }
        Ok(())
    }
}

/// Stack size of every `threading.Thread` (reserved, not committed, by the OS): CPython's
/// 8 MB, which glibc's stack cache keeps for the next thread. Native recursion is bounded by
/// the recursion limit and by the stack guard (`stack`); at the default limit the deepest
/// native re-entry (about 1,050 levels of 4-6 KB: `__repr__`, `__eq__`, properties, `map`,
/// ...) needs under 6 MB (`tests/scripts/recursion/`).
pub const THREAD_STACK: usize = 8 * 1024 * 1024;

/// Stack size of the main thread (one per process, so its size costs nothing per thread):
/// scripts that raise the recursion limit get deep re-entry there as before.
pub const MAIN_STACK: usize = 512 * 1024 * 1024;
