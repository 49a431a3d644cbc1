//! Shared helpers for the integration tests: run gil on a generated script and read back
//! the numbers it prints.
#![allow(dead_code)]

pub mod procs;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn gil_bin() -> PathBuf {
    match std::env::var_os("GIL_TEST_BIN") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_gil")),
    }
}

/// Writes `source` to a fresh temporary file and returns its path.
pub fn script(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gil-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).unwrap();
    path
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub wall: Duration,
}

impl Run {
    /// The value printed on the line `key=value`.
    pub fn num(&self, key: &str) -> f64 {
        let prefix = format!("{key}=");
        self.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no `{key}=` line in output:\n{}\n{}",
                    self.stdout, self.stderr
                )
            })
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("bad number for {key}: {e}\n{}", self.stdout))
    }
}

/// Runs gil with `args` then the script, with a timeout.
pub fn run_gil(args: &[&str], script: &PathBuf, timeout: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(gil_bin())
        .args(args)
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gil runs");
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            break;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "gil timed out after {timeout:?}\nstdout:\n{}\nstderr:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    let run = Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        wall: start.elapsed(),
    };
    assert!(
        !run.stderr.contains("panicked at"),
        "gil panicked:\n{}",
        run.stderr
    );
    run
}

pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Retries a flaky-by-nature measurement a few times; passes on the first success.
pub fn eventually(tries: usize, mut f: impl FnMut() -> Result<(), String>) {
    let mut last = String::new();
    for _ in 0..tries {
        match f() {
            Ok(()) => return,
            Err(e) => last = e,
        }
    }
    panic!("failed {tries} times; last: {last}");
}

/// Timing tests in one binary take this lock, so they do not compete for the two cores.
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// The 1-minute load average (0 where /proc is unavailable).
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

/// CPU seconds (user + system) of every finished child process of this test binary.
pub fn children_cpu_secs() -> f64 {
    // SAFETY: getrusage only writes the struct we pass, which is plain old data.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

/// CPU seconds the whole machine has spent busy since boot (all cores, from /proc/stat; 0
/// where unavailable). The difference over a run, minus the run's own CPU time, is what
/// other programs took meanwhile: a direct measure of "the machine was busy", which the
/// 1-minute load average only shows a minute late.
pub fn machine_busy_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return 0.0;
    };
    let Some(line) = stat.lines().next() else {
        return 0.0;
    };
    // cpu user nice system idle iowait irq softirq steal ...
    let f: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    if f.len() < 8 {
        return 0.0;
    }
    let busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
    busy / 100.0 // USER_HZ is 100 on Linux
}
