//! OS threads kept for reuse. When a gil thread's function returns, its OS thread waits a
//! little while for another thread to be started and runs that one instead of exiting.
//!
//! Why: a new OS thread costs a `clone`, Rust's alternate signal stack (an `mmap`, a guard
//! `mprotect` and an `munmap` at exit) and fresh stack page faults, even now that its 8 MB
//! stack (`vm::THREAD_STACK`) comes from glibc's stack cache as CPython's do. Reusing a
//! finished thread costs one condvar notify. As with glibc's cache in CPython, a thread
//! started after another one finished may get the same `get_ident()`.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

/// The work of one gil thread.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// How long a finished OS thread waits for new work before it exits.
const KEEP: Duration = Duration::from_secs(2);
/// At most this many finished OS threads wait (10,000 threads ending together mostly exit).
const MAX_IDLE: usize = 8;

/// One waiting OS thread: the parent puts the next job here.
struct Slot {
    job: Mutex<Option<Job>>,
    cv: Condvar,
    /// The OS thread's `get_ident()`.
    ident: i64,
}

fn idle() -> &'static Mutex<Vec<Arc<Slot>>> {
    static IDLE: OnceLock<Mutex<Vec<Arc<Slot>>>> = OnceLock::new();
    IDLE.get_or_init(|| Mutex::new(Vec::new()))
}

/// Runs `job` on a waiting OS thread, or on a new one named `name`. Returns the thread's
/// `get_ident()`.
pub fn run(name: String, job: Job) -> std::io::Result<i64> {
    let waiting = idle().lock().pop();
    if let Some(slot) = waiting {
        *slot.job.lock() = Some(job);
        slot.cv.notify_one();
        return Ok(slot.ident);
    }
    let joiner = std::thread::Builder::new()
        .name(name)
        .stack_size(crate::vm::THREAD_STACK)
        .spawn(move || work(job))?;
    Ok(super::thread::ident_of(joiner.thread().id()))
}

/// The body of every pooled OS thread: run the job, then wait for another one.
fn work(first: Job) {
    let slot = Arc::new(Slot {
        job: Mutex::new(None),
        cv: Condvar::new(),
        ident: super::thread::current_ident(),
    });
    let mut job = first;
    loop {
        job();
        match next_job(&slot) {
            Some(j) => job = j,
            None => return,
        }
    }
}

/// Waits (up to `KEEP`) for a parent to hand this thread a job; `None` if none came.
fn next_job(slot: &Arc<Slot>) -> Option<Job> {
    {
        let mut waiting = idle().lock();
        if waiting.len() >= MAX_IDLE {
            return None;
        }
        waiting.push(slot.clone());
    }
    let deadline = Instant::now() + KEEP;
    let mut job = slot.job.lock();
    while job.is_none() {
        if slot.cv.wait_until(&mut job, deadline).timed_out() && job.is_none() {
            drop(job);
            // Leave the list, unless a parent has just taken this slot: then its job is
            // on the way and must be run.
            let mut waiting = idle().lock();
            if let Some(i) = waiting.iter().position(|s| Arc::ptr_eq(s, slot)) {
                waiting.swap_remove(i);
                return None;
            }
            drop(waiting);
            job = slot.job.lock();
            while job.is_none() {
                slot.cv.wait(&mut job);
            }
        }
    }
    job.take()
}
