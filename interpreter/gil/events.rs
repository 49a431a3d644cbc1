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

/// One step of an event loop (one task advanced, or one callback run) on
/// one thread, recorded by [`Gil::loop_step_begin`](super::Gil::loop_step_begin)
/// and [`Gil::loop_step_end`](super::Gil::loop_step_end) while events are on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopStep {
    /// What ran: `task 'NAME'` or `callback NAME()`.
    pub name: String,
    /// Time since [`process_start`].
    pub start: Duration,
    /// `None` while the step is still running.
    pub end: Option<Duration>,
}

/// The loop steps of one thread, as returned by `take_loop_steps`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoopSteps {
    /// The thread's small id (see `ThreadState::id`).
    pub thread: u32,
    /// The thread's name.
    pub name: String,
    /// Its steps since the last collection, oldest first; they never overlap.
    pub steps: Vec<LoopStep>,
}

/// A per-thread buffer of loop steps (only its own thread appends), and the
/// sums `--diagnose` keeps of them.
#[derive(Debug, Default)]
pub(crate) struct StepBuffer {
    steps: Mutex<Vec<LoopStep>>,
    pub(crate) acct: super::loop_acct::LoopAcct,
}

impl StepBuffer {
    pub(crate) fn begin(&self, now: Instant, name: &str) {
        let start = now.saturating_duration_since(process_start());
        let mut steps = self.steps.lock();
        if let Some(last) = steps.last_mut() {
            // A step left open (the loop died in it) ends where the next begins.
            last.end.get_or_insert(start);
        }
        steps.push(LoopStep {
            name: name.to_string(),
            start,
            end: None,
        });
    }

    pub(crate) fn end(&self, now: Instant) {
        let at = now.saturating_duration_since(process_start());
        if let Some(last) = self.steps.lock().last_mut() {
            last.end.get_or_insert(at);
        }
    }

    /// Takes every buffered step (a running one is drawn up to the end of
    /// the picture; its end is then not recorded).
    pub(crate) fn take(&self) -> Vec<LoopStep> {
        std::mem::take(&mut *self.steps.lock())
    }

    pub(crate) fn clear(&self) {
        self.steps.lock().clear();
    }
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
