//! Timing tests for `asyncio` on gil: concurrency of sleeping coroutines, no speed-up for
//! CPU-bound ones (one thread runs the loop), and starvation when a coroutine never awaits.
//! Each test runs a small generated script with the built `gil` binary; the script measures
//! with `time.perf_counter()` and prints `key=value` lines this test parses. Margins are wide
//! enough for a loaded 2-core machine.

use std::collections::HashMap;
use std::io::Write;
use std::process::Command;

/// The tests measure wall-clock time: run them one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run_script(name: &str, src: &str) -> HashMap<String, f64> {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("gil-asyncio-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::File::create(&path)
        .unwrap()
        .write_all(src.as_bytes())
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .arg(&path)
        .output()
        .expect("run gil");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{name} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let mut m = HashMap::new();
    for line in stdout.lines() {
        if let Some((k, v)) = line.split_once('=') {
            if let Ok(x) = v.trim().parse::<f64>() {
                m.insert(k.trim().to_string(), x);
            }
        }
    }
    eprintln!("{name}: {m:?}");
    m
}

#[test]
fn sleeping_coroutines_overlap() {
    let m = run_script(
        "sleep",
        r#"
import asyncio, time
async def nap():
    await asyncio.sleep(0.3)
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*(nap() for _ in range(5)))
    t1 = time.perf_counter()
    for _ in range(5):
        await nap()
    t2 = time.perf_counter()
    print("gathered=%.4f" % (t1 - t0))
    print("sequential=%.4f" % (t2 - t1))
asyncio.run(main())
"#,
    );
    assert!(m["gathered"] < 0.75, "gathered took {}", m["gathered"]);
    assert!(m["gathered"] >= 0.29, "gathered took {}", m["gathered"]);
    assert!(
        m["sequential"] >= 1.5,
        "sequential took {}",
        m["sequential"]
    );
}

#[test]
fn cpu_bound_coroutines_do_not_speed_up() {
    let m = run_script(
        "cpu",
        r#"
import asyncio, time
def spin(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
async def work(n):
    for _ in range(5):
        spin(n)
        await asyncio.sleep(0)
async def main():
    n = 60000
    seq = []
    gat = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(4):
            await work(n)
        t1 = time.perf_counter()
        await asyncio.gather(*(work(n) for _ in range(4)))
        t2 = time.perf_counter()
        seq.append(t1 - t0)
        gat.append(t2 - t1)
    print("sequential=%.4f" % min(seq))
    print("gathered=%.4f" % min(gat))
asyncio.run(main())
"#,
    );
    assert!(
        m["gathered"] >= 0.8 * m["sequential"],
        "gathered {} vs sequential {}",
        m["gathered"],
        m["sequential"]
    );
}

const STARVE: &str = r#"
import asyncio, time
gaps = []
stop = [False]
async def heartbeat():
    last = time.perf_counter()
    while not stop[0]:
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
async def compute(cooperative):
    t0 = time.perf_counter()
    x = 0
    while time.perf_counter() - t0 < 0.5:
        for i in range(200):
            x += i
        if cooperative:
            await asyncio.sleep(0)
    return x
async def main():
    hb = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)
    await compute(COOP)
    await asyncio.sleep(0.05)
    stop[0] = True
    await hb
    print("maxgap=%.4f" % max(gaps))
    print("beats=%d" % len(gaps))
asyncio.run(main())
"#;

#[test]
fn starvation_without_await() {
    let m = run_script("starve", &STARVE.replace("COOP", "False"));
    assert!(m["maxgap"] > 0.4, "largest gap {}", m["maxgap"]);
}

#[test]
fn no_starvation_with_sleep0() {
    let m = run_script("coop", &STARVE.replace("COOP", "True"));
    assert!(m["maxgap"] < 0.2, "largest gap {}", m["maxgap"]);
    assert!(m["beats"] >= 10.0, "beats {}", m["beats"]);
}

/// `--loop-watchdog` (0.1 s): a coroutine computing 0.5 s without awaiting is reported while it
/// runs, with its task name and the line it is executing.
#[test]
fn loop_watchdog_reports_task_and_line() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let src = r#"import asyncio, time
async def hog():
    t0 = time.perf_counter()
    x = 0
    while time.perf_counter() - t0 < 0.5:
        x += 1
    return x
async def main():
    t = asyncio.create_task(hog(), name='hog')
    await t
    print("done")
asyncio.run(main())
"#;
    let dir = std::env::temp_dir().join(format!("gil-asyncio-{}-watchdog", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("demo.py");
    std::fs::write(&path, src).unwrap();
    let t0 = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .arg("--loop-watchdog")
        .arg(&path)
        .output()
        .expect("run gil");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout.trim(), "done");
    eprintln!("{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("gil: event loop blocked for "))
        .unwrap_or_else(|| panic!("no watchdog report in:\n{stderr}"));
    assert!(line.contains("in task 'hog'"), "{line}");
    // The loop body is lines 5-6.
    assert!(
        line.contains("demo.py:5") || line.contains("demo.py:6"),
        "{line}"
    );
    let secs: f64 = line["gil: event loop blocked for ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (0.1..0.45).contains(&secs),
        "reported after {secs} s: {line}"
    );
    assert!(stderr.contains("event loop unblocked after"), "{stderr}");
    assert!(t0.elapsed().as_secs_f64() < 5.0);
}

/// Same program under `asyncio.run(debug=True)`: the watchdog is on, with the loop's
/// `slow_callback_duration` (0.1 s) as threshold.
#[test]
fn loop_watchdog_in_debug_mode() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let src = r#"import asyncio, time
async def busy():
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 0.4:
        pass
asyncio.run(busy(), debug=True)
"#;
    let dir = std::env::temp_dir().join(format!("gil-asyncio-{}-wd-debug", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("dbg.py");
    std::fs::write(&path, src).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .arg(&path)
        .output()
        .expect("run gil");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("gil: event loop blocked for "))
        .unwrap_or_else(|| panic!("no watchdog report in:\n{stderr}"));
    // The report names the line being executed when the watchdog looked: the loop's test
    // (a call, line 4) or its body's jump back (line 5) — both are check points.
    assert!(
        line.contains("dbg.py:4") || line.contains("dbg.py:5"),
        "{line}"
    );
}

/// "Task exception was never retrieved" shows the failed task's traceback with its frames,
/// as CPython's logger does, not only the exception's last line.
#[test]
fn never_retrieved_shows_the_traceback() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scripts/asyncio/never_retrieved.py");
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .arg(&path)
        .output()
        .expect("run gil");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for want in [
        "Task exception was never retrieved",
        "Traceback (most recent call last):",
        "never_retrieved.py\", line 8, in boom",
        "    raise ValueError(f\"boom {n}\")",
        "ValueError: boom 1",
        "ValueError: boom 2",
    ] {
        assert!(stderr.contains(want), "no {want:?} in:\n{stderr}");
    }
    assert!(
        !stderr.contains("boom 3"),
        "a retrieved exception was reported:\n{stderr}"
    );
}
