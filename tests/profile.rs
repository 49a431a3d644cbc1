//! `--profile`, `--profile-sort`, `--flamegraph` and the `cProfile`/`pstats` modules, on small
//! generated scripts.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Out {
    stdout: String,
    stderr: String,
    status: Option<i32>,
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gil-profile-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &Path, script: &str, args: &[&str]) -> Out {
    let file = dir.join("prog.py");
    std::fs::write(&file, script).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .args(args)
        .arg(&file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("spawn gil");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code(),
    }
}

const HEADER: &str = "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)";

/// The rows of the table: (ncalls, tottime, cumtime, label).
fn rows(table: &str) -> Vec<(String, f64, f64, String)> {
    let mut out = Vec::new();
    let mut on = false;
    for line in table.lines() {
        if line == HEADER {
            on = true;
            continue;
        }
        if !on {
            continue;
        }
        if line.trim().is_empty() {
            break;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let label = line[46..].to_string();
        out.push((
            parts[0].to_string(),
            parts[1].parse().unwrap(),
            parts[3].parse().unwrap(),
            label,
        ));
    }
    out
}

fn row<'a>(rows: &'a [(String, f64, f64, String)], label: &str) -> &'a (String, f64, f64, String) {
    rows.iter()
        .find(|r| r.3.contains(label))
        .unwrap_or_else(|| panic!("no row for {label} in {rows:?}"))
}

const PROG: &str = r#"
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def leaf(i):
    return i + 1

def work():
    t = 0
    for i in range(1000):
        t += leaf(i)
    xs = []
    for i in range(50):
        xs.append(len(xs))
    return t

print(fact(10))
print(work())
"#;

#[test]
fn table_layout_and_counts() {
    let dir = scratch("table");
    let o = run(&dir, PROG, &["run", "--profile"]);
    assert_eq!(o.status, Some(0), "{}", o.stderr);
    // The program's output comes first, then the table.
    assert!(o.stdout.starts_with("3628800\n500500\n"), "{}", o.stdout);
    let first = o.stdout.lines().nth(2).unwrap();
    assert!(first.starts_with("         "), "{first:?}");
    assert!(first.contains(" function calls ("), "{first:?}");
    assert!(first.contains(" primitive calls) in "), "{first:?}");
    assert!(first.ends_with(" seconds"), "{first:?}");
    assert!(
        o.stdout.contains("\n   Ordered by: cumulative time\n\n"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains(HEADER), "{}", o.stdout);
    let rows = rows(&o.stdout);
    assert_eq!(row(&rows, "(fact)").0, "10/1");
    assert_eq!(row(&rows, "(leaf)").0, "1000");
    assert_eq!(row(&rows, "(work)").0, "1");
    assert_eq!(row(&rows, "{built-in method builtins.len}").0, "50");
    assert_eq!(row(&rows, "{method 'append' of 'list' objects}").0, "50");
    assert!(row(&rows, "prog.py:2(fact)")
        .3
        .starts_with("prog.py:2(fact)"));
    assert!(row(&rows, "(<module>)")
        .3
        .starts_with("prog.py:1(<module>)"));
    // Sorted by cumulative time, the module first.
    for w in rows.windows(2) {
        assert!(w[0].2 >= w[1].2, "not sorted: {rows:?}");
    }
    assert!(rows[0].3.contains("<module>"), "{rows:?}");
}

#[test]
fn profile_sort_calls_and_top_level_flag() {
    let dir = scratch("sort");
    let o = run(&dir, PROG, &["--profile", "--profile-sort", "calls"]);
    assert_eq!(o.status, Some(0), "{}", o.stderr);
    assert!(
        o.stdout.contains("   Ordered by: call count\n"),
        "{}",
        o.stdout
    );
    let rows = rows(&o.stdout);
    assert!(rows[0].3.contains("(leaf)"), "{rows:?}");
    let o = run(&dir, PROG, &["--profile", "--profile-sort", "tottime"]);
    assert!(
        o.stdout.contains("   Ordered by: internal time\n"),
        "{}",
        o.stdout
    );
}

#[test]
fn threads_are_merged() {
    let dir = scratch("threads");
    let prog = r#"
import threading

def step(i):
    return i * 2

def worker(n):
    t = 0
    for i in range(n):
        t += step(i)

ts = [threading.Thread(target=worker, args=(500,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
"#;
    let o = run(&dir, prog, &["run", "--profile"]);
    assert_eq!(o.status, Some(0), "{}", o.stderr);
    let rows = rows(&o.stdout);
    assert_eq!(row(&rows, "(worker)").0, "2");
    assert_eq!(row(&rows, "(step)").0, "1000");
}

#[test]
fn flamegraph_svg() {
    let dir = scratch("flame");
    let svg = dir.join("out.svg");
    let o = run(&dir, PROG, &["run", "--flamegraph", svg.to_str().unwrap()]);
    assert_eq!(o.status, Some(0), "{}", o.stderr);
    // Without --profile, no table.
    assert!(!o.stdout.contains(HEADER));
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.contains("<svg"), "{text}");
    assert!(text.trim_end().ends_with("</svg>"));
    // Well formed enough: every opened <g> is closed.
    assert_eq!(text.matches("<g").count(), text.matches("</g>").count());
    for name in ["work", "leaf", "fact"] {
        assert!(text.contains(name), "{name} missing from the flame graph");
    }
}

#[test]
fn cprofile_run_and_pstats() {
    let dir = scratch("cprofile");
    let prog = r#"
import cProfile
import pstats

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def main():
    return fib(15)

cProfile.run("main()", sort="cumulative")

p = cProfile.Profile()
p.enable()
print(fib(10))
p.disable()
pstats.Stats(p).sort_stats("cumulative").print_stats(2)
"#;
    let o = run(&dir, prog, &[]);
    assert_eq!(o.status, Some(0), "{}", o.stderr);
    let tables: Vec<&str> = o.stdout.split("function calls").collect();
    assert_eq!(tables.len(), 3, "{}", o.stdout);
    assert!(o.stdout.contains(HEADER), "{}", o.stdout);
    let first = rows(&o.stdout);
    assert_eq!(row(&first, "(fib)").0, "1973/1");
    assert_eq!(row(&first, "(main)").0, "1");
    assert!(row(&first, "<string>:1(<module>)").0 == "1");
    let second = &o.stdout[o.stdout.find("\n55\n").expect("fib(10) printed")..];
    assert!(second.contains("List reduced from"), "{second}");
    let r = rows(second);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(row(&r, "(fib)").0, "177/1");
}
