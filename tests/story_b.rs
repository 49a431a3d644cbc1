//! Story B of the lecture (`examples/lecture/09_story_b.py`) beyond its claim, which
//! tests/lecture.rs asserts (`claim_09_...`): no service outlives the script, even when it is
//! interrupted, and minihttp's blocking and asyncio halves talk to each other.

mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::procs::{marked, marker, wait_until_gone};
use support::{gil_bin, run_gil, script, serial};

fn entry() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/lecture/09_story_b.py")
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
