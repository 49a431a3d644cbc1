//! The interactive interpreter: `gil` on a terminal, or `gil repl`.
//!
//! One line is read at a time (`>>> ` then `... `), as CPython does: the parser's `incomplete`
//! answer decides whether a continuation line is needed, and a compound statement is ended by a
//! blank line. The GIL is released while the user types (`allow_threads(.., "input", ..)`), so
//! threads started at the prompt keep running; their output is printed above the line being
//! edited through rustyline's `ExternalPrinter` (see `builtins::io::set_stdout_sink`).
//!
//! Ctrl-C: while a line is read the terminal is in raw mode, so Ctrl-C is a key that rustyline
//! reports as `Interrupted` (the line is discarded). While code runs, the terminal is in cooked
//! mode: Ctrl-C sends SIGINT, which `signals::forward_sigint` turns into a `KeyboardInterrupt`
//! in the main thread. rustyline is built with its `signal-hook` feature, so that it only
//! registers a SIGWINCH action through signal-hook's registry and never replaces the SIGINT
//! handler with its own.

pub mod editor;
pub mod meta;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use parking_lot::Mutex;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor, ExternalPrinter};

use crate::cli::RunOpts;
use crate::gil::Gil;
use crate::objects::DictObj;
use crate::vm::interp::Interp;
use crate::vm::types::types;
use crate::vm::Vm;

use editor::{Entry, ReplHelper};

/// What running one chunk of input did.
pub enum Outcome {
    Ok,
    /// An exception was printed.
    Failed,
    /// `exit()` / `SystemExit`: leave with this status.
    Exit(i32),
}

/// The state shared by the loop, the completer and the meta commands.
pub struct Session {
    pub vm: Vm,
    pub globals: Arc<DictObj>,
}

/// Where the history is kept: `$XDG_STATE_HOME/gil/history` if that variable is set, else
/// `~/.gil_history`.
pub fn history_path() -> Option<PathBuf> {
    if let Some(state) = std::env::var_os("XDG_STATE_HOME").filter(|s| !s.is_empty()) {
        let dir = PathBuf::from(state).join("gil");
        let _ = std::fs::create_dir_all(&dir);
        return Some(dir.join("history"));
    }
    std::env::var_os("HOME")
        .filter(|s| !s.is_empty())
        .map(|h| PathBuf::from(h).join(".gil_history"))
}

/// Runs the REPL; returns the exit status.
pub fn run(opts: RunOpts) -> i32 {
    let interp = Interp::new(vec![String::new()], Gil::new(opts.policy));
    *interp.main_dir.lock() = Some(PathBuf::from("."));
    // The REPL records GIL events from the start, so that `:timeline` can draw them.
    interp.gil.enable_events(true);
    let ts = interp.gil.register_thread("MainThread");
    interp.gil.acquire(&ts);
    crate::signals::forward_sigint(&interp, &ts);
    let vm = Vm::new(Arc::clone(&interp), ts.clone());
    let globals = crate::run::main_module(&vm, "<stdin>");
    let session = Rc::new(RefCell::new(Session { vm, globals }));

    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .max_history_size(10_000)
        .unwrap()
        .build();
    let mut ed: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gil: cannot start the line editor: {e}");
            return 1;
        }
    };
    ed.set_helper(Some(ReplHelper::new(session.clone())));
    let hist = history_path();
    if let Some(h) = &hist {
        let _ = ed.load_history(h);
    }
    let printer: Option<Arc<Mutex<Box<dyn ExternalPrinter + Send>>>> = ed
        .create_external_printer()
        .ok()
        .map(|p| Arc::new(Mutex::new(Box::new(p) as Box<dyn ExternalPrinter + Send>)));
    // Text printed by other threads while the prompt is up, not yet ended by a newline.
    let pending = Arc::new(Mutex::new(String::new()));

    println!(
        "gil {} (GIL policy: {}) — type :help for the REPL commands, exit() or Ctrl-D to leave",
        env!("CARGO_PKG_VERSION"),
        opts.policy.name()
    );

    let mut buf = String::new();
    let mut indent = String::new();
    let mut status = 0;
    loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        if let Some(p) = &printer {
            let (p, pending) = (p.clone(), pending.clone());
            crate::builtins::io::set_stdout_sink(Some(Box::new(move |s: &str| {
                let mut pend = pending.lock();
                pend.push_str(s);
                if let Some(i) = pend.rfind('\n') {
                    let lines: String = pend.drain(..=i).collect();
                    let _ = p.lock().print(lines);
                }
            })));
        }
        let line = interp.gil.allow_threads(&ts, "input", || {
            ed.readline_with_initial(prompt, (&indent, ""))
        });
        crate::builtins::io::set_stdout_sink(None);
        {
            let mut pend = pending.lock();
            if !pend.is_empty() {
                print!("{}", std::mem::take(&mut *pend));
            }
        }
        // A Ctrl-C that arrived outside any code (while the line was read) is not for the next statement.
        interp.gil.take_interrupt(&ts);
        indent.clear();
        let line = match line {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                buf.clear();
                continue;
            }
            Err(ReadlineError::Eof) => {
                println!();
                break;
            }
            Err(e) => {
                eprintln!("gil: {e}");
                status = 1;
                break;
            }
        };
        if !line.trim().is_empty() {
            let _ = ed.add_history_entry(line.as_str());
            if let Some(h) = &hist {
                let _ = ed.save_history(h);
            }
        }
        if buf.is_empty() {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with(':') {
                let mut s = session.borrow_mut();
                match meta::run(&mut s, t) {
                    Outcome::Exit(code) => {
                        status = code;
                        break;
                    }
                    _ => continue,
                }
            }
        }
        buf.push_str(&line);
        buf.push('\n');
        match editor::classify(&buf, &line) {
            Entry::More => {
                indent = editor::next_indent(&line);
                continue;
            }
            Entry::Run => {
                let src = std::mem::take(&mut buf);
                let mut s = session.borrow_mut();
                if let Outcome::Exit(code) = exec(&mut s, &src) {
                    status = code;
                    break;
                }
            }
            Entry::Error(e) => {
                let src = std::mem::take(&mut buf);
                eprint!("{}", crate::run::format_syntax_error(&e, "<stdin>", &src));
            }
        }
    }
    if let Some(h) = &hist {
        let _ = ed.save_history(h);
    }
    drop(ed);
    let mut s = session.borrow_mut();
    shutdown(&mut s.vm);
    interp.gil.release(&ts);
    if opts.stats {
        eprint!("{}", crate::report::gil_stats_table(&interp.gil.snapshot()));
    }
    status
}

/// Compiles `src` in interactive mode (expression statements echo their value and set `_`) and
/// runs it in the session's `__main__`.
pub fn exec(s: &mut Session, src: &str) -> Outcome {
    let code = match crate::run::compile_source("<stdin>", src, true) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", crate::run::format_syntax_error(&e, "<stdin>", src));
            return Outcome::Failed;
        }
    };
    let r = if code.flags.coroutine {
        run_awaiting(s, code)
    } else {
        let frame = crate::vm::frame::Frame::new(code, s.globals.clone(), Vec::new());
        s.vm.run_frame(frame)
    };
    crate::builtins::io::flush_stdout();
    match r {
        Ok(_) => Outcome::Ok,
        Err(e) if e.matches(&types().system_exit) => {
            Outcome::Exit(crate::run::report_uncaught(&mut s.vm, &e))
        }
        Err(e) => {
            crate::run::report_uncaught(&mut s.vm, &e);
            Outcome::Failed
        }
    }
}

/// Top-level `await`, as `python -m asyncio` does: the chunk becomes a coroutine, run to
/// completion on an event loop that persists between inputs (`__main__.__repl_loop__`).
fn run_awaiting(
    s: &mut Session,
    code: Arc<crate::bytecode::Code>,
) -> crate::vm::PyResult<crate::objects::Value> {
    use crate::objects::{FunctionObj, Value};
    let frame = crate::vm::frame::Frame::new(code.clone(), s.globals.clone(), Vec::new());
    let func = Arc::new(FunctionObj {
        code,
        globals: s.globals.clone(),
        defaults: Vec::new(),
        kwdefaults: Vec::new(),
        closure: Vec::new(),
        dict: Arc::new(DictObj::new()),
    });
    let coro = Value::Generator(Arc::new(crate::vm::generator::GeneratorObj::new(
        frame, func,
    )));
    let asyncio =
        s.vm.import_name("asyncio", &Value::None, &Value::Int(0), &s.globals)?;
    let lp = match s.globals.get_str("__repl_loop__") {
        Some(l) => l,
        None => {
            let new = s.vm.get_attr_str(&asyncio, "new_event_loop")?;
            let l = s.vm.call0(&new, vec![])?;
            let set = s.vm.get_attr_str(&asyncio, "set_event_loop")?;
            s.vm.call0(&set, vec![l.clone()])?;
            s.globals.set_str("__repl_loop__", l.clone());
            l
        }
    };
    let run = s.vm.get_attr_str(&lp, "run_until_complete")?;
    s.vm.call0(&run, vec![coro])
}

/// As at the end of a script: wait for non-daemon threads (`threading._shutdown`).
fn shutdown(vm: &mut Vm) {
    if let Some(threading) = vm.interp.modules.get_str("threading") {
        let r = vm
            .get_attr_str(&threading, "_shutdown")
            .and_then(|f| vm.call0(&f, vec![]));
        if let Err(e) = r {
            crate::run::report_uncaught(vm, &e);
        }
    }
    crate::builtins::io::flush_stdout();
}
