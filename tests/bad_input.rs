//! Bad-input and command-line tests for the `gil` binary.
//!
//! Every run has a timeout and must never crash the Rust process: no panic
//! messages and no native stack overflow. `GIL_TEST_BIN` overrides the binary
//! under test (handy for comparing with `python3`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Run {
    stdout: String,
    stderr: String,
    status: Option<i32>,
}

fn gil_bin() -> PathBuf {
    match std::env::var_os("GIL_TEST_BIN") {
        Some(bin) if !bin.is_empty() => PathBuf::from(bin),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_gil")),
    }
}

/// A fresh scratch directory for one test.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gil_bad_input_{}_{test}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Writes `contents` to `name` in a fresh scratch directory and returns its path.
fn write_script(test: &str, name: &str, contents: &[u8]) -> PathBuf {
    let path = scratch_dir(test).join(name);
    fs::write(&path, contents).expect("write script");
    path
}

/// Runs gil with `args` in `cwd`, failing the test on timeout.
fn run_gil(args: &[&str], cwd: &Path) -> Run {
    let bin = gil_bin();
    let mut child = Command::new(&bin)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gil {:?} timed out after {:?}", args, TIMEOUT);
        }
        thread::sleep(Duration::from_millis(5));
    };
    let run = Run {
        stdout: String::from_utf8_lossy(&out_t.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_t.join().unwrap()).into_owned(),
        status: status.code(),
    };
    assert_no_crash(&run);
    run
}

fn run_script(path: &Path) -> Run {
    let dir = path.parent().unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    run_gil(&[name], dir)
}

fn assert_no_crash(run: &Run) {
    assert!(
        !run.stderr.contains("panicked"),
        "gil panicked:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("has overflowed its stack"),
        "gil overflowed its native stack:\n{}",
        tail(&run.stderr)
    );
    assert!(
        run.status.is_some(),
        "gil was killed by a signal (crash?); stderr:\n{}",
        tail(&run.stderr)
    );
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines.len().saturating_sub(8);
    lines[start..]
        .iter()
        .map(|l| {
            let mut l = l.to_string();
            if l.len() > 200 {
                let mut cut = 200;
                while !l.is_char_boundary(cut) {
                    cut -= 1;
                }
                l.truncate(cut);
                l.push_str("...");
            }
            l + "\n"
        })
        .collect()
}

fn last_line(s: &str) -> &str {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(str::trim)
        .unwrap_or("")
}

/// True if `text` mentions `line N` with exactly that number.
fn mentions_line(text: &str, n: usize) -> bool {
    let needle = format!("line {n}");
    text.lines().any(|l| {
        l.contains("File \"")
            && l.match_indices(&needle).any(|(i, _)| {
                !l[i + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            })
    })
}

/// Asserts the CPython-style shape of a syntax error report.
fn assert_syntax_error(run: &Run, kind: &str, line: usize) {
    let err = &run.stderr;
    assert_eq!(
        run.status,
        Some(1),
        "expected exit status 1; stderr:\n{}",
        tail(err)
    );
    assert!(
        mentions_line(err, line),
        "expected a `File \"...\", line {line}` header; stderr:\n{}",
        tail(err)
    );
    assert!(
        err.lines().any(|l| l.trim_start().starts_with('^')),
        "expected a caret line; stderr:\n{}",
        tail(err)
    );
    let last = last_line(err);
    assert!(
        last.starts_with(&format!("{kind}:")),
        "expected last line to start with {kind}:, got {last:?}"
    );
}

/// Asserts that a pathological but possibly valid program either ran or
/// failed cleanly with a Python-style error as the last stderr line.
fn assert_clean_outcome(run: &Run, expected_stdout: &str) {
    match run.status {
        Some(0) => assert_eq!(run.stdout, expected_stdout, "wrong output on success"),
        Some(1) => {
            let last = last_line(&run.stderr);
            let name: String = last
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                name.ends_with("Error")
                    && (last.len() == name.len() || last[name.len()..].starts_with(':')),
                "expected a Python-style error as the last stderr line, got {last:?}"
            );
        }
        other => panic!(
            "expected exit status 0 or 1, got {other:?}; stderr:\n{}",
            tail(&run.stderr)
        ),
    }
}

#[test]
fn binary_junk_file() {
    // Deterministic pseudo-random bytes, with NULs and invalid UTF-8 mixed in.
    let mut state: u32 = 0x1234_5678;
    let mut bytes = Vec::with_capacity(4096);
    for i in 0..4096 {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        bytes.push(match i % 97 {
            0 => 0x00,
            1 => 0xff,
            2 => 0xc3,
            _ => (state >> 24) as u8,
        });
    }
    let path = write_script("junk", "junk.py", &bytes);
    let run = run_script(&path);
    assert_eq!(
        run.status,
        Some(1),
        "junk input must fail with status 1; stderr:\n{}",
        tail(&run.stderr)
    );
    assert!(
        last_line(&run.stderr).starts_with("SyntaxError"),
        "expected a SyntaxError, got {:?}",
        last_line(&run.stderr)
    );
}

#[test]
fn unterminated_string() {
    let path = write_script(
        "unterm",
        "unterm.py",
        b"x = 1\ny = 2\ns = \"abc\nprint(s)\n",
    );
    let run = run_script(&path);
    assert_syntax_error(&run, "SyntaxError", 3);
    assert!(
        last_line(&run.stderr).contains("unterminated string literal"),
        "got {:?}",
        last_line(&run.stderr)
    );
    assert!(
        run.stdout.is_empty(),
        "nothing may run before a syntax error"
    );
}

#[test]
fn unterminated_triple_quoted_string() {
    let path = write_script(
        "triple",
        "triple.py",
        b"x = 1\n\ns = \"\"\"abc\nmore\nprint(s)\n",
    );
    let run = run_script(&path);
    assert_syntax_error(&run, "SyntaxError", 3);
    assert!(
        last_line(&run.stderr).contains("unterminated triple-quoted string literal"),
        "got {:?}",
        last_line(&run.stderr)
    );
}

#[test]
fn ten_thousand_unclosed_brackets() {
    let src = format!("print('start')\n{}\n", "[".repeat(10_000));
    let path = write_script("brackets", "brackets.py", src.as_bytes());
    let run = run_script(&path);
    assert_syntax_error(&run, "SyntaxError", 2);
    assert!(
        run.stdout.is_empty(),
        "nothing may run before a syntax error"
    );
}

#[test]
fn hundred_thousand_nots() {
    let src = format!("x = {}True\nprint(x)\n", "not ".repeat(100_000));
    let path = write_script("nots", "nots.py", src.as_bytes());
    let run = run_script(&path);
    assert_clean_outcome(&run, "True\n");
}

#[test]
fn ten_thousand_nested_parens() {
    let src = format!("print({}1{})\n", "(".repeat(10_000), ")".repeat(10_000));
    let path = write_script("parens", "parens.py", src.as_bytes());
    let run = run_script(&path);
    assert_clean_outcome(&run, "1\n");
}

#[test]
fn unbounded_recursion_is_recursion_error() {
    let path = write_script(
        "recursion",
        "recursion.py",
        b"def f(n):\n    return f(n + 1)\nprint('go')\nf(0)\n",
    );
    let run = run_script(&path);
    assert_eq!(run.status, Some(1), "stderr:\n{}", tail(&run.stderr));
    assert_eq!(run.stdout, "go\n");
    let last = last_line(&run.stderr);
    assert!(
        last.starts_with("RecursionError: maximum recursion depth exceeded"),
        "got {last:?}"
    );
}

#[test]
fn five_thousand_deep_recursion_with_raised_limit() {
    let path = write_script(
        "deep5000",
        "deep.py",
        b"import sys\nsys.setrecursionlimit(6000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(5000))\n",
    );
    let run = run_script(&path);
    assert_eq!(run.status, Some(0), "stderr:\n{}", tail(&run.stderr));
    assert_eq!(run.stdout, "5000\n");
}

#[test]
fn inconsistent_dedent_is_indentation_error() {
    let path = write_script(
        "dedent",
        "dedent.py",
        b"if True:\n        x = 1\n    y = 2\n",
    );
    let run = run_script(&path);
    assert_syntax_error(&run, "IndentationError", 3);
    assert!(
        last_line(&run.stderr).contains("unindent does not match any outer indentation level"),
        "got {:?}",
        last_line(&run.stderr)
    );
}

#[test]
fn missing_file_reports_name() {
    let dir = scratch_dir("missing");
    let run = run_gil(&["nope_gil_missing.py"], &dir);
    assert_ne!(run.status, Some(0), "a missing file must fail");
    let err = run.stderr.trim();
    assert_eq!(err.lines().count(), 1, "expected one line, got:\n{err}");
    assert!(err.contains("can't open file"), "got {err:?}");
    assert!(err.contains("nope_gil_missing.py"), "got {err:?}");
    assert!(err.contains("No such file or directory"), "got {err:?}");
}

#[test]
fn unknown_flag_exits_2() {
    let dir = scratch_dir("flag");
    let run = run_gil(&["--definitely-not-a-flag"], &dir);
    assert_eq!(run.status, Some(2), "stderr:\n{}", tail(&run.stderr));
    assert!(!run.stderr.trim().is_empty(), "expected a usage message");
}

#[test]
fn version_flag() {
    let dir = scratch_dir("version");
    let run = run_gil(&["--version"], &dir);
    assert_eq!(run.status, Some(0), "stderr:\n{}", tail(&run.stderr));
    assert!(
        run.stdout.to_lowercase().contains("gil"),
        "expected the name in {:?}",
        run.stdout
    );
}

#[test]
fn dash_c_runs_code() {
    let dir = scratch_dir("dashc");
    let run = run_gil(&["-c", "print(1+1)"], &dir);
    assert_eq!(run.status, Some(0), "stderr:\n{}", tail(&run.stderr));
    assert_eq!(run.stdout, "2\n");
}

#[test]
fn dis_shows_function_and_line_numbers() {
    let path = write_script(
        "dis",
        "small.py",
        b"x = 1\n\ndef my_little_func(a):\n    b = a * 2\n    return b + 1\n\nprint(my_little_func(x))\n",
    );
    let dir = path.parent().unwrap();
    let run = run_gil(&["dis", "small.py"], dir);
    assert_eq!(run.status, Some(0), "stderr:\n{}", tail(&run.stderr));
    assert!(
        run.stdout.contains("my_little_func"),
        "disassembly must name the function:\n{}",
        tail(&run.stdout)
    );
    // The body lines 4 and 5 must appear as line numbers somewhere.
    let has_number = |n: &str| {
        run.stdout.lines().any(|l| {
            l.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|tok| tok == n)
        })
    };
    assert!(
        has_number("4") && has_number("5"),
        "disassembly must show line numbers 4 and 5:\n{}",
        run.stdout
    );
}

#[test]
fn return_with_value_in_async_generator_is_syntax_error() {
    let path = write_script(
        "agen_return",
        "agen_return.py",
        b"async def f():\n    yield 1\n    return 2\n",
    );
    let run = run_script(&path);
    assert_syntax_error(&run, "SyntaxError", 3);
    assert_eq!(
        last_line(&run.stderr),
        "SyntaxError: 'return' with value in async generator"
    );
}

#[test]
fn yield_from_in_async_function_is_syntax_error() {
    let path = write_script(
        "agen_yield_from",
        "agen_yield_from.py",
        b"async def f():\n    x = 1\n    yield from g()\n",
    );
    let run = run_script(&path);
    assert_syntax_error(&run, "SyntaxError", 3);
    assert_eq!(
        last_line(&run.stderr),
        "SyntaxError: 'yield from' inside async function"
    );
    // The caret points at the `yield from` expression (column 5).
    assert!(
        run.stderr
            .lines()
            .any(|l| l == "    ^" || l.starts_with("    ^")),
        "stderr: {}",
        run.stderr
    );
}

#[test]
fn raised_recursion_limit_cannot_overflow_the_native_stack() {
    // With the limit out of the way, native re-entry (`__repr__` calling `repr`) and native
    // recursion over data (`repr`, `==`) stop at the stack guard with a RecursionError, in a
    // thread (8 MB stack); re-entry also on the main thread (512 MB; `repr` of a list there
    // would go a million deep, slowly, as in CPython).
    let src = b"import sys, threading
sys.setrecursionlimit(10**7)
class R:
    def __init__(self, c): self.c = c
    def __repr__(self): return repr(self.c)
def work(where, n):
    x = None
    for _ in range(300000):
        x = R(x)
    l = []
    for _ in range(10**6):
        l = [l]
    for name, f in [('reentry', lambda: repr(x)), ('repr', lambda: repr(l)), ('eq', lambda: l == [l])][:n]:
        try:
            f()
            print(where, name, 'returned')
        except RecursionError:
            print(where, name, 'RecursionError')
t = threading.Thread(target=work, args=('thread', 3))
t.start()
t.join()
work('main', 1)
";
    let path = write_script("raised_limit", "raised.py", src);
    let run = run_script(&path);
    assert_no_crash(&run);
    assert_eq!(run.status, Some(0), "stderr:\n{}", tail(&run.stderr));
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("thread") || line.starts_with("main"),
            "{line}"
        );
    }
    assert!(run.stdout.contains("thread reentry RecursionError\n"));
    assert!(run.stdout.contains("thread repr RecursionError\n"));
    assert!(run.stdout.contains("main reentry RecursionError\n"));
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
}
