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

/// How often the main thread (the one Ctrl-C interrupts) looks up from a wait.
const SLICE: Duration = Duration::from_millis(20);
/// How often any other thread does: only for the deadlock check, so rarely. Ten thousand
/// threads blocked on an `Event` then cost nothing until it is set (at 20 ms each they made
/// 500,000 wake-ups a second and starved the thread that would have set it).
const LONG_SLICE: Duration = Duration::from_secs(1);
/// How long all threads must have been waiting with no progress before it is a deadlock.
const DEADLOCK_AFTER: Duration = Duration::from_millis(200);

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
        // Thread 0 is the main thread, the only one `signals` interrupts.
        let every = if id == 0 { SLICE } else { LONG_SLICE };
        // Checks in a row that found every thread waiting and no progress.
        let needed = (DEADLOCK_AFTER.as_millis() / every.as_millis()).max(2) as u32;
        let end = gil.allow_threads(&ts, call, || {
            let mut stalled = 0u32;
            let mut seen = reg.progress.load(Ordering::Relaxed);
            let end = loop {
                let slice = match deadline {
                    Some(d) => {
                        let now = Instant::now();
                        if now >= d {
                            break End::TimedOut;
                        }
                        (d - now).min(every)
                    }
                    None => every,
                };
                if try_wait(slice) {
                    break End::Done;
                }
                if gil.interrupt_pending(&ts) {
                    break End::Interrupted;
                }
                if deadline.is_none() {
                    let p = reg.progress.load(Ordering::Relaxed);
                    if p == seen && reg.all_blocked() {
                        stalled += 1;
                        if stalled >= needed {
                            return End::Deadlock;
                        }
                    } else {
                        stalled = 0;
                        seen = p;
                    }
                }
            };
            // Unregistered before the GIL is retaken: a thread that got its lock but waits
            // for the GIL is not blocked, and must not make the others see a deadlock.
            if deadline.is_none() {
                reg.forever.lock().remove(&id);
            }
            end
        });
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
