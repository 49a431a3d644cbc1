//! Event-loop accounting for `--diagnose`: per thread that runs an event loop,
//! how long its steps ran, how long it polled and with how many waits in
//! flight, and its longest step (with where it was running, when sampled).
//!
//! Kept only while [`enable`]d (process-wide, like the observe options:
//! `--diagnose` turns it on before the program runs). The loop calls the hooks
//! (`Gil::loop_step_begin`/`_end`, `Gil::loop_poll_begin`/`_end`) only when it
//! brackets its steps, which it does only when something records them, so a
//! run without flags pays nothing. Unlike the recorded steps of the timeline
//! these are sums: constant memory however many steps run.

use parking_lot::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// A step at least this long blocked the loop (asyncio's debug mode reports
/// callbacks slower than `slow_callback_duration`, 100 ms, too).
pub const LONG_STEP: Duration = Duration::from_millis(100);

static ON: AtomicBool = AtomicBool::new(false);

/// Turns the loop accounting on or off for this process.
pub fn enable(on: bool) {
    ON.store(on, Relaxed);
}

/// Whether the loop accounting is on.
pub fn enabled() -> bool {
    ON.load(Relaxed)
}

/// Where a long step was running when it was sampled (the watchdog's sample).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepPlace {
    /// The source file of the running frame.
    pub file: String,
    pub line: u32,
    /// The running function (`<module>` at top level).
    pub func: String,
}

/// What is known of one step that ran long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongStep {
    /// What ran: `task 'NAME'` or `callback NAME()`.
    pub name: String,
    pub duration: Duration,
    /// Where it was running while it ran long, if a sample was answered.
    pub place: Option<StepPlace>,
    /// The blocking call it was inside when sampled (e.g. `time.sleep`).
    pub blocked_in: Option<&'static str>,
}

/// One loop thread's figures (see `Gil::loop_stats`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoopStats {
    /// The thread's small id.
    pub thread: u32,
    /// The thread's name.
    pub name: String,
    /// Steps run (a task advanced or a callback called).
    pub steps: u64,
    /// Time inside steps.
    pub running: Duration,
    /// Steps of at least [`LONG_STEP`], and their time.
    pub long_steps: u64,
    pub long_running: Duration,
    /// The longest step.
    pub longest: Option<LongStep>,
    /// Polls that were bracketed (the loop waiting for timers and descriptors).
    pub polls: u64,
    /// Time inside those polls.
    pub polling: Duration,
    /// The longest single poll.
    pub longest_poll: Duration,
    /// Sum over polls of (poll time × waits in flight), in seconds: divided by
    /// `polling`, the average number of waits in flight while the loop waited.
    pub wait_seconds: f64,
    /// The most waits (pending timers + watched descriptors) at one poll.
    pub peak_waits: u64,
    /// The most live tasks at one poll or loop iteration.
    pub peak_tasks: u64,
}

impl LoopStats {
    /// Average waits in flight while the loop polled (0 without polls).
    pub fn avg_waits(&self) -> f64 {
        let p = self.polling.as_secs_f64();
        if p > 0.0 {
            self.wait_seconds / p
        } else {
            0.0
        }
    }
}

#[derive(Debug, Default)]
struct Acc {
    sums: LoopStats,
    /// The step in progress: its start and name (the buffer is reused).
    step: Option<Instant>,
    step_name: String,
    /// The poll in progress: its start and waits in flight.
    poll: Option<(Instant, u64)>,
}

/// One thread's accumulator (only its own thread updates it).
#[derive(Debug, Default)]
pub(crate) struct LoopAcct {
    acc: Mutex<Acc>,
}

impl LoopAcct {
    pub(crate) fn step_begin(&self, now: Instant, name: &str) {
        let mut a = self.acc.lock();
        a.step = Some(now);
        a.step_name.clear();
        a.step_name.push_str(name);
    }

    pub(crate) fn step_end(
        &self,
        now: Instant,
        place: Option<StepPlace>,
        blocked_in: Option<&'static str>,
    ) {
        let mut a = self.acc.lock();
        let Some(start) = a.step.take() else { return };
        let d = now.saturating_duration_since(start);
        let name = std::mem::take(&mut a.step_name);
        let s = &mut a.sums;
        s.steps += 1;
        s.running += d;
        if d >= LONG_STEP {
            s.long_steps += 1;
            s.long_running += d;
        }
        if s.longest.as_ref().is_none_or(|l| d > l.duration) {
            s.longest = Some(LongStep {
                name: name.clone(),
                duration: d,
                place,
                blocked_in,
            });
        }
        a.step_name = name;
    }

    pub(crate) fn poll_begin(&self, now: Instant, waits: u64, tasks: u64) {
        let mut a = self.acc.lock();
        a.poll = Some((now, waits));
        a.sums.peak_waits = a.sums.peak_waits.max(waits);
        a.sums.peak_tasks = a.sums.peak_tasks.max(tasks);
    }

    pub(crate) fn tasks(&self, tasks: u64) {
        let mut a = self.acc.lock();
        a.sums.peak_tasks = a.sums.peak_tasks.max(tasks);
    }

    pub(crate) fn poll_end(&self, now: Instant) {
        let mut a = self.acc.lock();
        let Some((start, waits)) = a.poll.take() else {
            return;
        };
        let d = now.saturating_duration_since(start);
        let s = &mut a.sums;
        s.polls += 1;
        s.polling += d;
        s.longest_poll = s.longest_poll.max(d);
        // The loop always waits for something (at least a wake-up from another thread).
        s.wait_seconds += d.as_secs_f64() * waits.max(1) as f64;
    }

    /// The sums so far, if this thread ran a loop.
    pub(crate) fn snapshot(&self) -> Option<LoopStats> {
        let a = self.acc.lock();
        (a.sums.steps > 0 || a.sums.polls > 0).then(|| a.sums.clone())
    }

    /// Starts counting afresh (`gil.reset_stats()`); a step or poll in progress is kept.
    pub(crate) fn reset(&self) {
        self.acc.lock().sums = LoopStats::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_steps_polls_and_the_longest_step() {
        let acct = LoopAcct::default();
        let t0 = Instant::now();
        let ms = |x: u64| t0 + Duration::from_millis(x);
        assert!(acct.snapshot().is_none());
        acct.poll_begin(ms(0), 5, 6);
        acct.poll_end(ms(100));
        acct.step_begin(ms(100), "task 'a'");
        acct.step_end(ms(102), None, None);
        let place = StepPlace {
            file: "demo.py".into(),
            line: 17,
            func: "hog".into(),
        };
        acct.step_begin(ms(102), "task 'hog'");
        acct.step_end(ms(352), Some(place.clone()), None);
        acct.step_begin(ms(352), "task 'b'");
        acct.step_end(ms(353), None, None);
        // No waits: counted as one (the loop waits for a wake-up).
        acct.tasks(7);
        acct.poll_begin(ms(353), 0, 1);
        acct.poll_end(ms(453));
        let s = acct.snapshot().unwrap();
        assert_eq!((s.steps, s.long_steps, s.polls), (3, 1, 2));
        assert_eq!(s.running, Duration::from_millis(253));
        assert_eq!(s.long_running, Duration::from_millis(250));
        assert_eq!((s.peak_waits, s.peak_tasks), (5, 7));
        assert!((s.avg_waits() - 3.0).abs() < 1e-9, "{}", s.avg_waits());
        let l = s.longest.unwrap();
        assert_eq!(
            (l.name.as_str(), l.duration, l.place),
            ("task 'hog'", Duration::from_millis(250), Some(place))
        );
        acct.reset();
        assert!(acct.snapshot().is_none());
        // An end without a begin is ignored.
        acct.step_end(ms(500), None, None);
        acct.poll_end(ms(500));
        assert!(acct.snapshot().is_none());
    }
}
