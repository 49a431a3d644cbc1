//! The colon commands of the REPL (`:help` lists them).

use std::time::{Duration, Instant};

use crate::objects::Value;

use super::{Outcome, Session};

const HELP: &str = "\
REPL commands:
  :help                 this list
  :dis NAME_OR_EXPR     bytecode of a function (or method, or class body), or of the compiled expression
  :stats [reset]        GIL accounting per thread since start-up (or since `:stats reset`)
  :time STATEMENT       wall time, process CPU time and the main thread's GIL wait for one statement
  :switchinterval [S]   show or set the switch interval, in seconds (sys.setswitchinterval)
  :policy [NAME]        show the GIL policy, or switch it: interval, ticks or priority
                        (at run time, also with gil.set_policy; --gil=off is chosen at start-up
                        and cannot be switched on or off here)
  :diagnose             the --diagnose verdict for everything run so far
  :timeline FILE.svg    write the GIL timeline picture since start-up (or the last :timeline)
  :quit                 leave (as do exit(), quit() and Ctrl-D)
";

/// Runs one colon command (`line` starts with `:`).
pub fn run(s: &mut Session, line: &str) -> Outcome {
    let body = &line[1..];
    let (cmd, arg) = match body.find(char::is_whitespace) {
        Some(i) => (&body[..i], body[i..].trim()),
        None => (body, ""),
    };
    match cmd {
        "help" | "h" | "?" => print!("{HELP}"),
        "dis" => dis(s, arg),
        "stats" => stats(s, arg),
        "time" => return time(s, arg),
        "switchinterval" => switch_interval(s, arg),
        "policy" => policy(s, arg),
        "diagnose" => print!("{}", crate::observe::diagnose_now(&s.vm.interp.gil)),
        "timeline" => {
            let path = if arg.is_empty() { "timeline.svg" } else { arg };
            match crate::observe::timeline_now(&s.vm.interp.gil, "<repl>", path) {
                Ok(()) => println!("wrote {path}"),
                Err(e) => println!(":timeline failed: {e}"),
            }
        }
        "quit" | "q" | "exit" => return Outcome::Exit(0),
        _ => {
            println!("unknown command :{cmd} — :help lists the commands");
            return Outcome::Failed;
        }
    }
    Outcome::Ok
}

fn dis(s: &mut Session, arg: &str) {
    if arg.is_empty() {
        println!("usage: :dis NAME_OR_EXPR");
        return;
    }
    let is_dotted = arg
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if is_dotted {
        let code = match super::editor::resolve(s, arg) {
            Some(Value::Function(f)) => Some(f.code.clone()),
            Some(Value::BoundMethod(m)) => match &m.func {
                Value::Function(f) => Some(f.code.clone()),
                _ => None,
            },
            _ => None,
        };
        if let Some(code) = code {
            print!("{}", crate::bytecode::dis::disassemble(&code));
            return;
        }
    }
    match crate::run::compile_source("<dis>", arg, false) {
        Ok(code) => print!("{}", crate::bytecode::dis::disassemble(&code)),
        Err(e) => eprint!("{}", crate::run::format_syntax_error(&e, "<dis>", arg)),
    }
}

fn stats(s: &mut Session, arg: &str) {
    let gil = &s.vm.interp.gil;
    match arg {
        "reset" => {
            gil.reset_stats();
            println!("GIL statistics reset");
        }
        "" => {
            let snap = gil.snapshot();
            print!("{}", crate::report::gil_stats_table(&snap));
            let secs = |d: Duration| d.as_secs_f64();
            println!(
                "{:<16} {:>10} {:>10} {:>10}  (seconds)",
                "", "running", "waiting", "blocked"
            );
            for t in &snap.threads {
                println!(
                    "{:<16} {:>10.3} {:>10.3} {:>10.3}  {}{}",
                    t.name,
                    secs(t.running),
                    secs(t.waiting),
                    secs(t.blocked),
                    phase_name(t),
                    if t.finished { " (finished)" } else { "" }
                );
            }
            println!("(the main thread counts the time at the prompt as blocked in `input`)");
        }
        _ => println!("usage: :stats [reset]"),
    }
}

fn phase_name(t: &crate::gil::ThreadStats) -> String {
    use crate::gil::ThreadPhase;
    match t.phase {
        ThreadPhase::Running => "running".into(),
        ThreadPhase::WaitingForGil => "waiting for the GIL".into(),
        ThreadPhase::Blocked(c) => format!("blocked in {c}"),
        ThreadPhase::Idle => "idle".into(),
        ThreadPhase::Exited => "exited".into(),
    }
}

/// CPU time used by the whole process so far.
fn process_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable `timespec` that outlives the call, and
    // CLOCK_PROCESS_CPUTIME_ID is a clock every Linux and macOS libc supports; on failure the
    // call returns -1 and leaves `ts` zeroed, which we report as zero.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn main_wait(s: &Session) -> Duration {
    let id = s.vm.thread.id();
    s.vm.interp
        .gil
        .snapshot()
        .thread(id)
        .map(|t| t.waiting)
        .unwrap_or_default()
}

fn fmt_dur(d: Duration) -> String {
    let x = d.as_secs_f64();
    if x >= 1.0 {
        format!("{x:.2} s")
    } else if x >= 1e-3 {
        format!("{:.1} ms", x * 1e3)
    } else {
        format!("{:.0} µs", x * 1e6)
    }
}

fn time(s: &mut Session, stmt: &str) -> Outcome {
    if stmt.is_empty() {
        println!("usage: :time STATEMENT");
        return Outcome::Failed;
    }
    let wait0 = main_wait(s);
    let cpu0 = process_cpu_time();
    let t0 = Instant::now();
    let out = super::exec(s, &format!("{stmt}\n"));
    let wall = t0.elapsed();
    let cpu = process_cpu_time().saturating_sub(cpu0);
    let wait = main_wait(s).saturating_sub(wait0);
    println!("CPU time (process): {}", fmt_dur(cpu));
    println!("Wall time: {}", fmt_dur(wall));
    println!("GIL wait (main thread): {}", fmt_dur(wait));
    out
}

fn policy(s: &mut Session, arg: &str) {
    let gil = &s.vm.interp.gil;
    if !arg.is_empty() {
        let switched = arg
            .parse::<crate::gil::Policy>()
            .map_err(|e| e.to_string())
            .and_then(|p| gil.set_policy(p).map_err(|e| e.to_string()));
        if let Err(e) = switched {
            println!(":policy: {e}");
            return;
        }
    }
    println!("GIL policy: {}", gil.policy());
}

fn switch_interval(s: &mut Session, arg: &str) {
    let gil = &s.vm.interp.gil;
    if arg.is_empty() {
        println!("switch interval: {} s", gil.switch_interval());
        return;
    }
    match arg.parse::<f64>() {
        Ok(v) => match gil.set_switch_interval(v) {
            Ok(()) => println!("switch interval: {} s", gil.switch_interval()),
            Err(e) => println!("ValueError: {e}"),
        },
        Err(_) => println!("usage: :switchinterval SECONDS"),
    }
}
