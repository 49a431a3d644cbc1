//! The global interpreter lock, with exact accounting of who held it, who
//! waited for it and who was blocked outside it.
//!
//! This module knows nothing of bytecode or values. The VM uses it like this:
//!
//! ```
//! use gil::gil::{Gil, Policy};
//! use std::sync::Arc;
//!
//! let gil = Arc::new(Gil::new(Policy::Interval));
//! let main = gil.register_thread("MainThread");
//! gil.acquire(&main);
//! // ... at every check point (function entry, backward jump, call):
//! if gil.should_yield() && gil.yield_now(&main) {
//!     // an interrupt was pending for this thread: raise KeyboardInterrupt
//! }
//! // ... around every blocking call:
//! gil.allow_threads(&main, "time.sleep", || std::thread::sleep(std::time::Duration::from_millis(1)));
//! // ... when the thread ends:
//! gil.unregister_thread(&main); // releases the GIL if still held
//! let stats = gil.snapshot();
//! assert_eq!(stats.max_running, 1);
//! assert_eq!(stats.threads[0].blocked_calls[0].call, "time.sleep");
//! ```
//!
//! A new thread: `let ts = gil.register_thread(name)` (from any thread),
//! then on the new thread `gil.acquire(&ts)`, run, and
//! `gil.unregister_thread(&ts)`.
//!
//! Wiring notes for the VM:
//! - Check points are function entry/resume, backward jumps and calls; no
//!   check inside straight-line code (so `x = x + 1` on a global is atomic
//!   between check points, as in CPython 3.11). `should_yield` is one
//!   relaxed load; keep `yield_now` out of line.
//! - The closure given to `allow_threads` runs without the GIL: it must not
//!   touch interpreter objects (copy what it needs out first).
//! - Ctrl-C: from the signal-handling thread (e.g. a `ctrlc`-style handler
//!   thread), call `request_interrupt(&main_ts)`; the main thread sees it
//!   at its next check point (`yield_now` returns true). `allow_threads`
//!   does not cut a blocking call short: make interruptible calls (sleep)
//!   wait in slices or on a condvar, and call `take_interrupt` after them.
//! - The policy is chosen by `Gil::new` (e.g. from a `--gil` option parsed
//!   with `str::parse::<Policy>`); `set_policy` switches between the locking
//!   policies at run time (not to or from `off`). `set_switch_interval` and
//!   `set_check_interval` back `sys.setswitchinterval` and
//!   `sys.setcheckinterval` and may change at any time.
//! - A new thread: the parent calls `hand_over(&parent, &child, ..)` to give
//!   the GIL straight to the child, which then calls `acquire`.
//!
//! Files: `lock.rs` (the algorithm, explained at its top), `policy.rs`
//! (interval / ticks / priority / off), `thread.rs` (the per-thread
//! handle), `stats.rs` (the accounting and its snapshot types),
//! `events.rs` (per-thread state-change buffers for timelines),
//! `loop_acct.rs` (event-loop sums for `--diagnose`).

#![forbid(unsafe_code)]

mod events;
mod lock;
mod loop_acct;
mod policy;
mod stats;
mod thread;

#[cfg(test)]
mod tests;

pub use events::{process_start, Event, LoopStep, LoopSteps, ThreadEvents, ThreadPhase};
pub use lock::{Gil, InvalidSetting, DEFAULT_CHECK_INTERVAL, DEFAULT_SWITCH_INTERVAL};
pub use loop_acct::{
    enable as enable_loop_stats, enabled as loop_stats_enabled, LongStep, LoopStats, StepPlace,
    LONG_STEP,
};
pub use policy::{Policy, UnknownPolicy};
pub use stats::{BlockedCallStats, GilStats, ThreadStats};
pub use thread::ThreadState;

/// Compile-time proof that the shared types are `Send + Sync`.
#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Gil>();
    is::<ThreadState>();
    is::<GilStats>();
    is::<ThreadEvents>();
}
