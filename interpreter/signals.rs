//! Ctrl-C: SIGINT becomes a `KeyboardInterrupt` in the main thread at its next check point
//! (or as soon as its current blocking wait notices), as in Python.

use std::sync::Arc;

use crate::gil::ThreadState;
use crate::vm::interp::Interp;

/// Starts a watcher thread that turns each SIGINT into an interrupt request for `main`.
pub fn forward_sigint(interp: &Arc<Interp>, main: &Arc<ThreadState>) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) else {
        return;
    };
    let interp = interp.clone();
    let main = main.clone();
    let _ = std::thread::Builder::new()
        .name("sigint".into())
        .spawn(move || {
            for _ in signals.forever() {
                interp.gil.request_interrupt(&main);
            }
        });
}
