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
    /// Nested `execute` calls plus frames: what the recursion limit counts.
    pub(crate) depth: usize,
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

/// Stack size of every thread that runs gil code (reserved, not committed, by the OS).
pub const THREAD_STACK: usize = 512 * 1024 * 1024;
