// The global interpreter lock: the algorithm.
// ============================================
//
// (Modelled on CPython's Python/ceval_gil.c, whose opening comment this one
// imitates. Where gil deviates from CPython it says so.)
//
// THE LOCK. The GIL is a flag `locked` (plus `holder`, `last_holder` and a
// `switch_number` counter) protected by a parking_lot `Mutex`, with a
// `Condvar` `cond` on which threads wait for the flag to clear, and a second
// `Condvar` `switch_cond` on which a thread that was asked to drop the lock
// waits until somebody else has taken it. A thread must hold the GIL to run
// bytecode. Both condition variables share the one mutex (CPython uses a
// separate `switch_mutex`; one mutex is simpler and the critical sections
// are a few instructions long).
//
// THE EVAL BREAKER. The running thread never looks at the lock while it
// runs. At its check points (function entry, backward jumps, calls) the VM
// does ONE relaxed load of the `breaker`, an `AtomicU32` bit set:
//
//     if gil.should_yield() { gil.yield_now(&ts); }
//
// The breaker is 0 almost always, so the hot path is a load and a
// predictable branch. Its bits are:
//     DROP_REQUEST  another thread asked the holder to drop the GIL;
//     TICKING       (ticks policy) some thread waits, so count check points;
//     INTERRUPT     some thread has an asynchronous exception pending
//                   (Ctrl-C for the main thread).
// Everything else happens in `yield_now`, the cold path. Bits are only
// changed with atomic read-modify-write operations, the first two under the
// mutex; the INTERRUPT bit is managed without the mutex (see
// `request_interrupt`) so that it can be set from any thread without
// blocking.
//
// THE SWITCH INTERVAL (policy `interval`, the default; CPython 3.2+). A
// thread that wants the GIL and finds it held does a timed wait on `cond`
// for the switch interval (5 ms by default; `set_switch_interval`). If the
// wait times out, the GIL is still held and `switch_number` has not changed
// (nobody took the GIL in the meantime), it sets the drop request, which
// trips the breaker. Being woken early (a release that somebody else won)
// starts a new full interval, as in CPython.
//
// ONE TIMER. CPython has every waiter do the timed wait. gil lets one
// waiter at a time (`timer`) run the interval; the others wait untimed and
// are woken one per release. With two threads this is the same thing. With
// ten thousand threads waking from a sleep at once it is the difference
// between two hundred wake-ups a second and two million: every timed-out
// waiter must relock the mutex, and the holder that wants to release it
// queues behind them (measured: 10,000 threads × `sleep(1)` took 139 s with
// a timer per waiter, against 2.5 s for CPython). A waiter leaving the
// queue while it holds the timer, or while nobody does, wakes another,
// which takes the timer up, so while anybody waits somebody times. The
// timer waits on a condvar of its own, `timer_cond`, and a release wakes
// it before anyone else: its timeout is what asked for the release. (When
// it re-parked behind the untimed waiters after setting the drop request,
// the head of the untimed queue won every release and, with three
// threads, the timer starved: the main thread never got back from
// `Thread.start` while two spinners swapped the lock.) Taking the lock, it
// passes the timer to the head of the queue, so waiters take turns. Under
// `priority` the I/O-bound waiters wait on their own condvar `io_cond`, so
// that a release wakes one of them, not all (they preempt at once, without
// the timer, unless the holder is I/O-bound too).
//
// DROP REQUESTS AND FORCED SWITCHING. At its next check point the holder
// sees the breaker, and `yield_now` drops the GIL: it clears `locked` and
// the drop request and signals `cond`. Then, because the drop was
// requested, it waits on `switch_cond` until `last_holder` is another
// thread. Without this, on a multi-core machine the dropping thread would
// usually take the lock straight back before the woken waiter has even been
// scheduled (the "GIL battle" of Python 2). A thread taking the GIL records
// itself as `last_holder`, increments `switch_number`, signals
// `switch_cond`, and clears a pending drop request (it was meant for the old
// holder). The old holder then queues for the GIL like any waiter. The
// forced-switch wait only happens if some thread is waiting, so a stale
// request can never make the holder wait for nobody.
//
// HANDING THE LOCK TO A NEW THREAD. `hand_over` is `allow_threads` for
// `Thread.start`: the parent drops the GIL *reserved* for the child it has
// just spawned (no waiter is woken: none but the child may take it), lets
// the child go, and queues for the lock again. The child takes it without
// waiting and runs until it blocks, finishes or is asked to switch, as a
// started thread does in CPython (whose `start()` waits on the child's
// `_started` event). Compared with "parent waits for a started signal,
// then for the GIL", the parent sleeps once instead of twice per start,
// and a crowd of waiters cannot delay the child's first bytecode.
//
// BLOCKING CALLS. `allow_threads` releases the GIL around a blocking call
// (sleep, read, join, acquiring a user lock...), like
// Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS: release, run the call,
// take the GIL again (as a waiter, if it is held). Together with the forced
// drop at a check point and thread exit, this is the only way a thread
// gives the GIL up. Nothing enforces fairness between waiters: the OS
// decides which woken waiter gets the mutex first.
//
// THE POLICIES.
//   interval  As above.
//   ticks     Python 2 / MicroPython / PyPy: the holder gives the lock up
//             every N check points (`set_check_interval`, default 100).
//             To keep counting off the hot path, a waiter sets the TICKING
//             bit when it starts waiting and the last waiter clears it when
//             it takes the lock. While nobody waits, check points cost the
//             usual single load; while somebody waits, every check point
//             enters `yield_now`, which counts in the thread's own
//             (uncontended) counter and, at N, drops the lock. Waiters do
//             an untimed wait: there are no drop requests. Deviation: the
//             drop is a forced switch (the holder waits until another
//             thread has the lock). Python 2 released and retook at once,
//             and on a multi-core machine the releasing thread nearly
//             always won, starving the waiter; that pathology is what the
//             3.2 rewrite fixed, and reproducing it would make `ticks`
//             useless to compare count-based with time-based switching.
//   priority  David Beazley's proposal (2010, never merged). A thread that
//             gave the lock up voluntarily (a blocking call) is I/O-bound;
//             one forced to drop it is CPU-bound (new threads start
//             CPU-bound). An I/O-bound thread that finds the lock held by
//             a CPU-bound thread sets the drop request at once, without
//             waiting an interval, so it preempts the holder at its next
//             check point; and while any I/O-bound thread waits, CPU-bound
//             waiters may not take a free lock. Otherwise as `interval`.
//   off       No GIL (free-threaded, like CPython 3.13t): acquire and
//             release only do the accounting, and threads run bytecode in
//             parallel. Drop requests never happen; the breaker only
//             carries interrupts.
//
// SWITCHING POLICIES AT RUN TIME (`set_policy`, the REPL's `:policy`). The
// policy lives in an atomic that is only written with the mutex held, and
// every decision that depends on it (may I take the lock? do I wait timed
// or untimed? do I preempt?) reads it with the mutex held, so each step of
// a waiter or holder sees one policy. The switch itself: store the new
// policy, fix the breaker (TICKING is set iff the new policy is `ticks` and
// somebody waits; a pending drop request is withdrawn when switching to
// `ticks`, which has none) and wake EVERY waiter with `notify_all`, so each
// re-reads the policy at once. Without that wake-up a waiter parked untimed
// under `ticks` would never time out under `interval` to ask for the lock.
// A waiter counts itself in `io_waiters` as it was when it started waiting
// and uncounts the same on leaving, so the counters stay balanced across a
// switch; the priority rules only consult them while the policy is
// `priority`. Switching between `off` and a locking policy is refused:
// under `off` several threads run at once and none holds the lock, so
// there is no state to switch from.
//
// ACCOUNTING. At every state change (and only there) the thread takes an
// `Instant` and moves its accounting record to the new phase (see
// stats.rs), and, if events are enabled, appends an event (events.rs). The
// global `running` counter is incremented after a thread has taken the
// lock and decremented before it gives it up, and `max_running` keeps its
// maximum with `fetch_max`: a mechanical check that the lock serializes
// (it is 1 under every locking policy and may exceed 1 under `off`).
// Accounting is done outside the lock's mutex, so it does not lengthen the
// critical sections.

use super::events::{process_start, LoopSteps, ThreadEvents, ThreadPhase};
use super::loop_acct::{enabled as loop_stats_enabled, LoopStats, StepPlace};
use super::policy::Policy;
use super::stats::GilStats;
use super::thread::ThreadState;
use parking_lot::{Condvar, Mutex, MutexGuard};
use std::fmt;
use std::sync::atomic::Ordering::{Relaxed, SeqCst};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, AtomicUsize};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Breaker bit: a waiter asked the holder to drop the GIL.
const DROP_REQUEST: u32 = 1;
/// Breaker bit (ticks policy): a thread is waiting, count check points.
const TICKING: u32 = 2;
/// Breaker bit: some thread has an asynchronous interrupt pending.
const INTERRUPT: u32 = 4;
/// Breaker bit: somebody (the asyncio loop watchdog) asked a thread to report where it is at
/// its next check point.
const SAMPLE: u32 = 8;

/// The default switch interval, as CPython: 5 ms.
pub const DEFAULT_SWITCH_INTERVAL: f64 = 0.005;
/// The default check interval of the ticks policy, as Python 2: 100.
pub const DEFAULT_CHECK_INTERVAL: u32 = 100;

/// The state protected by the mutex.
#[derive(Debug, Default)]
struct LockState {
    /// The GIL is held.
    locked: bool,
    /// The id of the thread holding it.
    holder: Option<u32>,
    /// Priority policy: the holder took it as an I/O-bound thread.
    holder_io_bound: bool,
    /// The id of the last thread that took it (kept after release).
    last_holder: Option<u32>,
    /// Incremented at every acquisition.
    switch_number: u64,
    /// Threads waiting in `take`.
    waiters: usize,
    /// Priority policy: I/O-bound threads among the waiters.
    io_waiters: usize,
    /// Mirror of the DROP_REQUEST breaker bit.
    drop_request: bool,
    /// `hand_over`: the free lock may only be taken by this thread.
    reserved_for: Option<u32>,
    /// The one waiter that runs the switch-interval timer (timed wait);
    /// the others wait untimed. See "one timer" at the top of the file.
    timer: Option<u32>,
    /// Whether the timer is an I/O-bound waiter under `priority`.
    timer_io: bool,
}

/// An invalid argument to a setter (the VM raises `ValueError`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSetting(pub &'static str);

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for InvalidSetting {}

/// The global interpreter lock. Share it as `Arc<Gil>` (or a `static`).
#[derive(Debug)]
pub struct Gil {
    /// The current policy, as an index into `Policy::ALL`; written only
    /// with `state` locked (see "switching policies" above).
    policy: AtomicU8,
    /// Fixed at creation: `off` cannot be switched on or off later.
    locking: bool,
    /// The eval breaker; see the comment at the top of this file.
    breaker: AtomicU32,
    state: Mutex<LockState>,
    /// Signalled when the GIL is released.
    cond: Condvar,
    /// The same, for I/O-bound waiters under `priority`.
    io_cond: Condvar,
    /// The timer alone waits here, so that a release can wake it in
    /// particular (see "one timer" above).
    timer_cond: Condvar,
    /// Signalled when a different thread took the GIL.
    switch_cond: Condvar,
    interval_ns: AtomicU64,
    check_interval: AtomicU32,
    pending_interrupts: AtomicUsize,
    running: AtomicUsize,
    max_running: AtomicUsize,
    switches: AtomicU64,
    drop_requests: AtomicU64,
    events_on: AtomicBool,
    threads: Mutex<Vec<Arc<ThreadState>>>,
    next_id: AtomicU32,
    stats_since: Mutex<Instant>,
}

impl Default for Gil {
    fn default() -> Self {
        Gil::new(Policy::default())
    }
}

impl Gil {
    /// A new, free GIL with this policy and the default intervals.
    pub fn new(policy: Policy) -> Self {
        process_start();
        Gil {
            policy: AtomicU8::new(policy.index()),
            locking: policy.is_locking(),
            breaker: AtomicU32::new(0),
            state: Mutex::new(LockState::default()),
            cond: Condvar::new(),
            io_cond: Condvar::new(),
            timer_cond: Condvar::new(),
            switch_cond: Condvar::new(),
            interval_ns: AtomicU64::new(secs_to_ns(DEFAULT_SWITCH_INTERVAL)),
            check_interval: AtomicU32::new(DEFAULT_CHECK_INTERVAL),
            pending_interrupts: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            max_running: AtomicUsize::new(0),
            switches: AtomicU64::new(0),
            drop_requests: AtomicU64::new(0),
            events_on: AtomicBool::new(false),
            threads: Mutex::new(Vec::new()),
            next_id: AtomicU32::new(0),
            stats_since: Mutex::new(Instant::now()),
        }
    }

    /// The current policy.
    pub fn policy(&self) -> Policy {
        Policy::from_index(self.policy.load(Relaxed))
    }

    /// Switches between the locking policies (`interval`, `ticks`,
    /// `priority`) while threads run; see "switching policies" at the top
    /// of this file. Refused between `off` and a locking policy.
    pub fn set_policy(&self, new: Policy) -> Result<(), InvalidSetting> {
        if new.is_locking() != self.locking {
            return Err(InvalidSetting(if self.locking {
                "the GIL cannot be turned off while running: start with --gil=off"
            } else {
                "the GIL cannot be turned on while running: this interpreter was started with --gil=off"
            }));
        }
        let mut st = self.state.lock();
        if self.policy() == new {
            return Ok(());
        }
        self.policy.store(new.index(), Relaxed);
        if new == Policy::Ticks {
            self.clear_drop_request(&mut st);
            if st.waiters > 0 {
                self.breaker.fetch_or(TICKING, Relaxed);
            }
        } else {
            self.breaker.fetch_and(!TICKING, Relaxed);
        }
        self.cond.notify_all();
        self.io_cond.notify_all();
        self.timer_cond.notify_all();
        Ok(())
    }

    // ----- settings ---------------------------------------------------

    /// `sys.setswitchinterval`: the time a waiter waits before asking the
    /// holder to drop the GIL (policies `interval` and `priority`).
    /// Takes effect at the next wait. Must be finite and > 0.
    pub fn set_switch_interval(&self, secs: f64) -> Result<(), InvalidSetting> {
        if !(secs.is_finite() && secs > 0.0) {
            return Err(InvalidSetting("switch interval must be strictly positive"));
        }
        self.interval_ns.store(secs_to_ns(secs).max(1), Relaxed);
        Ok(())
    }

    /// `sys.getswitchinterval`, in seconds (default 0.005).
    pub fn switch_interval(&self) -> f64 {
        self.interval_ns.load(Relaxed) as f64 * 1e-9
    }

    /// `sys.setcheckinterval`: check points between drops under `ticks`
    /// (0 is taken as 1).
    pub fn set_check_interval(&self, n: u32) {
        self.check_interval.store(n.max(1), Relaxed);
    }

    /// The check interval of the ticks policy (default 100).
    pub fn check_interval(&self) -> u32 {
        self.check_interval.load(Relaxed)
    }

    // ----- threads ----------------------------------------------------

    /// Registers a thread; call it once per interpreter thread (from any
    /// thread), and pass the handle to every call made on that thread.
    /// Ids are small integers in registration order from 0. The GIL keeps
    /// the handle until `reset_stats` after the thread was unregistered.
    pub fn register_thread(&self, name: impl Into<String>) -> Arc<ThreadState> {
        let id = self.next_id.fetch_add(1, Relaxed);
        let now = Instant::now();
        let ts = Arc::new(ThreadState::new(id, name.into(), now));
        if self.events_on.load(Relaxed) {
            ts.events.push(now, ThreadPhase::Idle);
        }
        self.threads.lock().push(Arc::clone(&ts));
        ts
    }

    /// Marks the thread as finished, releasing the GIL first if it still
    /// holds it. Its figures stay in `snapshot` until `reset_stats`.
    pub fn unregister_thread(&self, ts: &ThreadState) {
        if ts.phase() == ThreadPhase::Running {
            self.release(ts);
        }
        self.take_interrupt(ts);
        ts.enter(ThreadPhase::Exited, Instant::now(), self.recording());
    }

    /// The registered thread with this id, if it has not been dropped by
    /// `reset_stats`.
    pub fn thread(&self, id: u32) -> Option<Arc<ThreadState>> {
        self.threads.lock().iter().find(|t| t.id() == id).cloned()
    }

    /// Whether `ts` is running bytecode (under a locking policy: holds the GIL).
    pub fn holds_gil(&self, ts: &ThreadState) -> bool {
        if self.locking {
            self.state.lock().holder == Some(ts.id())
        } else {
            ts.phase() == ThreadPhase::Running
        }
    }

    // ----- acquire and release -----------------------------------------

    /// Takes the GIL for `ts` (a new thread before its first bytecode),
    /// waiting as the policy says. Also records the calling thread's
    /// identity in `ts`. Panics if `ts` already holds it.
    pub fn acquire(&self, ts: &ThreadState) {
        ts.bind_current_thread();
        assert!(
            ts.phase() != ThreadPhase::Running,
            "gil: thread {} acquires the GIL twice",
            ts.id()
        );
        self.take_and_account(ts);
    }

    /// Gives the GIL up for good (thread exit, or before the VM blocks in a
    /// way that does not go through `allow_threads`). Panics if `ts` does
    /// not hold it.
    pub fn release(&self, ts: &ThreadState) {
        let now = Instant::now();
        self.stop_running(ts);
        // Account before the lock goes: once it is free, another thread may
        // take a snapshot, which must not see this one still running.
        ts.enter(ThreadPhase::Idle, now, self.recording());
        if self.locking {
            let mut st = self.state.lock();
            self.assert_holder(&st, ts);
            self.drop_locked(&mut st);
        }
    }

    /// Runs a blocking call with the GIL released: release, run `f`, take
    /// the GIL back (also if `f` panics), and account the time between
    /// release and the attempt to retake under `call` (`"time.sleep"`,
    /// `"Lock.acquire"`, `"Thread.join"`...). Under `priority` this marks
    /// the thread I/O-bound. `ts` must hold the GIL.
    pub fn allow_threads<R>(
        &self,
        ts: &ThreadState,
        call: &'static str,
        f: impl FnOnce() -> R,
    ) -> R {
        let now = Instant::now();
        self.stop_running(ts);
        // Accounted before the lock goes (see `release`).
        {
            let mut acct = ts.acct.lock();
            acct.voluntary_drops += 1;
            acct.enter(ThreadPhase::Blocked(call), now);
        }
        if self.recording() {
            ts.events.push(now, ThreadPhase::Blocked(call));
        }
        if self.policy() == Policy::Priority {
            ts.io_bound.store(true, Relaxed);
        }
        if self.locking {
            let mut st = self.state.lock();
            self.assert_holder(&st, ts);
            self.drop_locked(&mut st);
        }

        /// Retakes the GIL when dropped, so that a panic in `f` leaves the
        /// thread holding it, as the caller expects.
        struct Retake<'a> {
            gil: &'a Gil,
            ts: &'a ThreadState,
        }
        impl Drop for Retake<'_> {
            fn drop(&mut self) {
                self.gil.take_and_account(self.ts);
            }
        }
        let _retake = Retake { gil: self, ts };
        f()
    }

    /// `allow_threads` for starting a thread: drops the GIL reserved for
    /// `child` (registered), runs `go` without the GIL (it starts the OS
    /// thread, which then calls `acquire(child)` and gets the lock at once),
    /// then queues for the GIL again. See "handing the lock to a new thread"
    /// at the top of this file. If `go` fails (no thread was started), the
    /// reservation is withdrawn.
    pub fn hand_over<R, E>(
        &self,
        ts: &ThreadState,
        child: &ThreadState,
        call: &'static str,
        go: impl FnOnce() -> Result<R, E>,
    ) -> Result<R, E> {
        if !self.locking {
            return self.allow_threads(ts, call, go);
        }
        let now = Instant::now();
        self.stop_running(ts);
        {
            let mut st = self.state.lock();
            self.assert_holder(&st, ts);
            st.locked = false;
            st.holder = None;
            st.holder_io_bound = false;
            st.reserved_for = Some(child.id());
            self.clear_drop_request(&mut st);
        }
        {
            let mut acct = ts.acct.lock();
            acct.voluntary_drops += 1;
            acct.enter(ThreadPhase::Blocked(call), now);
        }
        if self.recording() {
            ts.events.push(now, ThreadPhase::Blocked(call));
        }
        let r = go();
        if r.is_err() {
            let mut st = self.state.lock();
            if st.reserved_for == Some(child.id()) {
                st.reserved_for = None;
                if st.waiters > 0 {
                    self.wake_one(&st);
                }
            }
        }
        self.take_and_account(ts);
        r
    }

    // ----- the eval breaker ----------------------------------------------

    /// The hot-path check: one relaxed load. Call it at every check point
    /// and call [`yield_now`](Self::yield_now) when it returns true.
    #[inline(always)]
    pub fn should_yield(&self) -> bool {
        self.breaker.load(Relaxed) != 0
    }

    /// The cold path of a check point, for the thread holding the GIL.
    /// Handles a drop request (drop, forced-switch wait, take again) or,
    /// under `ticks`, counts the check point and drops every N. Returns
    /// true if an asynchronous interrupt was pending for this thread; it
    /// has then been consumed and the VM should raise it (KeyboardInterrupt).
    #[cold]
    #[inline(never)]
    pub fn yield_now(&self, ts: &ThreadState) -> bool {
        let bits = self.breaker.load(Relaxed);
        match self.policy() {
            Policy::Interval | Policy::Priority if bits & DROP_REQUEST != 0 => {
                let st = self.state.lock();
                if st.drop_request && st.holder == Some(ts.id()) {
                    self.forced_switch(ts, st);
                }
            }
            Policy::Ticks if bits & TICKING != 0 => {
                let n = ts.ticks.load(Relaxed) + 1;
                if n >= self.check_interval() {
                    ts.ticks.store(0, Relaxed);
                    let st = self.state.lock();
                    if st.waiters > 0 && st.holder == Some(ts.id()) {
                        self.forced_switch(ts, st);
                    }
                } else {
                    ts.ticks.store(n, Relaxed);
                }
            }
            _ => {}
        }
        bits & INTERRUPT != 0 && self.take_interrupt(ts)
    }

    // ----- asynchronous interrupts ------------------------------------------

    /// Marks an asynchronous exception (Ctrl-C) pending for `ts` and trips
    /// the breaker, so it costs nothing on the hot path until it happens.
    /// Lock-free (atomics only), callable from any thread. It does not wake
    /// a thread blocked inside `allow_threads`: interrupting the blocking
    /// call itself is the VM's business.
    pub fn request_interrupt(&self, ts: &ThreadState) {
        if !ts.interrupt.swap(true, SeqCst) {
            self.pending_interrupts.fetch_add(1, SeqCst);
            self.breaker.fetch_or(INTERRUPT, SeqCst);
        }
        // Cut short an `interruptible_sleep` of that thread. Taking the
        // (uncontended) sleep mutex orders this notify after the sleeper's
        // check of the flag, so the wake-up cannot be lost.
        let _guard = ts.sleep_lock.lock();
        ts.sleep_cond.notify_all();
    }

    /// Sleeps until `deadline` or until an interrupt is requested for `ts`
    /// (returns true then; the interrupt stays pending for `take_interrupt`).
    /// One wait, not a polling loop: ten thousand sleeping threads cost the
    /// machine nothing until they wake. Call it inside `allow_threads`.
    pub fn interruptible_sleep(&self, ts: &ThreadState, deadline: Instant) -> bool {
        let mut guard = ts.sleep_lock.lock();
        loop {
            if ts.interrupt.load(SeqCst) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            ts.sleep_cond.wait_until(&mut guard, deadline);
        }
    }

    /// Consumes the interrupt pending for `ts`, if any. `yield_now` already
    /// does this at check points; call it after `allow_threads` returns too.
    pub fn take_interrupt(&self, ts: &ThreadState) -> bool {
        // The relaxed load first: a thread whose breaker is tripped by
        // another thread's interrupt pays no write here.
        if !ts.interrupt.load(Relaxed) || !ts.interrupt.swap(false, SeqCst) {
            return false;
        }
        if self.pending_interrupts.fetch_sub(1, SeqCst) == 1 {
            // Clear the bit, then re-set it if an interrupt arrived since:
            // a concurrent `request_interrupt` either sees its increment
            // observed here, or sets the bit after this clear.
            self.breaker.fetch_and(!INTERRUPT, SeqCst);
            if self.pending_interrupts.load(SeqCst) > 0 {
                self.breaker.fetch_or(INTERRUPT, SeqCst);
            }
        }
        true
    }

    /// Asks `ts` to report where it is at its next check point (see `take_sample`). Lock-free,
    /// callable from any thread; costs nothing on the hot path until it happens.
    pub fn request_sample(&self, ts: &ThreadState) {
        ts.sample.store(true, SeqCst);
        self.breaker.fetch_or(SAMPLE, SeqCst);
    }

    /// Consumes a sample request for `ts`, if any (called from the slow check-point path).
    /// Requests are rare (one watchdog), so the breaker bit is simply cleared here.
    pub fn take_sample(&self, ts: &ThreadState) -> bool {
        if !ts.sample.load(Relaxed) || !ts.sample.swap(false, SeqCst) {
            return false;
        }
        self.breaker.fetch_and(!SAMPLE, SeqCst);
        true
    }

    /// Withdraws a sample request for `ts` that was not answered.
    pub fn cancel_sample(&self, ts: &ThreadState) {
        if ts.sample.swap(false, SeqCst) {
            self.breaker.fetch_and(!SAMPLE, SeqCst);
        }
    }

    /// Whether an interrupt is pending for `ts` (does not consume it).
    pub fn interrupt_pending(&self, ts: &ThreadState) -> bool {
        ts.interrupt.load(Relaxed)
    }

    // ----- statistics and events ----------------------------------------------

    /// Turns event recording on or off (off by default).
    pub fn enable_events(&self, on: bool) {
        self.events_on.store(on, Relaxed);
    }

    /// Whether events are being recorded.
    pub fn events_enabled(&self) -> bool {
        self.events_on.load(Relaxed)
    }

    /// Collects (and clears) the events of every thread, by thread id.
    pub fn take_events(&self) -> Vec<ThreadEvents> {
        self.threads
            .lock()
            .iter()
            .map(|t| ThreadEvents {
                thread: t.id(),
                name: t.name().to_string(),
                events: t.events.take(),
            })
            .collect()
    }

    /// THE EVENT-LOOP HOOK. An event loop (gil's `asyncio`, through
    /// `_asyncio_poll.step_begin(name)`) calls this as it starts one step,
    /// i.e. advances one task or runs one callback, on thread `ts`, and
    /// [`loop_step_end`](Self::loop_step_end) when the step returns. Steps
    /// are recorded while events are on (`--timeline`, `--trace`, the REPL)
    /// and summed while the loop accounting is on (`--diagnose`, see
    /// [`loop_stats`](Self::loop_stats)); otherwise two relaxed loads. The
    /// timeline draws the steps as the loop's lane and the trace as slices
    /// on a track of the loop's thread.
    pub fn loop_step_begin(&self, ts: &ThreadState, name: &str) {
        let (rec, acct) = (self.recording(), loop_stats_enabled());
        if rec || acct {
            let now = Instant::now();
            if rec {
                ts.steps.begin(now, name);
            }
            if acct {
                ts.steps.acct.step_begin(now, name);
            }
        }
    }

    /// The end of the step begun by [`loop_step_begin`](Self::loop_step_begin);
    /// `place` is where it was running when it ran long (the loop watchdog's
    /// sample), `blocked_in` the blocking call it was inside then.
    pub fn loop_step_end(
        &self,
        ts: &ThreadState,
        place: Option<StepPlace>,
        blocked_in: Option<&'static str>,
    ) {
        let (rec, acct) = (self.recording(), loop_stats_enabled());
        if rec || acct {
            let now = Instant::now();
            if rec {
                ts.steps.end(now);
            }
            if acct {
                ts.steps.acct.step_end(now, place, blocked_in);
            }
        }
    }

    /// The loop on `ts` starts waiting for its timers and descriptors: `waits`
    /// is how many it waits for (pending timers + watched descriptors), `tasks`
    /// how many tasks are alive. Summed while the loop accounting is on.
    pub fn loop_poll_begin(&self, ts: &ThreadState, waits: u64, tasks: u64) {
        if loop_stats_enabled() {
            ts.steps.acct.poll_begin(Instant::now(), waits, tasks);
        }
    }

    /// The loop on `ts` has `tasks` tasks alive (once per iteration, for the peak).
    pub fn loop_tasks(&self, ts: &ThreadState, tasks: u64) {
        if loop_stats_enabled() {
            ts.steps.acct.tasks(tasks);
        }
    }

    /// The end of the wait begun by [`loop_poll_begin`](Self::loop_poll_begin).
    pub fn loop_poll_end(&self, ts: &ThreadState) {
        if loop_stats_enabled() {
            ts.steps.acct.poll_end(Instant::now());
        }
    }

    /// The event-loop sums of every thread that ran a loop since the last
    /// `reset_stats` (needs the loop accounting on: `enable_loop_stats`).
    pub fn loop_stats(&self) -> Vec<LoopStats> {
        self.threads
            .lock()
            .iter()
            .filter_map(|t| {
                let mut s = t.steps.acct.snapshot()?;
                s.thread = t.id();
                s.name = t.name().to_string();
                Some(s)
            })
            .collect()
    }

    /// Collects (and clears) the loop steps of every thread that ran any.
    pub fn take_loop_steps(&self) -> Vec<LoopSteps> {
        self.threads
            .lock()
            .iter()
            .filter_map(|t| {
                let steps = t.steps.take();
                (!steps.is_empty()).then(|| LoopSteps {
                    thread: t.id(),
                    name: t.name().to_string(),
                    steps,
                })
            })
            .collect()
    }

    /// The figures as of now: global ones and one entry per thread
    /// (finished threads included), the phases in progress counted up to now.
    pub fn snapshot(&self) -> GilStats {
        let threads = self.threads.lock();
        let now = Instant::now();
        GilStats {
            policy: self.policy(),
            switch_interval: self.switch_interval(),
            check_interval: self.check_interval(),
            elapsed: now.saturating_duration_since(*self.stats_since.lock()),
            switches: self.switches.load(Relaxed),
            drop_requests: self.drop_requests.load(Relaxed),
            running_now: self.running.load(SeqCst),
            max_running: self.max_running.load(SeqCst),
            threads: threads.iter().map(|t| t.figures(now)).collect(),
        }
    }

    /// Zeroes every figure, forgets finished threads, and drops buffered
    /// events of the threads it forgets. Threads keep their current phase.
    pub fn reset_stats(&self) {
        let mut threads = self.threads.lock();
        let now = Instant::now();
        threads.retain(|t| t.phase() != ThreadPhase::Exited);
        for t in threads.iter() {
            t.acct.lock().reset(now);
            t.steps.acct.reset();
        }
        self.switches.store(0, Relaxed);
        self.drop_requests.store(0, Relaxed);
        self.max_running.store(self.running.load(SeqCst), SeqCst);
        *self.stats_since.lock() = now;
    }

    /// Drops the buffered events of every thread.
    pub fn clear_events(&self) {
        for t in self.threads.lock().iter() {
            t.events.clear();
            t.steps.clear();
        }
    }

    // ----- internals ---------------------------------------------------------

    fn recording(&self) -> bool {
        self.events_on.load(Relaxed)
    }

    fn interval(&self) -> Duration {
        Duration::from_nanos(self.interval_ns.load(Relaxed))
    }

    fn assert_holder(&self, st: &LockState, ts: &ThreadState) {
        assert!(
            st.locked && st.holder == Some(ts.id()),
            "gil: thread {} gives up a GIL it does not hold (holder: {:?})",
            ts.id(),
            st.holder
        );
    }

    /// The thread stops running bytecode (before giving the lock up).
    fn stop_running(&self, ts: &ThreadState) {
        let before = self.running.fetch_sub(1, SeqCst);
        debug_assert!(before > 0, "gil: thread {} was not running", ts.id());
    }

    /// The thread starts running bytecode (after taking the lock).
    fn start_running(&self) {
        let now_running = self.running.fetch_add(1, SeqCst) + 1;
        self.max_running.fetch_max(now_running, SeqCst);
    }

    /// Takes the GIL (or, under `off`, just starts running) and does the
    /// accounting: Waiting (if it had to wait), then Running.
    fn take_and_account(&self, ts: &ThreadState) {
        let t0 = Instant::now();
        if self.locking {
            self.take(ts, self.state.lock(), Some(t0));
        } else {
            self.start_running();
        }
        // Stamped after taking the lock, so that on a timeline the running
        // phases of different threads never overlap under a locking policy.
        ts.enter(ThreadPhase::Running, Instant::now(), self.recording());
    }

    fn set_drop_request(&self, st: &mut LockState) {
        if !st.drop_request {
            st.drop_request = true;
            self.breaker.fetch_or(DROP_REQUEST, Relaxed);
            self.drop_requests.fetch_add(1, Relaxed);
        }
    }

    fn clear_drop_request(&self, st: &mut LockState) {
        if st.drop_request {
            st.drop_request = false;
            self.breaker.fetch_and(!DROP_REQUEST, Relaxed);
        }
    }

    /// Whether a thread (I/O-bound or not) may take the GIL now.
    fn can_take(&self, st: &LockState, ts: &ThreadState, io_bound: bool) -> bool {
        // A lock reserved by `hand_over` goes to its thread whatever the
        // priority rules say (else an I/O-bound parent waiting for its own
        // child would lock both out).
        !st.locked
            && match st.reserved_for {
                Some(r) => r == ts.id(),
                None => io_bound || !self.io_waiting(st),
            }
    }

    /// Priority policy: an I/O-bound thread waits (call with `state` locked).
    fn io_waiting(&self, st: &LockState) -> bool {
        st.io_waiters > 0 && self.policy() == Policy::Priority
    }

    /// Clears `locked` and wakes waiters (CPython's `drop_gil`, without
    /// the forced-switch wait).
    fn drop_locked(&self, st: &mut LockState) {
        st.locked = false;
        st.holder = None;
        st.holder_io_bound = false;
        self.clear_drop_request(st);
        self.wake_one(st);
    }

    /// Wakes one waiter: an I/O-bound one if any waits under `priority`
    /// (they wait on their own condvar, so that one wake-up reaches one).
    /// The timer, if it may take the lock, goes first: it has waited a
    /// whole interval and its timeout is usually what caused the release.
    fn wake_one(&self, st: &LockState) {
        let timer_first = st.timer.is_some() && (st.timer_io || !self.io_waiting(st));
        if timer_first {
            self.timer_cond.notify_one();
        } else if self.io_waiting(st) {
            self.io_cond.notify_one();
        } else {
            self.cond.notify_one();
        }
    }

    /// CPython's `take_gil`: waits for the GIL, asking for it as the policy
    /// says, and takes it. Unlocks the mutex.
    /// With `wait_from`, a thread that has to wait enters the WaitingForGil
    /// phase at that instant first.
    fn take(
        &self,
        ts: &ThreadState,
        mut st: MutexGuard<'_, LockState>,
        wait_from: Option<Instant>,
    ) {
        let io = self.policy() == Policy::Priority && ts.io_bound.load(Relaxed);
        if !self.can_take(&st, ts, io) {
            if let Some(t0) = wait_from {
                ts.enter(ThreadPhase::WaitingForGil, t0, self.recording());
            }
            st.waiters += 1;
            if io {
                st.io_waiters += 1;
            }
            if self.policy() == Policy::Ticks {
                self.breaker.fetch_or(TICKING, Relaxed);
            }
            loop {
                // Re-read every round: `set_policy` may have switched it
                // (and woken us) while we waited.
                let policy = self.policy();
                let prio_io = io && policy == Policy::Priority;
                if prio_io && st.locked && !st.holder_io_bound {
                    // Priority: preempt a CPU-bound holder at once.
                    self.set_drop_request(&mut st);
                }
                if self.can_take(&st, ts, io) {
                    break;
                }
                let cond = if prio_io { &self.io_cond } else { &self.cond };
                if policy == Policy::Ticks {
                    if st.timer == Some(ts.id()) {
                        // Left over from `interval`: ticks runs no timer.
                        st.timer = None;
                    }
                    cond.wait(&mut st);
                    continue;
                }
                if st.timer.is_some_and(|t| t != ts.id()) {
                    // Another waiter runs the switch-interval timer.
                    cond.wait(&mut st);
                    continue;
                }
                st.timer = Some(ts.id());
                st.timer_io = prio_io;
                let switch_number = st.switch_number;
                let timed_out = self
                    .timer_cond
                    .wait_for(&mut st, self.interval())
                    .timed_out();
                if timed_out && st.locked && st.switch_number == switch_number {
                    self.set_drop_request(&mut st);
                }
            }
            st.waiters -= 1;
            if io {
                st.io_waiters -= 1;
            }
            if st.waiters == 0 {
                self.breaker.fetch_and(!TICKING, Relaxed);
            }
            if st.timer.is_none_or(|t| t == ts.id()) {
                // Pass the timer on: wake a waiter, which finds the lock
                // held (by us) and takes the timer up.
                st.timer = None;
                if st.waiters > 0 {
                    self.wake_one(&st);
                }
            }
        }
        st.locked = true;
        st.reserved_for = None;
        st.holder = Some(ts.id());
        st.holder_io_bound = io;
        st.switch_number += 1;
        if st.last_holder != Some(ts.id()) {
            if st.last_holder.is_some() {
                self.switches.fetch_add(1, Relaxed);
            }
            st.last_holder = Some(ts.id());
            self.switch_cond.notify_all();
        }
        // A pending request was for the previous holder, unless an
        // I/O-bound thread still waits behind a CPU-bound newcomer.
        if io || !self.io_waiting(&st) {
            self.clear_drop_request(&mut st);
        }
        drop(st);
        self.start_running();
        ts.ticks.store(0, Relaxed);
    }

    /// Drops the GIL at a check point because it was asked to (or the tick
    /// count ran out), waits until another thread has taken it (forced
    /// switching), then queues for it again.
    fn forced_switch(&self, ts: &ThreadState, mut st: MutexGuard<'_, LockState>) {
        let t0 = Instant::now();
        self.stop_running(ts);
        self.drop_locked(&mut st);
        if self.policy() == Policy::Priority {
            ts.io_bound.store(false, Relaxed);
        }
        // Account now (not after retaking), so a snapshot taken during the
        // wait sees the thread waiting.
        {
            let mut acct = ts.acct.lock();
            acct.forced_drops += 1;
            acct.enter(ThreadPhase::WaitingForGil, t0);
        }
        let record = self.recording();
        if record {
            ts.events.push(t0, ThreadPhase::WaitingForGil);
        }
        // Only wait if there is a waiter to take over: waiters leave the
        // queue only by taking the lock, so the wait always ends.
        if st.waiters > 0 {
            while st.last_holder == Some(ts.id()) {
                self.switch_cond.wait(&mut st);
            }
        }
        self.take(ts, st, None);
        ts.enter(ThreadPhase::Running, Instant::now(), record);
    }
}

fn secs_to_ns(secs: f64) -> u64 {
    (secs * 1e9).round() as u64
}
