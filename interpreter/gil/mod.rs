//! Placeholder until the real lock lands (merged from the `gil` branch).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub struct ThreadState {
    pub name: String,
}

pub struct Gil {
    breaker: AtomicBool,
}

impl Gil {
    pub fn new() -> Gil {
        Gil {
            breaker: AtomicBool::new(false),
        }
    }
    pub fn register_thread(&self, name: String) -> Arc<ThreadState> {
        Arc::new(ThreadState { name })
    }
    #[inline]
    pub fn should_yield(&self) -> bool {
        self.breaker.load(Ordering::Relaxed)
    }
    pub fn yield_now(&self, _ts: &ThreadState) {}
    pub fn take_interrupt(&self, _ts: &ThreadState) -> bool {
        false
    }
    pub fn allow_threads<R>(&self, _ts: &ThreadState, _call: &'static str, f: impl FnOnce() -> R) -> R {
        f()
    }
}

impl Default for Gil {
    fn default() -> Self {
        Self::new()
    }
}
