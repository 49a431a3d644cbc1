//! Tests of the lock with plain Rust threads. Timing margins are generous:
//! the machine may be a noisy 2-core box. The timing tests run one at a
//! time (`serial`), since they measure scheduling.

use super::*;
use parking_lot::{const_mutex, Mutex, MutexGuard};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Barrier};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

static SERIAL: Mutex<()> = const_mutex(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock()
}

const LOCKING: [Policy; 3] = [Policy::Interval, Policy::Ticks, Policy::Priority];

/// Some CPU work with no check point inside ("straight-line bytecode").
fn work(n: u64) -> u64 {
    let mut x = 0u64;
    for i in 0..n {
        x = black_box(x.wrapping_mul(31).wrapping_add(i));
    }
    x
}

/// What the VM does at a check point.
fn check_point(gil: &Gil, ts: &ThreadState) -> bool {
    gil.should_yield() && gil.yield_now(ts)
}

/// A CPU-bound interpreter thread: runs `work` between check points until
/// `stop`, counting its check points in `progress`.
fn spinner(
    gil: &Arc<Gil>,
    name: &str,
    stop: &Arc<AtomicBool>,
    progress: &Arc<AtomicU64>,
) -> JoinHandle<()> {
    let (gil, stop, progress) = (Arc::clone(gil), Arc::clone(stop), Arc::clone(progress));
    let ts = gil.register_thread(name);
    thread::spawn(move || {
        gil.acquire(&ts);
        while !stop.load(SeqCst) {
            work(200);
            progress.fetch_add(1, SeqCst);
            check_point(&gil, &ts);
        }
        gil.unregister_thread(&ts);
    })
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

// ----- mutual exclusion ------------------------------------------------------

/// N threads run critical sections between check points; returns the
/// number of overlaps seen and the stats.
fn mutual_exclusion_run(policy: Policy) -> (usize, GilStats) {
    let gil = Arc::new(Gil::new(policy));
    gil.set_switch_interval(0.0005).unwrap();
    gil.set_check_interval(5);
    let inside = Arc::new(AtomicUsize::new(0));
    let overlaps = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let (gil, inside, overlaps) = (gil.clone(), inside.clone(), overlaps.clone());
            let ts = gil.register_thread(format!("worker-{i}"));
            thread::spawn(move || {
                for round in 0..40 {
                    gil.acquire(&ts);
                    for _ in 0..50 {
                        if inside.fetch_add(1, SeqCst) != 0 {
                            overlaps.fetch_add(1, SeqCst);
                        }
                        work(300);
                        inside.fetch_sub(1, SeqCst);
                        check_point(&gil, &ts);
                    }
                    if round % 4 == 0 {
                        gil.allow_threads(&ts, "time.sleep", || {
                            thread::sleep(Duration::from_micros(200))
                        });
                    }
                    gil.release(&ts);
                }
                gil.unregister_thread(&ts);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    (overlaps.load(SeqCst), gil.snapshot())
}

#[test]
fn mutual_exclusion_under_every_locking_policy() {
    let _s = serial();
    for policy in LOCKING {
        let (overlaps, stats) = mutual_exclusion_run(policy);
        println!(
            "{policy}: overlaps {overlaps}, max_running {}, switches {}, drop requests {}",
            stats.max_running, stats.switches, stats.drop_requests
        );
        assert_eq!(overlaps, 0, "{policy}: two threads inside at once");
        assert_eq!(stats.max_running, 1, "{policy}");
        assert_eq!(stats.running_now, 0, "{policy}");
        assert_eq!(stats.threads.len(), 4);
        for t in &stats.threads {
            assert!(t.finished);
            assert_eq!(t.voluntary_drops, 10);
            assert_eq!(t.blocked_calls[0].count, 10);
            assert!(t.acquisitions >= 50, "{policy}: {t:?}");
        }
    }
}

#[test]
fn off_runs_threads_in_parallel() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Off));
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|i| {
            let (gil, barrier) = (gil.clone(), barrier.clone());
            let ts = gil.register_thread(format!("free-{i}"));
            thread::spawn(move || {
                barrier.wait();
                gil.acquire(&ts);
                let start = Instant::now();
                while start.elapsed() < Duration::from_millis(200) {
                    work(200);
                    check_point(&gil, &ts);
                }
                gil.allow_threads(&ts, "time.sleep", || {
                    thread::sleep(Duration::from_millis(10))
                });
                gil.unregister_thread(&ts);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let stats = gil.snapshot();
    println!("off: max_running {}", stats.max_running);
    assert!(stats.max_running >= 1 && stats.max_running <= 2);
    assert_eq!(stats.switches, 0);
    for t in &stats.threads {
        assert_eq!(t.waiting, Duration::ZERO);
        assert!(t.running >= Duration::from_millis(150), "{t:?}");
        assert!(t.blocked_in("time.sleep") >= Duration::from_millis(9));
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    if cores >= 2 {
        assert!(stats.max_running >= 2, "off: threads never overlapped");
    } else {
        println!("off: only {cores} core(s), not checking that threads overlap");
    }
}

// ----- forced switching ------------------------------------------------------------

/// Two spinners for `run`; returns their progress at 200 ms, and the stats.
fn two_spinners(policy: Policy, run: Duration) -> ([u64; 2], GilStats) {
    let gil = Arc::new(Gil::new(policy));
    let stop = Arc::new(AtomicBool::new(false));
    let progress = [Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0))];
    let start = Instant::now();
    let handles = [
        spinner(&gil, "cpu-0", &stop, &progress[0]),
        spinner(&gil, "cpu-1", &stop, &progress[1]),
    ];
    thread::sleep(Duration::from_millis(200));
    let early = [progress[0].load(SeqCst), progress[1].load(SeqCst)];
    thread::sleep(run.saturating_sub(start.elapsed()));
    let stats = gil.snapshot();
    stop.store(true, SeqCst);
    for h in handles {
        h.join().unwrap();
    }
    (early, stats)
}

#[test]
fn forced_switching_under_interval() {
    let _s = serial();
    let (early, stats) = two_spinners(Policy::Interval, Duration::from_millis(500));
    let forced: u64 = stats.threads.iter().map(|t| t.forced_drops).sum();
    println!(
        "interval 5 ms, 0.5 s: progress at 200 ms {early:?}, switches {}, drop requests {}, \
         forced drops {forced}, longest waits {:?}",
        stats.switches,
        stats.drop_requests,
        stats
            .threads
            .iter()
            .map(|t| t.longest_wait)
            .collect::<Vec<_>>()
    );
    assert!(early[0] > 0 && early[1] > 0, "a thread starved: {early:?}");
    assert!(
        (10..=1000).contains(&stats.switches),
        "switches {}",
        stats.switches
    );
    assert_eq!(stats.max_running, 1);
    for t in &stats.threads {
        // Each waits about one interval per switch; allow for a noisy box.
        assert!(t.running > Duration::from_millis(50), "{t:?}");
        assert!(t.forced_drops > 0);
    }
}

#[test]
fn forced_switching_under_ticks_and_priority() {
    let _s = serial();
    for policy in [Policy::Ticks, Policy::Priority] {
        let (early, stats) = two_spinners(policy, Duration::from_millis(300));
        println!(
            "{policy}: progress at 200 ms {early:?}, switches in 0.3 s {}",
            stats.switches
        );
        assert!(early[0] > 0 && early[1] > 0, "{policy}: a thread starved");
        assert!(stats.switches >= 5, "{policy}: {}", stats.switches);
        assert_eq!(stats.max_running, 1);
    }
}

#[test]
fn switch_interval_setting() {
    let gil = Gil::default();
    assert_eq!(gil.policy(), Policy::Interval);
    assert!((gil.switch_interval() - 0.005).abs() < 1e-12);
    gil.set_switch_interval(0.001).unwrap();
    assert!((gil.switch_interval() - 0.001).abs() < 1e-12);
    assert!(gil.set_switch_interval(0.0).is_err());
    assert!(gil.set_switch_interval(f64::NAN).is_err());
    assert!(gil.set_switch_interval(-1.0).is_err());
    assert_eq!(gil.check_interval(), 100);
    gil.set_check_interval(0);
    assert_eq!(gil.check_interval(), 1);
}

#[test]
fn shorter_interval_means_more_switches() {
    let _s = serial();
    let count = |interval: f64| {
        let gil = Arc::new(Gil::new(Policy::Interval));
        gil.set_switch_interval(interval).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let p = [Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0))];
        let h = [
            spinner(&gil, "a", &stop, &p[0]),
            spinner(&gil, "b", &stop, &p[1]),
        ];
        thread::sleep(Duration::from_millis(300));
        let n = gil.snapshot().switches;
        stop.store(true, SeqCst);
        for h in h {
            h.join().unwrap();
        }
        n
    };
    let (slow, fast) = (count(0.02), count(0.001));
    println!("switches in 0.3 s: interval 20 ms {slow}, interval 1 ms {fast}");
    assert!(fast > slow, "1 ms: {fast}, 20 ms: {slow}");
}

// ----- blocking calls ----------------------------------------------------------------

#[test]
fn allow_threads_releases_the_gil() {
    let _s = serial();
    for policy in LOCKING {
        let gil = Arc::new(Gil::new(policy));
        let a = gil.register_thread("sleeper");
        let b = gil.register_thread("worker");
        let a_blocked = Arc::new(AtomicBool::new(false));
        let ha = {
            let (gil, a, a_blocked) = (gil.clone(), a.clone(), a_blocked.clone());
            thread::spawn(move || {
                gil.acquire(&a);
                gil.allow_threads(&a, "time.sleep", || {
                    a_blocked.store(true, SeqCst);
                    thread::sleep(Duration::from_millis(200));
                    a_blocked.store(false, SeqCst);
                });
                work(1000);
                gil.unregister_thread(&a);
            })
        };
        while !a_blocked.load(SeqCst) {
            thread::sleep(Duration::from_millis(1));
        }
        // B (this thread) gets the GIL and works while A sleeps.
        gil.acquire(&b);
        let mut worked_while_a_slept = 0;
        for _ in 0..100 {
            work(500);
            check_point(&gil, &b);
            if a_blocked.load(SeqCst) {
                worked_while_a_slept += 1;
            }
        }
        gil.release(&b);
        ha.join().unwrap();
        gil.unregister_thread(&b);
        let stats = gil.snapshot();
        let sa = stats.thread(a.id()).unwrap();
        let slept = sa.blocked_in("time.sleep");
        println!(
            "{policy}: A blocked {:.4} s, B worked {worked_while_a_slept}/100 while A slept",
            secs(slept)
        );
        assert!(
            worked_while_a_slept > 50,
            "{policy}: B could not run while A slept"
        );
        assert!(
            slept >= Duration::from_millis(195) && slept <= Duration::from_millis(400),
            "{policy}: {slept:?}"
        );
        assert_eq!(sa.blocked_calls.len(), 1);
        assert_eq!(sa.blocked_calls[0].count, 1);
        assert_eq!(sa.voluntary_drops, 1);
        assert!(sa.finished);
        assert_eq!(stats.max_running, 1);
    }
}

#[test]
fn allow_threads_retakes_the_gil_on_panic() {
    let gil = Gil::new(Policy::Interval);
    let ts = gil.register_thread("main");
    gil.acquire(&ts);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        gil.allow_threads(&ts, "io.read", || panic!("boom"))
    }));
    assert!(r.is_err());
    assert!(gil.holds_gil(&ts));
    gil.release(&ts);
    assert!(!gil.holds_gil(&ts));
}

// ----- the convoy effect ----------------------------------------------------------------

/// An I/O thread doing 100 x (sleep 1 ms released, then a little work),
/// optionally next to a CPU-spinning thread. Returns the I/O thread's
/// total time and its stats.
fn convoy(policy: Policy, with_cpu: bool) -> (Duration, ThreadStats) {
    let gil = Arc::new(Gil::new(policy));
    let stop = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    let cpu = with_cpu.then(|| spinner(&gil, "cpu", &stop, &progress));
    while with_cpu && progress.load(SeqCst) == 0 {
        thread::yield_now();
    }
    let io = gil.register_thread("io");
    let h = {
        let (gil, io) = (gil.clone(), io.clone());
        thread::spawn(move || {
            gil.acquire(&io);
            let start = Instant::now();
            for _ in 0..100 {
                gil.allow_threads(&io, "socket.recv", || {
                    thread::sleep(Duration::from_millis(1))
                });
                work(2000);
                check_point(&gil, &io);
            }
            let took = start.elapsed();
            gil.release(&io);
            took
        })
    };
    let took = h.join().unwrap();
    stop.store(true, SeqCst);
    if let Some(cpu) = cpu {
        cpu.join().unwrap();
    }
    let stats = gil.snapshot();
    if policy.is_locking() {
        assert_eq!(stats.max_running, 1, "{policy}");
    }
    (took, stats.thread(io.id()).unwrap().clone())
}

#[test]
fn convoy_effect_and_priority_fix() {
    let _s = serial();
    let mut last = String::new();
    for attempt in 1..=3 {
        let (alone, _) = convoy(Policy::Interval, false);
        let (interval, si) = convoy(Policy::Interval, true);
        let (priority, sp) = convoy(Policy::Priority, true);
        let (ticks, _) = convoy(Policy::Ticks, true);
        let (off, _) = convoy(Policy::Off, true);
        last = format!(
            "attempt {attempt}: io thread alone {:.3} s; next to a CPU thread: interval {:.3} s \
             (waited {:.3} s, longest {:.4} s), priority {:.3} s (waited {:.3} s), ticks {:.3} s, off {:.3} s",
            secs(alone),
            secs(interval),
            secs(si.waiting),
            secs(si.longest_wait),
            secs(priority),
            secs(sp.waiting),
            secs(ticks),
            secs(off)
        );
        println!("{last}");
        assert_eq!(si.blocked_calls[0].count, 100);
        if interval.as_secs_f64() > 1.5 * alone.as_secs_f64()
            && priority.as_secs_f64() < 0.7 * interval.as_secs_f64()
        {
            return;
        }
    }
    panic!("convoy ordering not observed in 3 attempts; {last}");
}

// ----- stats, events, interrupts ----------------------------------------------------------------

#[test]
fn snapshot_and_reset() {
    let gil = Gil::new(Policy::Interval);
    let ts = gil.register_thread("main");
    assert_eq!(ts.id(), 0);
    gil.acquire(&ts);
    for _ in 0..3 {
        gil.allow_threads(&ts, "time.sleep", || {
            thread::sleep(Duration::from_millis(5))
        });
    }
    gil.allow_threads(&ts, "Lock.acquire", || ());
    let live = gil.snapshot();
    let t = live.thread_named("main").unwrap();
    assert_eq!(t.phase, ThreadPhase::Running);
    assert!(!t.finished);
    assert_eq!(live.running_now, 1);
    gil.unregister_thread(&ts);
    let other = gil.register_thread("other");
    assert_eq!(other.id(), 1);

    let s = gil.snapshot();
    let t = s.thread(0).unwrap();
    assert!(t.finished);
    assert_eq!(t.phase, ThreadPhase::Exited);
    assert_eq!(t.acquisitions, 5);
    assert_eq!(t.voluntary_drops, 4);
    assert_eq!(t.forced_drops, 0);
    assert_eq!(t.blocked_calls.len(), 2);
    assert_eq!(t.blocked_calls[0].call, "time.sleep");
    assert_eq!(t.blocked_calls[0].count, 3);
    assert_eq!(t.blocked_calls[1].call, "Lock.acquire");
    assert_eq!(t.blocked_calls[1].count, 1);
    assert!(t.blocked_in("time.sleep") >= Duration::from_millis(15));
    assert!(t.blocked >= t.blocked_in("time.sleep"));
    assert!(s.elapsed >= t.running + t.blocked + t.waiting);
    assert_eq!(s.max_running, 1);
    assert_eq!(s.running_now, 0);
    if cfg!(target_os = "linux") {
        assert!(t.native_id.is_some());
    }
    assert_eq!(ts.std_thread_id(), Some(thread::current().id()));

    gil.reset_stats();
    let r = gil.snapshot();
    assert_eq!(r.threads.len(), 1, "finished threads are forgotten");
    assert_eq!(r.threads[0].name, "other");
    assert_eq!(r.switches, 0);
    assert_eq!(r.max_running, 0);
    assert_eq!(r.threads[0].acquisitions, 0);
}

#[test]
fn events_are_ordered_and_running_phases_never_overlap() {
    let _s = serial();
    for policy in LOCKING {
        let gil = Arc::new(Gil::new(policy));
        gil.set_switch_interval(0.001).unwrap();
        gil.enable_events(true);
        assert!(gil.events_enabled());
        let stop = Arc::new(AtomicBool::new(false));
        let p = [Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0))];
        let h = [
            spinner(&gil, "a", &stop, &p[0]),
            spinner(&gil, "b", &stop, &p[1]),
        ];
        let io = gil.register_thread("io");
        gil.acquire(&io);
        for _ in 0..10 {
            gil.allow_threads(&io, "time.sleep", || {
                thread::sleep(Duration::from_millis(5))
            });
            work(100);
            check_point(&gil, &io);
        }
        gil.unregister_thread(&io);
        stop.store(true, SeqCst);
        for h in h {
            h.join().unwrap();
        }
        let all = gil.take_events();
        assert_eq!(all.len(), 3);
        let mut running = Vec::new();
        for te in &all {
            let ev = &te.events;
            assert_eq!(ev.first().unwrap().phase, ThreadPhase::Idle);
            assert_eq!(ev.last().unwrap().phase, ThreadPhase::Exited);
            for w in ev.windows(2) {
                assert!(
                    w[0].at <= w[1].at,
                    "{policy}: {} out of order: {w:?}",
                    te.name
                );
                assert_ne!(w[0].phase, w[1].phase, "{policy}: {} repeats", te.name);
                if w[0].phase == ThreadPhase::Running {
                    running.push((w[0].at, w[1].at, te.thread));
                }
            }
        }
        let io_events = &all.iter().find(|t| t.name == "io").unwrap().events;
        let sleeps = io_events
            .iter()
            .filter(|e| e.phase == ThreadPhase::Blocked("time.sleep"))
            .count();
        assert_eq!(sleeps, 10);
        running.sort();
        for w in running.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "{policy}: running phases overlap: {:?} and {:?}",
                w[0],
                w[1]
            );
        }
        println!(
            "{policy}: {} running phases, none overlapping",
            running.len()
        );
        assert!(gil.take_events().iter().all(|t| t.events.is_empty()));
    }
}

#[test]
fn events_off_by_default() {
    let gil = Gil::new(Policy::Interval);
    let ts = gil.register_thread("main");
    gil.acquire(&ts);
    gil.allow_threads(&ts, "time.sleep", || ());
    gil.release(&ts);
    assert!(gil.take_events().iter().all(|t| t.events.is_empty()));
}

#[test]
fn interrupts_trip_the_breaker_for_their_thread_only() {
    for policy in Policy::ALL {
        let gil = Gil::new(policy);
        let main = gil.register_thread("main");
        let other = gil.register_thread("other");
        gil.acquire(&main);
        assert!(!gil.should_yield());
        gil.request_interrupt(&main);
        gil.request_interrupt(&main);
        assert!(gil.should_yield());
        assert!(gil.interrupt_pending(&main));
        assert!(!gil.interrupt_pending(&other));
        assert!(gil.yield_now(&main), "{policy}");
        assert!(!gil.should_yield(), "{policy}");
        assert!(!gil.yield_now(&main));
        assert!(!gil.take_interrupt(&main));

        gil.request_interrupt(&other);
        assert!(gil.should_yield());
        assert!(!gil.yield_now(&main), "not for main");
        assert!(gil.should_yield(), "still pending for the other thread");
        assert!(gil.take_interrupt(&other));
        assert!(!gil.should_yield());
        gil.release(&main);
    }
}

#[test]
fn priority_marks_io_and_cpu_bound_threads() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Priority));
    let stop = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    let cpu = spinner(&gil, "cpu", &stop, &progress);
    while progress.load(SeqCst) == 0 {
        thread::yield_now();
    }
    let io = gil.register_thread("io");
    assert!(!io.is_io_bound());
    gil.acquire(&io);
    gil.allow_threads(&io, "time.sleep", || {
        thread::sleep(Duration::from_millis(2))
    });
    assert!(io.is_io_bound());
    // Keep running: the CPU thread's waits make it ask for the lock, and
    // this thread is eventually forced to drop it, becoming CPU-bound.
    let start = Instant::now();
    while io.is_io_bound() && start.elapsed() < Duration::from_secs(5) {
        work(200);
        check_point(&gil, &io);
    }
    assert!(!io.is_io_bound());
    gil.release(&io);
    stop.store(true, SeqCst);
    cpu.join().unwrap();
    let s = gil.snapshot();
    assert!(s.thread_named("io").unwrap().forced_drops >= 1);
}

#[test]
fn ticks_drop_every_check_interval_while_someone_waits() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Ticks));
    gil.set_check_interval(10);
    let ts = gil.register_thread("main");
    gil.acquire(&ts);
    // Nobody waits: the breaker stays clear, check points cost one load.
    for _ in 0..1000 {
        assert!(!gil.should_yield());
    }
    let stop = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    let other = spinner(&gil, "other", &stop, &progress);
    while !gil.should_yield() {
        thread::yield_now();
    }
    // The other thread waits: the 10th check point hands the lock over.
    for i in 1..=10 {
        assert!(gil.should_yield());
        let before = gil.snapshot().switches;
        check_point(&gil, &ts);
        let after = gil.snapshot().switches;
        assert_eq!(after > before, i == 10, "check point {i}");
    }
    stop.store(true, SeqCst);
    gil.release(&ts);
    other.join().unwrap();
    assert_eq!(gil.snapshot().thread(0).unwrap().forced_drops, 1);
}

// ----- switching the policy at run time ---------------------------------------

/// Starts a thread that acquires the GIL (and so waits, since the caller
/// holds it), then releases it; `got` is set once it had the lock.
fn waiter(gil: &Arc<Gil>, got: &Arc<AtomicBool>) -> JoinHandle<()> {
    let (gil, got) = (Arc::clone(gil), Arc::clone(got));
    let ts = gil.register_thread("waiter");
    thread::spawn(move || {
        gil.acquire(&ts);
        got.store(true, SeqCst);
        gil.unregister_thread(&ts);
    })
}

/// The holder spins through check points until `got` (or `limit` passes);
/// returns whether the waiter got the lock in time.
fn spin_until(gil: &Gil, ts: &ThreadState, got: &AtomicBool, limit: Duration) -> bool {
    let t0 = Instant::now();
    while !got.load(SeqCst) && t0.elapsed() < limit {
        work(200);
        check_point(gil, ts);
    }
    got.load(SeqCst)
}

/// Waits until `n` threads are queued for the lock.
fn until_waiting(gil: &Gil, n: usize) {
    let t0 = Instant::now();
    while gil
        .snapshot()
        .threads
        .iter()
        .filter(|t| t.phase == ThreadPhase::WaitingForGil)
        .count()
        < n
    {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "nobody started waiting"
        );
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn set_policy_wakes_a_ticks_waiter_into_interval_rules() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Ticks));
    gil.set_check_interval(u32::MAX); // under ticks the holder never gives it up
    let main = gil.register_thread("main");
    gil.acquire(&main);
    let got = Arc::new(AtomicBool::new(false));
    let w = waiter(&gil, &got);
    until_waiting(&gil, 1);
    // Still ticks: a waiter parked untimed, the holder keeps the lock.
    assert!(!spin_until(&gil, &main, &got, Duration::from_millis(200)));
    // Switched: the parked waiter is woken, times out after one interval and
    // asks for the lock; the holder hands it over at a check point.
    gil.set_policy(Policy::Interval).unwrap();
    assert_eq!(gil.policy(), Policy::Interval);
    assert_eq!(gil.snapshot().policy, Policy::Interval);
    assert!(spin_until(&gil, &main, &got, Duration::from_secs(20)));
    gil.release(&main);
    w.join().unwrap();
    let s = gil.snapshot();
    assert_eq!(s.max_running, 1);
    assert!(s.drop_requests >= 1);
}

#[test]
fn set_policy_to_ticks_makes_a_waiting_thread_count() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Interval));
    gil.set_switch_interval(1000.0).unwrap(); // no drop request will come in time
    gil.set_check_interval(10);
    let main = gil.register_thread("main");
    gil.acquire(&main);
    let got = Arc::new(AtomicBool::new(false));
    let w = waiter(&gil, &got);
    until_waiting(&gil, 1);
    assert!(!gil.should_yield());
    gil.set_policy(Policy::Ticks).unwrap();
    // Somebody waits, so the breaker is tripped for counting at once.
    assert!(gil.should_yield());
    assert!(spin_until(&gil, &main, &got, Duration::from_secs(20)));
    gil.release(&main);
    w.join().unwrap();
    // Back to interval: nobody waits, the breaker is clear again.
    gil.set_policy(Policy::Priority).unwrap();
    gil.set_policy(Policy::Interval).unwrap();
    assert!(!gil.should_yield());
}

#[test]
fn set_policy_cannot_turn_the_lock_on_or_off() {
    let on = Gil::new(Policy::Interval);
    assert!(on.set_policy(Policy::Off).is_err());
    assert_eq!(on.policy(), Policy::Interval);
    on.set_policy(Policy::Priority).unwrap();
    assert_eq!(on.policy(), Policy::Priority);
    let off = Gil::new(Policy::Off);
    for p in [Policy::Interval, Policy::Ticks, Policy::Priority] {
        let err = off.set_policy(p).unwrap_err();
        assert!(err.to_string().contains("--gil=off"), "{err}");
    }
    assert_eq!(off.policy(), Policy::Off);
    off.set_policy(Policy::Off).unwrap();
}

#[test]
fn hand_over_gives_the_lock_to_the_new_thread_first() {
    let _s = serial();
    for policy in LOCKING {
        let gil = Arc::new(Gil::new(policy));
        let main = gil.register_thread("main");
        gil.acquire(&main);
        // The parent is I/O-bound (under priority it would preempt a
        // CPU-bound holder, but the new thread must still get its turn).
        gil.allow_threads(&main, "time.sleep", || ());
        // A CPU-bound thread already queues for the lock.
        let got_other = Arc::new(AtomicBool::new(false));
        let other = waiter(&gil, &got_other);
        until_waiting(&gil, 1);
        let order = Arc::new(Mutex::new(Vec::new()));
        let child = gil.register_thread("child");
        let (g2, c2, o2) = (Arc::clone(&gil), Arc::clone(&child), Arc::clone(&order));
        let h = gil
            .hand_over(&main, &child, "Thread.start", || {
                Ok::<_, ()>(thread::spawn(move || {
                    g2.acquire(&c2);
                    o2.lock().push("child");
                    thread::sleep(Duration::from_millis(20)); // holds the GIL meanwhile
                    g2.unregister_thread(&c2);
                }))
            })
            .unwrap();
        order.lock().push("parent");
        assert_eq!(order.lock()[0], "child", "{policy}: the child ran first");
        assert_eq!(gil.snapshot().max_running, 1);
        gil.release(&main);
        h.join().unwrap();
        other.join().unwrap();
        assert!(got_other.load(SeqCst));
    }
}

/// CPU time of the whole process (user + system, from /proc/self/stat, in
/// clock ticks of 10 ms).
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .map(|x| x.parse().unwrap())
        .collect();
    Duration::from_millis((f[0] + f[1]) * 10)
}

#[test]
fn a_crowd_of_waiters_runs_one_interval_timer() {
    let _s = serial();
    let gil = Arc::new(Gil::new(Policy::Interval));
    gil.set_switch_interval(0.001).unwrap();
    let main = gil.register_thread("main");
    gil.acquire(&main);
    let got = Arc::new(AtomicBool::new(false));
    let crowd: Vec<_> = (0..1000).map(|_| waiter(&gil, &got)).collect();
    until_waiting(&gil, 1000);
    // Hold the lock for a second with no check point. With a timed wait per
    // waiter, 1,000 waiters at a 1 ms interval would wake a million times a
    // second and keep both cores busy; with one timer, a thousand times.
    let cpu0 = process_cpu();
    let t0 = Instant::now();
    thread::sleep(Duration::from_secs(1));
    let cpu = process_cpu().saturating_sub(cpu0);
    let wall = t0.elapsed();
    assert!(
        cpu < wall.mul_f64(0.3),
        "waiters burnt {cpu:?} of CPU in {wall:?}"
    );
    gil.release(&main);
    for w in crowd {
        w.join().unwrap();
    }
    assert_eq!(gil.snapshot().max_running, 1);
}
