//! State-change events, for drawing a timeline of who held the GIL.
//!
//! Recording is off by default ([`Gil::enable_events`](super::Gil::enable_events)).
//! When it is on, every state change of a thread (the same moments at which
//! the accounting takes its timestamps) appends one [`Event`] to that
//! thread's own buffer. A buffer is a `Mutex<Vec<Event>>` that only its own
//! thread touches, except when [`Gil::take_events`](super::Gil::take_events)
//! collects it, so the mutex is uncontended.
//!
//! An event marks the *start* of a state; the state lasts until the next
//! event of the same thread. Timestamps are durations since
//! [`process_start`], so events of different threads (and of different
//! `Gil`s) share one time axis.

use parking_lot::Mutex;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// What a thread is doing, as far as the GIL is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ThreadPhase {
    /// Registered but not (yet / any more) trying to run bytecode.
    Idle,
    /// Waiting to acquire the GIL (including the forced-switch wait after a
    /// drop request).
    WaitingForGil,
    /// Holding the GIL and running bytecode (under `off`: running bytecode).
    Running,
    /// Inside a blocking call that released the GIL, named by the VM
    /// (`"time.sleep"`, `"Lock.acquire"`, `"Thread.join"`, ...).
    Blocked(&'static str),
    /// The thread has been unregistered; its last event.
    Exited,
}

impl ThreadPhase {
    /// A short label, e.g. for a timeline legend.
    pub fn label(self) -> &'static str {
        match self {
            ThreadPhase::Idle => "idle",
            ThreadPhase::WaitingForGil => "waiting",
            ThreadPhase::Running => "running",
            ThreadPhase::Blocked(call) => call,
            ThreadPhase::Exited => "exited",
        }
    }
}

/// One state change of one thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Time since [`process_start`].
    pub at: Duration,
    /// The state the thread entered at `at`.
    pub phase: ThreadPhase,
}

/// The events of one thread, as returned by `take_events`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadEvents {
    /// The thread's small id (see `ThreadState::id`).
    pub thread: u32,
    /// The thread's name.
    pub name: String,
    /// Its events since the last collection, oldest first.
    pub events: Vec<Event>,
}

/// The origin of event timestamps: fixed the first time it is asked for
/// (creating a `Gil` asks for it).
pub fn process_start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// A per-thread event buffer.
#[derive(Debug, Default)]
pub(crate) struct EventBuffer {
    events: Mutex<Vec<Event>>,
}

impl EventBuffer {
    /// Appends an event stamped `now`.
    pub(crate) fn push(&self, now: Instant, phase: ThreadPhase) {
        let at = now.saturating_duration_since(process_start());
        self.events.lock().push(Event { at, phase });
    }

    /// Takes every buffered event, leaving the buffer empty.
    pub(crate) fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock())
    }

    /// Drops every buffered event.
    pub(crate) fn clear(&self) {
        self.events.lock().clear();
    }
}
