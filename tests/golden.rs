//! Golden and differential tests for the `gil` binary.
//!
//! Test scripts live in `tests/scripts/<suite>/`. Only the top-level files of
//! each suite folder whose names end in `.py` or `.gil` and do not start with
//! `_` are tests; helper modules live in subdirectories (packages) or are named
//! `_*.py`. For a script `NAME.py` the expected results are:
//!
//! * `NAME.stdout` – exact expected stdout (required),
//! * `NAME.stderr` – the expected last non-empty line of stderr (optional),
//! * `NAME.status` – the expected exit status (optional, default 0),
//! * `NAME.args`   – command-line arguments, one per line (optional).
//!
//! The expected files are generated with CPython 3.11 by `tests/scripts/regen.sh`.
//!
//! Every script yields two trials:
//!
//! * `golden::<suite>::<name>` runs gil and compares with the expected files;
//! * `differential::<suite>::<name>` runs gil and CPython side by side and
//!   compares stdout, the last stderr line and the exit status. It is ignored
//!   when no Python is available. `.gil` scripts get only the golden trial.
//!
//! Environment variables:
//!
//! * `GIL_TEST_BIN` – run this executable instead of the built `gil`
//!   (e.g. `GIL_TEST_BIN=python3` to sanity-check the expected files);
//! * `GIL_TEST_PYTHON` – the Python used by differential trials (default
//!   `python3` from `PATH`; its real executable is resolved once);
//! * `GIL_TEST_NO_DIFFERENTIAL=1` – mark all differential trials ignored;
//! * `GIL_TEST_TIMEOUT` – per-run timeout in seconds (default 30).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// One golden script.
struct Script {
    suite: String,
    name: String,
    dir: PathBuf,
    file_name: String,
    /// Path without extension; expected files are `<base>.stdout` etc.
    base: PathBuf,
    is_gil_only: bool,
}

/// The outcome of running a program to completion.
struct RunResult {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<i32>,
}

struct Config {
    gil: PathBuf,
    python: Option<PathBuf>,
    timeout: Duration,
}

fn scripts_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("scripts")
}

fn discover(root: &Path) -> Vec<Script> {
    let mut suites: Vec<PathBuf> = match fs::read_dir(root) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect(),
        Err(e) => panic!("cannot read {}: {e}", root.display()),
    };
    suites.sort();
    let mut scripts = Vec::new();
    for dir in suites {
        let suite = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            if (ext != "py" && ext != "gil") || file_name.starts_with('_') {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            scripts.push(Script {
                suite: suite.clone(),
                base: dir.join(&name),
                name,
                dir: dir.clone(),
                file_name,
                is_gil_only: ext == "gil",
            });
        }
    }
    scripts
}

/// Runs `program args...` in `cwd` with no stdin, killing it after `timeout`.
fn run_with_timeout(
    program: &Path,
    args: &[String],
    cwd: &Path,
    timeout: Duration,
) -> Result<RunResult, String> {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONPATH")
        .env_remove("GILPATH")
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {
                if start.elapsed() >= timeout {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "timed out after {} s: {} {}",
                        timeout.as_secs(),
                        program.display(),
                        args.join(" ")
                    ));
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(format!("waiting for {}: {e}", program.display())),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(RunResult {
        stdout,
        stderr,
        status: status.code(),
    })
}

/// The last non-empty line of `stderr`, trimmed.
fn last_stderr_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .unwrap_or_default()
}

/// The last `n` lines of stderr, for context in failure messages.
fn stderr_tail(stderr: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    lines[start..]
        .iter()
        .map(|l| format!("    | {l}\n"))
        .collect()
}

/// A readable description of the first difference between two outputs.
fn describe_diff(what: &str, expected: &[u8], got: &[u8]) -> String {
    let exp = String::from_utf8_lossy(expected);
    let act = String::from_utf8_lossy(got);
    let exp_lines: Vec<&str> = exp.split_inclusive('\n').collect();
    let act_lines: Vec<&str> = act.split_inclusive('\n').collect();
    let mut idx = 0;
    while idx < exp_lines.len() && idx < act_lines.len() && exp_lines[idx] == act_lines[idx] {
        idx += 1;
    }
    let mut msg = format!(
        "{what} differs at line {} (expected {} lines, got {} lines)\n",
        idx + 1,
        exp_lines.len(),
        act_lines.len()
    );
    let ctx_start = idx.saturating_sub(2);
    for (i, line) in exp_lines.iter().enumerate().take(idx).skip(ctx_start) {
        msg.push_str(&format!("    {:>4}   {:?}\n", i + 1, line));
    }
    match exp_lines.get(idx) {
        Some(l) => msg.push_str(&format!("  expected {:>4}: {:?}\n", idx + 1, l)),
        None => msg.push_str("  expected      : <end of output>\n"),
    }
    match act_lines.get(idx) {
        Some(l) => msg.push_str(&format!("  got      {:>4}: {:?}\n", idx + 1, l)),
        None => msg.push_str("  got           : <end of output>\n"),
    }
    msg
}

fn read_args(script: &Script) -> Vec<String> {
    let mut args = vec![script.file_name.clone()];
    let args_path = script.base.with_extension("args");
    if let Ok(text) = fs::read_to_string(&args_path) {
        args.extend(text.lines().map(str::to_string));
    }
    args
}

fn check_no_panic(who: &str, res: &RunResult) -> Result<(), String> {
    let err = String::from_utf8_lossy(&res.stderr);
    if err.contains("panicked at") || err.contains("RUST_BACKTRACE") {
        return Err(format!(
            "{who} panicked; stderr tail:\n{}",
            stderr_tail(&res.stderr, 15)
        ));
    }
    if err.contains("has overflowed its stack") {
        return Err(format!("{who} overflowed its native stack"));
    }
    Ok(())
}

fn status_text(status: Option<i32>) -> String {
    match status {
        Some(code) => code.to_string(),
        None => "killed by a signal".to_string(),
    }
}

fn run_golden(script: &Script, cfg: &Config) -> Result<(), Failed> {
    let expected_stdout = fs::read(script.base.with_extension("stdout")).map_err(|e| {
        format!(
            "missing {}.stdout ({e}); run tests/scripts/regen.sh",
            script.base.display()
        )
    })?;
    let expected_stderr = fs::read_to_string(script.base.with_extension("stderr"))
        .ok()
        .map(|s| s.trim().to_string());
    let expected_status: i32 = match fs::read_to_string(script.base.with_extension("status")) {
        Ok(s) => s
            .trim()
            .parse()
            .map_err(|e| format!("bad .status file for {}: {e}", script.name))?,
        Err(_) => 0,
    };
    let args = read_args(script);
    let res = run_with_timeout(&cfg.gil, &args, &script.dir, cfg.timeout)?;
    check_no_panic("gil", &res)?;
    let mut problems = Vec::new();
    if res.stdout != expected_stdout {
        problems.push(describe_diff("stdout", &expected_stdout, &res.stdout));
    }
    if let Some(exp) = &expected_stderr {
        let got = last_stderr_line(&res.stderr);
        if &got != exp {
            problems.push(format!(
                "last stderr line differs\n  expected: {exp:?}\n  got:      {got:?}\n"
            ));
        }
    }
    if res.status != Some(expected_status) {
        problems.push(format!(
            "exit status differs: expected {expected_status}, got {}\n",
            status_text(res.status)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let mut msg = problems.concat();
        if !res.stderr.is_empty() {
            msg.push_str("stderr tail:\n");
            msg.push_str(&stderr_tail(&res.stderr, 10));
        }
        Err(msg.into())
    }
}

fn run_differential(script: &Script, cfg: &Config) -> Result<(), Failed> {
    let python = cfg.python.as_ref().ok_or("no python available")?;
    let args = read_args(script);
    let py = run_with_timeout(python, &args, &script.dir, cfg.timeout)
        .map_err(|e| format!("python: {e}"))?;
    let gil = run_with_timeout(&cfg.gil, &args, &script.dir, cfg.timeout)?;
    check_no_panic("gil", &gil)?;
    let mut problems = Vec::new();
    if py.stdout != gil.stdout {
        problems.push(describe_diff(
            "stdout (python vs gil)",
            &py.stdout,
            &gil.stdout,
        ));
    }
    let (py_last, gil_last) = (last_stderr_line(&py.stderr), last_stderr_line(&gil.stderr));
    if py_last != gil_last {
        problems.push(format!(
            "last stderr line differs\n  python: {py_last:?}\n  gil:    {gil_last:?}\n"
        ));
    }
    if py.status != gil.status {
        problems.push(format!(
            "exit status differs: python {}, gil {}\n",
            status_text(py.status),
            status_text(gil.status)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.concat().into())
    }
}

/// Resolves the real executable of the Python used for differential trials,
/// so that each run avoids the start-up cost of shims such as pyenv's.
fn resolve_python() -> Result<PathBuf, String> {
    if std::env::var_os("GIL_TEST_NO_DIFFERENTIAL").is_some_and(|v| !v.is_empty() && v != "0") {
        return Err("GIL_TEST_NO_DIFFERENTIAL is set".to_string());
    }
    let requested = std::env::var("GIL_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let out = Command::new(&requested)
        .args(["-c", "import sys; print(sys.executable)"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{requested}` not runnable: {e}"))?;
    if !out.status.success() {
        return Err(format!("`{requested}` failed to report sys.executable"));
    }
    let exe = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if exe.is_empty() {
        return Err(format!("`{requested}` reported an empty sys.executable"));
    }
    Ok(PathBuf::from(exe))
}

fn main() {
    let args = Arguments::from_args();
    let gil = match std::env::var_os("GIL_TEST_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_gil")),
    };
    let timeout = std::env::var("GIL_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(30));
    let python = match resolve_python() {
        Ok(p) => Some(p),
        Err(why) => {
            println!("differential trials ignored: {why}");
            None
        }
    };
    let have_python = python.is_some();
    let cfg = Arc::new(Config {
        gil,
        python,
        timeout,
    });
    let scripts = discover(&scripts_root());
    assert!(!scripts.is_empty(), "no golden scripts found");
    let mut trials = Vec::new();
    for script in scripts {
        let script = Arc::new(script);
        let golden_name = format!("golden::{}::{}", script.suite, script.name);
        let diff_name = format!("differential::{}::{}", script.suite, script.name);
        {
            let (script, cfg) = (Arc::clone(&script), Arc::clone(&cfg));
            trials.push(Trial::test(golden_name, move || run_golden(&script, &cfg)));
        }
        if !script.is_gil_only {
            let (script, cfg) = (Arc::clone(&script), Arc::clone(&cfg));
            trials.push(
                Trial::test(diff_name, move || run_differential(&script, &cfg))
                    .with_ignored_flag(!have_python),
            );
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
