//! The per-thread handle: identity, the flags the lock keeps per thread, and
//! the thread's accounting record and event buffer.

use super::events::{EventBuffer, StepBuffer, ThreadPhase};
use super::stats::{Accounting, ThreadStats};
use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering::Relaxed};
use std::sync::OnceLock;
use std::time::Instant;

/// One interpreter thread, as the GIL knows it.
///
/// Created by [`Gil::register_thread`](super::Gil::register_thread) and
/// passed (by reference) to every lock call made on that thread. The GIL
/// keeps an `Arc` to it so that its figures survive the thread; call
/// [`Gil::unregister_thread`](super::Gil::unregister_thread) when the thread ends.
#[derive(Debug)]
pub struct ThreadState {
    id: u32,
    name: String,
    native_id: OnceLock<Option<u64>>,
    std_id: OnceLock<std::thread::ThreadId>,
    /// An asynchronous exception (Ctrl-C) is pending for this thread.
    pub(crate) interrupt: AtomicBool,
    /// A watchdog asked this thread to report its current line at its next check point.
    pub(crate) sample: AtomicBool,
    /// Check points seen since the last acquisition (ticks policy only).
    pub(crate) ticks: AtomicU32,
    /// Priority policy: the thread last gave the lock up voluntarily.
    pub(crate) io_bound: AtomicBool,
    pub(crate) acct: Mutex<Accounting>,
    pub(crate) events: EventBuffer,
    /// Event-loop steps run on this thread (`Gil::loop_step_begin`).
    pub(crate) steps: StepBuffer,
    /// `Gil::interruptible_sleep` waits on this; `request_interrupt` wakes it.
    pub(crate) sleep_lock: Mutex<()>,
    pub(crate) sleep_cond: Condvar,
}

impl ThreadState {
    pub(crate) fn new(id: u32, name: String, now: Instant) -> Self {
        ThreadState {
            id,
            name,
            native_id: OnceLock::new(),
            std_id: OnceLock::new(),
            interrupt: AtomicBool::new(false),
            sample: AtomicBool::new(false),
            ticks: AtomicU32::new(0),
            io_bound: AtomicBool::new(false),
            acct: Mutex::new(Accounting::new(now)),
            events: EventBuffer::default(),
            steps: StepBuffer::default(),
            sleep_lock: Mutex::new(()),
            sleep_cond: Condvar::new(),
        }
    }

    /// Small integer id, in registration order from 0.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The name given at registration.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The OS thread id of the thread that first acquired the GIL with this
    /// handle (Linux only; `None` before that or elsewhere).
    pub fn native_id(&self) -> Option<u64> {
        self.native_id.get().copied().flatten()
    }

    /// The Rust thread id, once the thread has acquired the GIL.
    pub fn std_thread_id(&self) -> Option<std::thread::ThreadId> {
        self.std_id.get().copied()
    }

    /// Whether the priority policy currently counts this thread as I/O-bound.
    pub fn is_io_bound(&self) -> bool {
        self.io_bound.load(Relaxed)
    }

    /// What the thread is doing now.
    pub fn phase(&self) -> ThreadPhase {
        self.acct.lock().phase
    }

    /// Records the identity of the calling thread (first call only).
    pub(crate) fn bind_current_thread(&self) {
        if self.std_id.get().is_none() {
            let _ = self.std_id.set(std::thread::current().id());
            let _ = self.native_id.set(current_native_id());
        }
    }

    /// Ends the current phase at `now` and starts `next`, recording an
    /// event if `record` is set.
    pub(crate) fn enter(&self, next: ThreadPhase, now: Instant, record: bool) {
        self.acct.lock().enter(next, now);
        if record {
            self.events.push(now, next);
        }
    }

    pub(crate) fn figures(&self, now: Instant) -> ThreadStats {
        self.acct
            .lock()
            .figures(now, self.id, &self.name, self.native_id())
    }
}

/// The OS id of the calling thread, read without `unsafe` from the
/// `/proc/thread-self` link (`<pid>/task/<tid>`). Called once per thread.
fn current_native_id() -> Option<u64> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}
