//! The command line (`clap`): `gil FILE`, `gil run FILE`, `gil -c CODE`, `gil dis FILE`, `gil repl`
//! (and `gil` alone on a terminal).

use std::path::Path;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::gil::{Gil, Policy};
use crate::vm::interp::Interp;
use crate::vm::Vm;

#[derive(Parser, Debug)]
#[command(
    name = "gil",
    version,
    about = "A small Python-flavoured bytecode language with a global interpreter lock you can see and measure",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Program passed in as a string
    #[arg(short = 'c', value_name = "CODE")]
    pub code: Option<String>,

    /// The GIL policy: interval (CPython 3.2+), ticks (Python 2), priority (Beazley) or off
    #[arg(long = "gil-policy", env = "GIL_POLICY", global = true)]
    pub policy: Option<String>,

    /// `--gil=off` runs free-threaded (same as `--gil-policy=off`)
    #[arg(long = "gil", value_name = "on|off", global = true)]
    pub gil: Option<String>,

    /// Print the per-thread GIL accounting table at exit
    #[arg(long = "gil-stats", global = true)]
    pub gil_stats: bool,

    /// At exit, print where the time went and a verdict (I/O-bound, CPU-bound, convoy...)
    #[arg(long = "diagnose", global = true)]
    pub diagnose: bool,

    /// Write an SVG timeline of the threads and the GIL to this file
    #[arg(long = "timeline", value_name = "FILE.svg", global = true)]
    pub timeline: Option<String>,

    /// Write the GIL events as a Chrome/Perfetto trace (JSON) to this file
    #[arg(long = "trace", value_name = "FILE.json", global = true)]
    pub trace: Option<String>,

    /// Internal: run as a `multiprocessing` worker for this main script (see `modules/mp.rs`)
    #[arg(long = "mp-worker", value_name = "SCRIPT", hide = true)]
    pub mp_worker: Option<String>,
    /// At exit, print cProfile's table of every gil and built-in function called
    #[arg(long = "profile", global = true)]
    pub profile: bool,

    /// Order of the --profile table: cumtime (default), tottime or calls
    #[arg(long = "profile-sort", value_name = "calls|tottime|cumtime", global = true,
          value_parser = ["calls", "tottime", "cumtime", "cumulative", "ncalls", "time"])]
    pub profile_sort: Option<String>,

    /// Write a flame graph (SVG) of the gil-level call stacks, by time, to this file
    #[arg(long = "flamegraph", value_name = "FILE.svg", global = true)]
    pub flamegraph: Option<String>,
    /// asyncio: report (to stderr, while it happens) an event-loop step running longer than
    /// SECONDS (default 0.1), with the task and its current line
    #[arg(long = "loop-watchdog", value_name = "SECONDS", num_args = 0..=1, require_equals = true, default_missing_value = "0.1", global = true)]
    pub loop_watchdog: Option<f64>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Script to run, then its arguments
    #[arg(value_name = "FILE")]
    pub file: Option<String>,

    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a script
    Run {
        file: String,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Show the bytecode of a script, as Python's `dis` does
    Dis { file: String },
    /// The interactive interpreter (also what `gil` with no arguments starts on a terminal)
    Repl,
}

/// Parses the command line and runs; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    let policy = match policy_of(&cli) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("gil: {msg}");
            return 2;
        }
    };
    if let Some(t) = cli.loop_watchdog {
        if t.is_nan() || t <= 0.0 {
            eprintln!("gil: --loop-watchdog expects a positive number of seconds");
            return 2;
        }
        crate::modules::aio_poll::set_loop_watchdog(Some(t));
    }
    crate::observe::configure(crate::observe::ObserveOpts {
        diagnose: cli.diagnose,
        timeline: cli.timeline.clone(),
        trace: cli.trace.clone(),
    });
    if let Some(script) = cli.mp_worker.clone() {
        let opts = RunOpts {
            policy,
            stats: false,
        };
        return run_on_big_stack(move || run_worker(&script, opts));
    }
    crate::profile::configure(crate::profile::ProfileOpts {
        table: cli.profile,
        sort: cli
            .profile_sort
            .as_deref()
            .and_then(crate::profile::SortKey::parse),
        flamegraph: cli.flamegraph.clone(),
    });
    if let Some(code) = cli.code.clone() {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.file.clone());
        argv.extend(cli.args.clone());
        let opts = RunOpts {
            policy,
            stats: cli.gil_stats,
        };
        return run_on_big_stack(move || run_source("<string>", &code, argv, None, opts));
    }
    let opts = RunOpts {
        policy,
        stats: cli.gil_stats,
    };
    match cli.command {
        Some(Command::Dis { file }) => dis_file(&file),
        Some(Command::Run { file, args }) => run_file(file, args, opts),
        Some(Command::Repl) => run_on_big_stack(move || crate::repl::run(opts)),
        None => match cli.file {
            Some(file) => run_file(file, cli.args, opts),
            None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                run_on_big_stack(move || crate::repl::run(opts))
            }
            None => {
                // No script: read the program from standard input, as python3 does.
                let mut src = String::new();
                if std::io::Read::read_to_string(&mut std::io::stdin(), &mut src).is_err() {
                    eprintln!("gil: could not read standard input");
                    return 2;
                }
                run_on_big_stack(move || run_source("<stdin>", &src, vec!["-".into()], None, opts))
            }
        },
    }
}

fn policy_of(cli: &Cli) -> Result<Policy, String> {
    if let Some(g) = &cli.gil {
        match g.as_str() {
            "off" | "0" => return Ok(Policy::Off),
            "on" | "1" => {}
            other => return Err(format!("--gil expects on or off, not '{other}'")),
        }
    }
    match &cli.policy {
        Some(p) => p
            .parse::<Policy>()
            .map_err(|e| format!("unknown GIL policy '{}'", e.0)),
        None => Ok(Policy::Interval),
    }
}

fn read_script(file: &str) -> Result<String, i32> {
    match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(e) => {
                let pos = e.utf8_error().valid_up_to();
                eprintln!(
                    "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {file} on line {}, but no encoding declared",
                    e.as_bytes()[pos],
                    e.as_bytes()[..pos].iter().filter(|b| **b == b'\n').count() + 1
                );
                Err(1)
            }
        },
        Err(e) => {
            let abs = std::path::absolute(file)
                .map(|p| p.display().to_string())
                .unwrap_or(file.to_string());
            let mut msg = e.to_string();
            if let Some(i) = msg.find(" (os error") {
                msg.truncate(i);
            }
            eprintln!(
                "gil: can't open file '{abs}': [Errno {}] {msg}",
                e.raw_os_error().unwrap_or(0)
            );
            Err(2)
        }
    }
}

/// How to run a program: the lock's policy and what to report at exit.
#[derive(Clone, Copy)]
pub struct RunOpts {
    pub policy: Policy,
    pub stats: bool,
}

fn run_file(file: String, args: Vec<String>, opts: RunOpts) -> i32 {
    let src = match read_script(&file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut argv = vec![file.clone()];
    argv.extend(args);
    let dir = Path::new(&file).parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".").to_path_buf()
        } else {
            p.to_path_buf()
        }
    });
    run_on_big_stack(move || run_source(&file, &src, argv, dir, opts))
}

/// Runs the interpreter on a thread with a large stack: native code that calls back into gil
/// code (`sorted(key=...)`, `__repr__`, ...) recurses in Rust, bounded by the recursion limit.
pub fn run_on_big_stack(f: impl FnOnce() -> i32 + Send + 'static) -> i32 {
    std::thread::Builder::new()
        .name("main".into())
        .stack_size(crate::vm::MAIN_STACK)
        .spawn(f)
        .map(|h| h.join().unwrap_or(70))
        .unwrap_or(70)
}

fn run_source(
    path: &str,
    src: &str,
    argv: Vec<String>,
    dir: Option<std::path::PathBuf>,
    opts: RunOpts,
) -> i32 {
    let interp = Interp::new(argv, Gil::new(opts.policy));
    *interp.main_dir.lock() = dir;
    crate::observe::before_run(&interp.gil);
    let ts = interp.gil.register_thread("MainThread");
    interp.gil.acquire(&ts);
    crate::signals::forward_sigint(&interp, &ts);
    let mut vm = Vm::new(Arc::clone(&interp), ts.clone());
    let status = crate::run::run_main(&mut vm, path, src);
    crate::profile::finish_thread(&mut vm);
    interp.gil.release(&ts);
    if opts.stats {
        let snap = interp.gil.snapshot();
        eprint!("{}", crate::report::gil_stats_table(&snap));
        eprint!("{}", crate::report::children_table(snap.elapsed));
    }
    crate::observe::after_run(&interp.gil, path);
    crate::profile::after_run(&interp);
    status
}

/// A `multiprocessing` worker: the parent's main script as `__mp_main__`, then the task loop.
fn run_worker(script: &str, opts: RunOpts) -> i32 {
    let src = if script.is_empty() {
        String::new()
    } else {
        match read_script(script) {
            Ok(s) => s,
            Err(code) => return code,
        }
    };
    let dir = Path::new(script).parent().map(|p| p.to_path_buf());
    let interp = Interp::new(vec![script.to_string()], Gil::new(opts.policy));
    *interp.main_dir.lock() = dir;
    let ts = interp.gil.register_thread("MainThread");
    interp.gil.acquire(&ts);
    crate::signals::forward_sigint(&interp, &ts);
    let mut vm = Vm::new(Arc::clone(&interp), ts.clone());
    let status = crate::run::run_worker(&mut vm, script, &src);
    interp.gil.release(&ts);
    status
}

fn dis_file(file: &str) -> i32 {
    let src = match read_script(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match crate::run::compile_source(file, &src, false) {
        Ok(code) => {
            print!("{}", crate::bytecode::dis::disassemble(&code));
            0
        }
        Err(e) => {
            eprint!("{}", crate::run::format_syntax_error(&e, file, &src));
            1
        }
    }
}
