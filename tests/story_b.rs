//! Story B of the lecture (`examples/lecture/09_story_b.py --quick`): the same I/O-bound front
//! service as N processes, a thread pool and one asyncio process. Asserts the shape the lecture
//! states with generous margins, on memory (mechanical, not timing-noisy) rather than latency:
//! the process tree grows with N, asyncio's one process is far below 16 processes, and every
//! variant answers every request correctly. Also: no service outlives the script, even when it
//! is interrupted, and minihttp's blocking and asyncio halves talk to each other.

mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{gil_bin, run_gil, script, serial};

fn entry() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/lecture/09_story_b.py")
}

/// A value put in the environment of one run: every process of its tree inherits it.
fn marker(name: &str) -> String {
    format!("gil-story-b-test-{}-{name}", std::process::id())
}

/// Pids of the live processes whose environment holds `STORY_B_MARKER=marker`.
fn marked(marker: &str) -> Vec<u32> {
    let needle = format!("STORY_B_MARKER={marker}");
    let mut pids = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return pids;
    };
    for e in dir.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state
            .rsplit(')')
            .next()
            .is_some_and(|s| s.trim_start().starts_with('Z'))
        {
            continue; // a zombie waiting for init: it holds no memory and runs nothing
        }
        if let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) {
            if env.split(|b| *b == 0).any(|v| v == needle.as_bytes()) {
                pids.push(pid);
            }
        }
    }
    pids
}

fn wait_until_gone(marker: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = marked(marker);
        if left.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("processes left behind: {left:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct Row {
    variant: String,
    workers: u32,
    rps: f64,
    rss_mb: f64,
    errors: u32,
}

/// The data rows of the markdown table.
fn rows(stdout: &str) -> Vec<Row> {
    stdout
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| variant"))
        .map(|l| {
            let c: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(c.len(), 7, "bad row {l:?}");
            Row {
                variant: c[0].to_string(),
                workers: c[1].parse().unwrap(),
                rps: c[2].parse().unwrap(),
                rss_mb: c[5].parse().unwrap(),
                errors: c[6].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn memory_grows_with_processes_and_asyncio_stays_small() {
    let _s = serial();
    let m = marker("shape");
    let out = Command::new(gil_bin())
        .arg(entry())
        .arg("--quick")
        .env("STORY_B_MARKER", &m)
        .stdin(Stdio::null())
        .output()
        .expect("gil runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed:\n{stdout}\n{stderr}");
    let rows = rows(&stdout);
    let find = |v: &str, n: u32| {
        rows.iter()
            .find(|r| r.variant == v && (n == 0 || r.workers == n))
            .unwrap_or_else(|| panic!("no {v}/{n} row in\n{stdout}"))
    };
    let (p4, p16, th, aio) = (
        find("processes", 4),
        find("processes", 16),
        find("threads", 0),
        find("asyncio", 1),
    );
    for r in [p4, p16, th, aio] {
        assert_eq!(
            r.errors, 0,
            "{} x{} had errors:\n{stdout}",
            r.variant, r.workers
        );
        assert!(
            r.rps > 0.0,
            "{} x{} answered nothing:\n{stdout}",
            r.variant,
            r.workers
        );
    }
    // Measured: about 7-8 MB per gil process, 9 MB for the asyncio front, 131 MB for 16.
    assert!(
        p16.rss_mb > 2.0 * p4.rss_mb,
        "16 processes should hold far more than 4:\n{stdout}"
    );
    assert!(
        aio.rss_mb * 4.0 < p16.rss_mb,
        "asyncio should be far below 16 processes:\n{stdout}"
    );
    assert!(
        aio.rss_mb < p4.rss_mb,
        "one asyncio process should be below 4 processes:\n{stdout}"
    );
    assert!(
        th.rss_mb * 2.0 < p16.rss_mb,
        "one process of threads should be below 16 processes:\n{stdout}"
    );
    // The last line is the conclusion, and nothing else is on stdout.
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.contains("asyncio used"),
        "no conclusion line:\n{stdout}"
    );
    assert_eq!(stdout.lines().count(), 2 + rows.len() + 1, "{stdout}");
    wait_until_gone(&m).unwrap();
}

#[test]
fn an_interrupted_run_leaves_no_process_behind() {
    let _s = serial();
    let m = marker("ctrl-c");
    let mut child = Command::new(gil_bin())
        .arg(entry())
        .arg("--quick")
        .env("STORY_B_MARKER", &m)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gil runs");
    // Wait until a 16-process front is up (the biggest tree), then press Ctrl-C.
    let deadline = Instant::now() + Duration::from_secs(60);
    while marked(&m).len() < 10 {
        assert!(
            Instant::now() < deadline,
            "the 16-process front never started"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the script ended early"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) takes two integers; the pid is our own child, not yet reaped.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "exit status after Ctrl-C");
    wait_until_gone(&m).unwrap();
}

#[test]
fn minihttp_blocking_and_asyncio_halves_interoperate() {
    let src = r#"
import asyncio, socket, threading
import minihttp

# A blocking server on a thread, called by the asyncio client (keep-alive, then close).
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen()
port = listener.getsockname()[1]

def echo(req):
    if req.path == "/boom":
        raise ValueError("boom")
    return minihttp.Response(200, req.method.encode() + b" " + req.path.encode() + b" " + req.body)

def serve():
    conn, _ = listener.accept()
    minihttp.serve_connection(conn, echo)

t = threading.Thread(target=serve)
t.start()

async def client():
    conn = await minihttp.AsyncConnection.open("127.0.0.1", port)
    a = await conn.request("POST", "/a", b"xyz")
    b = await conn.request("GET", "/boom")
    c = await conn.request("GET", "/c", close=True)
    return a, b, c

for r in asyncio.run(client()):
    print(r.status, r.body)
t.join()

# An asyncio server called by the blocking client, and a malformed request.
async def handler(req):
    return minihttp.Response(404 if req.path == "/missing" else 200, b"async " + req.path.encode())

async def main():
    server = await minihttp.start_server(handler)
    port = server.sockets[0].getsockname()[1]
    def calls():
        with minihttp.Connection("127.0.0.1", port) as conn:
            out = [conn.request("GET", "/x"), conn.request("GET", "/missing")]
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"NOT HTTP\r\n\r\n")
        out.append(s.recv(1000).split(b"\r\n")[0])
        s.close()
        return out
    x, missing, bad = await asyncio.to_thread(calls)
    print(x.status, x.body, missing.status, bad)
    server.close()

asyncio.run(main())
"#;
    let expected = "200 b'POST /a xyz'\n500 b'ValueError: boom\\n'\n200 b'GET /c '\n\
                    200 b'async /x' 404 b'HTTP/1.1 400 Bad Request'\n";
    let r = run_gil(&[], &script("minihttp", src), Duration::from_secs(30));
    assert_eq!(r.stdout, expected, "stderr:\n{}", r.stderr);
    assert_eq!(r.status, 0);
}
