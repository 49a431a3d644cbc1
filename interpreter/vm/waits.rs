//! Blocking waits: the GIL is released, the wait runs in short slices so that Ctrl-C reaches
//! the main thread, and waits without a timeout take part in deadlock detection.
//!
//! Deadlock detection: every thread that waits with no timeout (on a lock, condition, event,
//! queue or join) registers itself with what it waits on and its gil-level stack. When every
//! live thread is registered and nothing has made progress (no release, notify, put or thread
//! exit) for a few slices, no thread can ever wake the others: gil reports it and exits.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use super::{PyErr, PyResult, Vm};
use crate::vm::types::types;

const SLICE: Duration = Duration::from_millis(20);
/// Slices with all threads waiting and no progress before declaring a deadlock.
const DEADLOCK_SLICES: u32 = 10;

type Sites = Vec<(std::sync::Arc<crate::bytecode::Code>, u32)>;

#[derive(Default)]
pub struct WaitRegistry {
    /// Threads running gil code (the main thread included).
    pub live: AtomicUsize,
    /// Bumped by every event that can wake a waiter.
    pub progress: AtomicU64,
    /// Thread id → (what it waits on, its stack as (code, line) sites, rendered only for a
    /// deadlock report: every `join()` and `acquire()` registers here).
    forever: Mutex<BTreeMap<u32, (String, Sites)>>,
}

impl WaitRegistry {
    pub fn progressed(&self) {
        self.progress.fetch_add(1, Ordering::Relaxed);
    }

    fn all_blocked(&self) -> bool {
        let n = self.forever.lock().len();
        n > 0 && n >= self.live.load(Ordering::Relaxed)
    }

    fn report(&self) -> String {
        let mut out = String::from("Deadlock: every thread is waiting\n");
        for (id, (what, stack)) in self.forever.lock().iter() {
            out.push_str(&format!(
                "\nThread {id} waiting on {what}:\n{}",
                render_sites(stack)
            ));
        }
        out
    }
}

impl Vm {
    /// Waits until `try_wait(slice)` returns true or `timeout` passes (then returns false),
    /// with the GIL released. `what` names the object for the deadlock report.
    pub fn blocking_wait(
        &mut self,
        call: &'static str,
        what: &str,
        timeout: Option<Duration>,
        mut try_wait: impl FnMut(Duration) -> bool,
    ) -> PyResult<bool> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let reg = self.interp.waits.clone();
        let id = self.thread.id();
        if deadline.is_none() {
            let stack = self.stack_sites();
            reg.forever.lock().insert(id, (what.to_string(), stack));
        }
        let ts = self.thread.clone();
        let gil = &self.interp.gil;
        enum End {
            Done,
            TimedOut,
            Interrupted,
            Deadlock,
        }
        let end = gil.allow_threads(&ts, call, || {
            let mut stalled = 0u32;
            let mut seen = reg.progress.load(Ordering::Relaxed);
            loop {
                let slice = match deadline {
                    Some(d) => {
                        let now = Instant::now();
                        if now >= d {
                            return End::TimedOut;
                        }
                        (d - now).min(SLICE)
                    }
                    None => SLICE,
                };
                if try_wait(slice) {
                    return End::Done;
                }
                if gil.interrupt_pending(&ts) {
                    return End::Interrupted;
                }
                if deadline.is_none() {
                    let p = reg.progress.load(Ordering::Relaxed);
                    if p == seen && reg.all_blocked() {
                        stalled += 1;
                        if stalled >= DEADLOCK_SLICES {
                            return End::Deadlock;
                        }
                    } else {
                        stalled = 0;
                        seen = p;
                    }
                }
            }
        });
        if !matches!(end, End::Deadlock) {
            reg.forever.lock().remove(&id);
        }
        match end {
            End::Done => Ok(true),
            End::TimedOut => Ok(false),
            End::Interrupted => {
                self.interp.gil.take_interrupt(&self.thread);
                Err(PyErr::with_args(&types().keyboard_interrupt, vec![]))
            }
            End::Deadlock => {
                crate::builtins::io::flush_stdout();
                let text = reg.report();
                crate::builtins::io::write_stderr(&text);
                std::process::exit(1);
            }
        }
    }

    /// The gil-level stack of this thread, innermost last, as (code, line) sites.
    fn stack_sites(&self) -> Sites {
        let mut sites: Sites = self
            .frames
            .iter()
            .map(|f| (f.code.clone(), f.line()))
            .collect();
        if let Some((code, ip)) = &self.site {
            sites.push((code.clone(), code.line_at(ip.saturating_sub(1))));
        }
        sites
    }

    /// The gil-level stack of this thread, innermost last, as traceback lines.
    pub fn stack_text(&self) -> String {
        render_sites(&self.stack_sites())
    }
}

fn render_sites(sites: &Sites) -> String {
    let mut out = String::new();
    for (code, line) in sites {
        out.push_str(&format!(
            "  File \"{}\", line {line}, in {}\n",
            code.filename, code.name
        ));
        let text = crate::syntax::error::line_text(&code.source, *line as usize).trim();
        if !text.is_empty() {
            out.push_str(&format!("    {text}\n"));
        }
    }
    out
}
