//! Accounting: exact, always on, and cheap.
//!
//! Time is only measured at state changes (acquire, release, entering and
//! leaving a blocking call, forced drops), never per instruction. Each
//! thread has an [`Accounting`] record behind its own mutex, touched by its
//! own thread at state changes and by `snapshot`/`reset_stats`; the time
//! spent in the current phase is added to the right bucket when the phase
//! ends, and a snapshot adds the phase still in progress, so the figures are
//! exact at the moment they are read.
//!
//! Thread CPU time is not recorded here: it needs
//! `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` through `libc`, which is not a
//! direct dependency of this crate (and would be the only `unsafe`); the VM
//! can add it.

use super::events::ThreadPhase;
use super::policy::Policy;
use std::time::{Duration, Instant};

/// Time spent released inside one kind of blocking call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedCallStats {
    /// The name the VM gave to `allow_threads` (`"time.sleep"`, ...).
    pub call: &'static str,
    /// How many such calls were made.
    pub count: u64,
    /// Total time inside them (the GIL released).
    pub total: Duration,
}

/// The figures of one thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadStats {
    /// Small integer id, in registration order from 0.
    pub id: u32,
    /// The name given at registration.
    pub name: String,
    /// The OS thread id (Linux `gettid`), once the thread has acquired the GIL.
    pub native_id: Option<u64>,
    /// Whether the thread has been unregistered.
    pub finished: bool,
    /// What the thread was doing when the snapshot was taken.
    pub phase: ThreadPhase,
    /// Time holding the GIL and running bytecode.
    pub running: Duration,
    /// Time waiting to acquire the GIL (including forced-switch waits).
    pub waiting: Duration,
    /// The longest single wait for the GIL.
    pub longest_wait: Duration,
    /// Time released inside blocking calls, all names together.
    pub blocked: Duration,
    /// Time released inside blocking calls, by call name, in order of first use.
    pub blocked_calls: Vec<BlockedCallStats>,
    /// Number of times the thread started running bytecode (acquisitions).
    pub acquisitions: u64,
    /// Times the thread had to give the lock up at a check point (drop
    /// request under `interval`/`priority`, tick count under `ticks`).
    pub forced_drops: u64,
    /// Times the thread gave the lock up for a blocking call.
    pub voluntary_drops: u64,
}

/// A snapshot of the whole GIL.
#[derive(Clone, Debug, PartialEq)]
pub struct GilStats {
    /// The policy of this GIL.
    pub policy: Policy,
    /// The switch interval, in seconds.
    pub switch_interval: f64,
    /// The check interval (ticks policy), in check points.
    pub check_interval: u32,
    /// Time since the GIL was created or the stats were last reset.
    pub elapsed: Duration,
    /// Times the lock passed to a different thread than its last holder.
    pub switches: u64,
    /// Times a waiter asked the holder to drop the lock (drop requests set).
    pub drop_requests: u64,
    /// Threads executing bytecode right now.
    pub running_now: usize,
    /// The most threads ever executing bytecode at the same moment since the
    /// last reset. Always 1 (or 0) under a locking policy; may exceed 1 under
    /// `off`. Counted mechanically (an atomic counter incremented after
    /// acquiring and decremented before releasing), so it would show a
    /// broken lock.
    pub max_running: usize,
    /// Every thread registered since the last reset (finished ones too), by id.
    pub threads: Vec<ThreadStats>,
}

impl GilStats {
    /// The figures of the thread with this id.
    pub fn thread(&self, id: u32) -> Option<&ThreadStats> {
        self.threads.iter().find(|t| t.id == id)
    }

    /// The figures of the first thread with this name.
    pub fn thread_named(&self, name: &str) -> Option<&ThreadStats> {
        self.threads.iter().find(|t| t.name == name)
    }
}

impl ThreadStats {
    /// Total time inside blocking calls of this name.
    pub fn blocked_in(&self, call: &str) -> Duration {
        self.blocked_calls
            .iter()
            .find(|b| b.call == call)
            .map_or(Duration::ZERO, |b| b.total)
    }
}

/// The mutable per-thread accounting record (behind the thread's mutex).
#[derive(Debug)]
pub(crate) struct Accounting {
    pub(crate) phase: ThreadPhase,
    since: Instant,
    running: Duration,
    waiting: Duration,
    longest_wait: Duration,
    blocked_calls: Vec<BlockedCallStats>,
    pub(crate) acquisitions: u64,
    pub(crate) forced_drops: u64,
    pub(crate) voluntary_drops: u64,
}

impl Accounting {
    pub(crate) fn new(now: Instant) -> Self {
        Accounting {
            phase: ThreadPhase::Idle,
            since: now,
            running: Duration::ZERO,
            waiting: Duration::ZERO,
            longest_wait: Duration::ZERO,
            blocked_calls: Vec::new(),
            acquisitions: 0,
            forced_drops: 0,
            voluntary_drops: 0,
        }
    }

    /// Ends the current phase at `now`, crediting its time, and starts `next`.
    pub(crate) fn enter(&mut self, next: ThreadPhase, now: Instant) {
        let spent = now.saturating_duration_since(self.since);
        self.credit(spent);
        match next {
            ThreadPhase::Running => self.acquisitions += 1,
            ThreadPhase::Blocked(call) => self.blocked_entry(call).count += 1,
            _ => {}
        }
        self.phase = next;
        self.since = now;
    }

    fn credit(&mut self, spent: Duration) {
        match self.phase {
            ThreadPhase::Running => self.running += spent,
            ThreadPhase::WaitingForGil => {
                self.waiting += spent;
                self.longest_wait = self.longest_wait.max(spent);
            }
            ThreadPhase::Blocked(call) => self.blocked_entry(call).total += spent,
            ThreadPhase::Idle | ThreadPhase::Exited => {}
        }
    }

    fn blocked_entry(&mut self, call: &'static str) -> &mut BlockedCallStats {
        // A linear search: a thread uses a handful of call names.
        let i = match self.blocked_calls.iter().position(|b| b.call == call) {
            Some(i) => i,
            None => {
                self.blocked_calls.push(BlockedCallStats {
                    call,
                    count: 0,
                    total: Duration::ZERO,
                });
                self.blocked_calls.len() - 1
            }
        };
        &mut self.blocked_calls[i]
    }

    /// Zeroes every figure; the phase in progress restarts at `now`.
    pub(crate) fn reset(&mut self, now: Instant) {
        *self = Accounting {
            phase: self.phase,
            ..Accounting::new(now)
        };
    }

    /// The figures as of `now`, including the phase in progress.
    pub(crate) fn figures(
        &self,
        now: Instant,
        id: u32,
        name: &str,
        native_id: Option<u64>,
    ) -> ThreadStats {
        let mut current = Accounting {
            phase: self.phase,
            since: self.since,
            running: self.running,
            waiting: self.waiting,
            longest_wait: self.longest_wait,
            blocked_calls: self.blocked_calls.clone(),
            acquisitions: self.acquisitions,
            forced_drops: self.forced_drops,
            voluntary_drops: self.voluntary_drops,
        };
        current.credit(now.saturating_duration_since(self.since));
        ThreadStats {
            id,
            name: name.to_string(),
            native_id,
            finished: self.phase == ThreadPhase::Exited,
            phase: self.phase,
            running: current.running,
            waiting: current.waiting,
            longest_wait: current.longest_wait,
            blocked: current.blocked_calls.iter().map(|b| b.total).sum(),
            blocked_calls: current.blocked_calls,
            acquisitions: current.acquisitions,
            forced_drops: current.forced_drops,
            voluntary_drops: current.voluntary_drops,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_credited_to_their_buckets() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut a = Accounting::new(t0);
        a.enter(ThreadPhase::WaitingForGil, t0);
        a.enter(ThreadPhase::Running, t0 + ms(2));
        a.enter(ThreadPhase::Blocked("time.sleep"), t0 + ms(5));
        a.enter(ThreadPhase::WaitingForGil, t0 + ms(15));
        a.enter(ThreadPhase::Running, t0 + ms(16));
        a.enter(ThreadPhase::Blocked("time.sleep"), t0 + ms(17));
        let s = a.figures(t0 + ms(20), 3, "t", None);
        assert_eq!(s.running, ms(4));
        assert_eq!(s.waiting, ms(3));
        assert_eq!(s.longest_wait, ms(2));
        assert_eq!(s.blocked, ms(13));
        assert_eq!(s.blocked_in("time.sleep"), ms(13));
        assert_eq!(s.blocked_calls[0].count, 2);
        assert_eq!(s.acquisitions, 2);
        assert_eq!(s.phase, ThreadPhase::Blocked("time.sleep"));
        a.reset(t0 + ms(20));
        let s = a.figures(t0 + ms(21), 3, "t", None);
        assert_eq!(s.blocked, ms(1));
        assert_eq!(s.acquisitions, 0);
    }
}
