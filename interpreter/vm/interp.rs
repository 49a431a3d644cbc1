//! State shared by every thread of one interpreter: modules, builtins, settings, the GIL.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::objects::{BuiltinFn, DictObj, Value};

pub struct Interp {
    pub builtins: Arc<DictObj>,
    /// `sys.modules`.
    pub modules: Arc<DictObj>,
    /// The `__build_class__` built-in, pushed by `LoadBuildClass`.
    pub build_class: Value,
    recursion_limit: AtomicUsize,
    pub argv: Mutex<Vec<String>>,
    /// The directory of the main script: searched for imports after the stdlib.
    pub main_dir: Mutex<Option<PathBuf>>,
    pub gil: crate::gil::Gil,
    /// Threads waiting with no timeout, for deadlock detection.
    pub waits: Arc<super::waits::WaitRegistry>,
}

impl Interp {
    pub fn new(argv: Vec<String>, gil: crate::gil::Gil) -> Arc<Interp> {
        let builtins = Arc::new(DictObj::new());
        let build_class = Value::Builtin(Arc::new(BuiltinFn {
            name: "__build_class__",
            func: |vm, args, kw| vm.build_class(args, kw),
            owner: None,
            binding: crate::objects::function::Binding::Static,
        }));
        let interp = Arc::new(Interp {
            builtins,
            modules: Arc::new(DictObj::new()),
            build_class,
            recursion_limit: AtomicUsize::new(1000),
            argv: Mutex::new(argv),
            main_dir: Mutex::new(None),
            gil,
            waits: Arc::new(Default::default()),
        });
        interp
            .waits
            .live
            .store(1, std::sync::atomic::Ordering::Relaxed);
        crate::builtins::fill_builtins(&interp);
        interp
    }

    #[inline]
    pub fn recursion_limit(&self) -> usize {
        self.recursion_limit.load(Ordering::Relaxed)
    }

    pub fn set_recursion_limit(&self, n: usize) {
        self.recursion_limit.store(n, Ordering::Relaxed);
    }
}
