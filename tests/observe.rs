//! `--diagnose`, `--timeline` and `--trace` on small generated scripts.
//!
//! Timing margins are wide on purpose: these must pass on a loaded 2-core
//! machine. The CPU-bound scripts spin until a deadline rather than for a
//! fixed count, so they last as long whatever the machine's speed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Run {
    stderr: String,
    status: Option<i32>,
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gil-observe-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &Path, script: &str, args: &[&str]) -> Run {
    let file = dir.join("prog.py");
    std::fs::write(&file, script).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gil"));
    cmd.args(args)
        .arg(&file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn gil");
    let start = Instant::now();
    loop {
        if let Some(_st) = child.try_wait().unwrap() {
            break;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("gil {args:?} timed out");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    // Whitespace collapsed: the report wraps its lines.
    let stderr = String::from_utf8_lossy(&out.stderr)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Run {
        stderr,
        status: out.status.code(),
    }
}

const SLEEPS: &str = "import time\nfor i in range(3):\n    time.sleep(0.2)\n";

/// Two threads each spinning for 0.4 s of wall time (the main thread joins).
const SPIN2: &str = r#"
import _thread
import time

def spin(secs):
    end = time.time() + secs
    i = 0
    while time.time() < end:
        i += 1

hs = [_thread.start_joinable_thread(spin, (0.4,)) for _ in range(2)]
for h in hs:
    h.join()
"#;

#[test]
fn diagnose_sequential_sleeps_is_io_bound() {
    let dir = scratch("io");
    let r = run(&dir, SLEEPS, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("Verdict: I/O-bound"), "{}", r.stderr);
    assert!(
        r.stderr.contains("time.sleep (3 calls, sequential)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("wall time"), "{}", r.stderr);
    assert!(r.stderr.contains("CPU time"), "{}", r.stderr);
    // `gil run --diagnose FILE` works too.
    let file = dir.join("prog.py");
    let out = Command::new(env!("CARGO_BIN_EXE_gil"))
        .args(["run", "--diagnose"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(err.contains("Verdict: I/O-bound"), "{err}");
}

#[test]
fn diagnose_spinning_threads_is_cpu_bound() {
    let dir = scratch("cpu");
    let r = run(&dir, SPIN2, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("Verdict: CPU-bound"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Threads cannot help here"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Thread.join"), "{}", r.stderr);
}

#[test]
fn no_output_without_flags() {
    let dir = scratch("quiet");
    let r = run(&dir, "print(1)\n", &[]);
    assert_eq!(r.status, Some(0));
    assert!(!r.stderr.contains("Verdict"), "{}", r.stderr);
    assert!(std::fs::read_dir(&dir).unwrap().count() == 1);
}

// ----- a minimal XML reader: enough to check well-formedness and read attributes -----

#[derive(Debug)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Elem>,
}

impl Elem {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }
    fn walk<'a>(&'a self, out: &mut Vec<&'a Elem>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

fn parse_xml(s: &str) -> Result<Elem, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut stack: Vec<Elem> = vec![Elem {
        name: "#doc".into(),
        attrs: vec![],
        children: vec![],
    }];
    while i < b.len() {
        if b[i] != b'<' {
            let end = s[i..].find('<').map_or(b.len(), |k| i + k);
            let text = &s[i..end];
            check_entities(text)?;
            i = end;
            continue;
        }
        if s[i..].starts_with("<?") {
            i += s[i..].find("?>").ok_or("unterminated <?")? + 2;
        } else if s[i..].starts_with("<!--") {
            i += s[i..].find("-->").ok_or("unterminated comment")? + 3;
        } else if s[i..].starts_with("</") {
            let end = i + s[i..].find('>').ok_or("unterminated end tag")?;
            let name = s[i + 2..end].trim();
            let e = stack.pop().ok_or("stray end tag")?;
            if e.name != name {
                return Err(format!("<{}> closed by </{name}>", e.name));
            }
            stack.last_mut().ok_or("stray end tag")?.children.push(e);
            i = end + 1;
        } else {
            // Start tag: name, attributes (quoted), `/>` or `>`.
            let mut j = i + 1;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
                j += 1;
            }
            let name = s[i + 1..j].to_string();
            if name.is_empty() {
                return Err("empty tag name".into());
            }
            let mut attrs = Vec::new();
            loop {
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j >= b.len() {
                    return Err("unterminated tag".into());
                }
                if b[j] == b'>' || s[j..].starts_with("/>") {
                    break;
                }
                let eq = j + s[j..].find('=').ok_or("attribute without value")?;
                let key = s[j..eq].trim().to_string();
                let q = b[eq + 1];
                if q != b'"' && q != b'\'' {
                    return Err(format!("unquoted attribute {key}"));
                }
                let close = eq
                    + 2
                    + s[eq + 2..]
                        .find(q as char)
                        .ok_or("unterminated attribute")?;
                let val = &s[eq + 2..close];
                check_entities(val)?;
                if val.contains('<') {
                    return Err("< in attribute".into());
                }
                if attrs.iter().any(|(k, _): &(String, String)| *k == key) {
                    return Err(format!("duplicate attribute {key}"));
                }
                attrs.push((key, val.to_string()));
                j = close + 1;
            }
            let e = Elem {
                name,
                attrs,
                children: vec![],
            };
            if b[j] == b'/' {
                stack.last_mut().unwrap().children.push(e);
                i = j + 2;
            } else {
                stack.push(e);
                i = j + 1;
            }
        }
    }
    let mut doc = stack.pop().ok_or("empty")?;
    if !stack.is_empty() {
        return Err(format!("unclosed <{}>", doc.name));
    }
    if doc.children.len() != 1 {
        return Err("not exactly one root element".into());
    }
    Ok(doc.children.pop().unwrap())
}

fn check_entities(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(k) = rest.find('&') {
        let semi = rest[k..].find(';').ok_or("bare &")?;
        let ent = &rest[k + 1..k + semi];
        if !matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos") && !ent.starts_with('#') {
            return Err(format!("unknown entity &{ent};"));
        }
        rest = &rest[k + semi..];
    }
    Ok(())
}

#[test]
fn timeline_svg_has_one_lane_per_thread_and_no_overlaps() {
    let dir = scratch("svg");
    let r = run(&dir, SPIN2, &["--timeline", "out.svg"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(
        !r.stderr.contains("Verdict"),
        "--timeline alone must not print the diagnosis"
    );
    let svg = std::fs::read_to_string(dir.join("out.svg")).expect("out.svg written");
    let root = parse_xml(&svg).unwrap_or_else(|e| panic!("SVG not well-formed: {e}"));
    assert_eq!(root.name, "svg");
    let mut all = Vec::new();
    root.walk(&mut all);
    let lanes: Vec<&&Elem> = all
        .iter()
        .filter(|e| e.attr("class") == Some("lane"))
        .collect();
    assert_eq!(lanes.len(), 3, "MainThread and two threads");
    let mut ids: Vec<&str> = lanes
        .iter()
        .map(|l| l.attr("data-thread").unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    let mut colours = std::collections::HashSet::new();
    for lane in &lanes {
        let mut items = Vec::new();
        lane.walk(&mut items);
        let mut spans: Vec<(f64, f64)> = Vec::new();
        for e in items
            .iter()
            .filter(|e| e.attr("class").is_some_and(|c| c.starts_with("span")))
        {
            let x: f64 = e.attr("data-x").unwrap().parse().unwrap();
            let w: f64 = e.attr("data-w").unwrap().parse().unwrap();
            assert!(w > 0.0);
            assert!(
                e.children.iter().any(|c| c.name == "title"),
                "every span has a tooltip"
            );
            colours.insert(e.attr("class").unwrap().to_string());
            spans.push((x, x + w));
        }
        assert!(
            !spans.is_empty(),
            "lane {:?} is empty",
            lane.attr("data-thread")
        );
        for w in spans.windows(2) {
            assert!(
                w[0].1 <= w[1].0 + 1e-6,
                "overlapping spans {:?} in lane {:?}",
                w,
                lane.attr("data-thread")
            );
        }
    }
    assert!(colours.iter().any(|c| c.contains("run")), "{colours:?}");
    assert!(
        colours
            .iter()
            .any(|c| c.contains("wait") || c.contains("mixed")),
        "{colours:?}"
    );
    assert!(svg.contains("CPU-bound"), "header carries the verdict");

    // (e) Render it, if a headless browser is installed, and check it is not blank.
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {b}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        println!("skipped rendering: no chromium on PATH");
        return;
    };
    let blank = dir.join("blank.svg");
    std::fs::write(
        &blank,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400"><rect width="100%" height="100%" fill="white"/></svg>"#,
    )
    .unwrap();
    let render = |svg: &Path, png: &Path| -> Option<u64> {
        let st = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1200,400",
            ])
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", svg.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !st.success() {
            return None;
        }
        std::fs::metadata(png).ok().map(|m| m.len())
    };
    let (Some(full), Some(empty)) = (
        render(&dir.join("out.svg"), &dir.join("out.png")),
        render(&blank, &dir.join("blank.png")),
    ) else {
        println!("skipped rendering: {browser} could not take a screenshot");
        return;
    };
    // A blank page compresses to almost nothing; the timeline's lanes and text do not.
    assert!(
        full > 3 * empty && full > 8_000,
        "rendered PNG looks blank: {full} bytes (blank page: {empty})"
    );
}

// ----- a minimal JSON reader -----

#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, k: &str) -> Option<&Json> {
        match self {
            Json::Obj(v) => v.iter().find(|(a, _)| a == k).map(|(_, v)| v),
            _ => None,
        }
    }
    fn str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
    fn num(&self) -> Option<f64> {
        match self {
            Json::Num(n) => Some(*n),
            _ => None,
        }
    }
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> Result<(), String> {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected '{}' at {}", c as char, self.i))
        }
    }
    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.get(self.i).copied().ok_or("eof")? {
            b'{' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Json::Obj(v));
                }
                loop {
                    self.ws();
                    let Json::Str(k) = self.value()? else {
                        return Err("key".into());
                    };
                    self.eat(b':')?;
                    v.push((k, self.value()?));
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') {
                        self.i += 1;
                    } else {
                        self.eat(b'}')?;
                        return Ok(Json::Obj(v));
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Json::Arr(v));
                }
                loop {
                    v.push(self.value()?);
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') {
                        self.i += 1;
                    } else {
                        self.eat(b']')?;
                        return Ok(Json::Arr(v));
                    }
                }
            }
            b'"' => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let c = *self.s.get(self.i).ok_or("unterminated string")?;
                    self.i += 1;
                    match c {
                        b'"' => return Ok(Json::Str(out)),
                        b'\\' => {
                            let e = *self.s.get(self.i).ok_or("eof")?;
                            self.i += 1;
                            match e {
                                b'"' | b'\\' | b'/' => out.push(e as char),
                                b'n' => out.push('\n'),
                                b't' => out.push('\t'),
                                b'r' => out.push('\r'),
                                b'b' | b'f' => {}
                                b'u' => {
                                    let h = std::str::from_utf8(&self.s[self.i..self.i + 4])
                                        .map_err(|e| e.to_string())?;
                                    out.push(
                                        char::from_u32(
                                            u32::from_str_radix(h, 16)
                                                .map_err(|e| e.to_string())?,
                                        )
                                        .unwrap_or('?'),
                                    );
                                    self.i += 4;
                                }
                                _ => return Err("bad escape".into()),
                            }
                        }
                        c if c < 0x20 => return Err("control character in string".into()),
                        _ => {
                            // Copy the whole UTF-8 sequence.
                            let start = self.i - 1;
                            let mut end = self.i;
                            while end < self.s.len() && (self.s[end] & 0xC0) == 0x80 {
                                end += 1;
                            }
                            out.push_str(
                                std::str::from_utf8(&self.s[start..end])
                                    .map_err(|e| e.to_string())?,
                            );
                            self.i = end;
                        }
                    }
                }
            }
            b't' if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Json::Bool(true))
            }
            b'f' if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Json::Bool(false))
            }
            b'n' if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Json::Null)
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .unwrap()
                    .parse::<f64>()
                    .map(Json::Num)
                    .map_err(|_| format!("bad value at {start}"))
            }
        }
    }
}

fn parse_json(s: &str) -> Result<Json, String> {
    let mut p = P {
        s: s.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != s.len() {
        return Err(format!("trailing data at {}", p.i));
    }
    Ok(v)
}

#[test]
fn trace_json_has_the_chrome_trace_shape() {
    let dir = scratch("trace");
    let r = run(&dir, SPIN2, &["--trace", "out.json"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let text = std::fs::read_to_string(dir.join("out.json")).expect("out.json written");
    let j = parse_json(&text).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let Some(Json::Arr(evs)) = j.get("traceEvents") else {
        panic!("no traceEvents array")
    };
    let names: Vec<&str> = evs
        .iter()
        .filter(|e| {
            e.get("ph").and_then(Json::str) == Some("M")
                && e.get("name").and_then(Json::str) == Some("thread_name")
        })
        .filter_map(|e| e.get("args")?.get("name")?.str())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"MainThread"), "{names:?}");
    let mut running: Vec<(f64, f64, f64)> = Vec::new();
    let mut xs = 0;
    for e in evs
        .iter()
        .filter(|e| e.get("ph").and_then(Json::str) == Some("X"))
    {
        xs += 1;
        let ts = e.get("ts").and_then(Json::num).expect("ts");
        let dur = e.get("dur").and_then(Json::num).expect("dur");
        let tid = e.get("tid").and_then(Json::num).expect("tid");
        assert!(e.get("pid").and_then(Json::num).is_some());
        assert!(ts >= 0.0 && dur >= 0.0);
        let name = e.get("name").and_then(Json::str).expect("name");
        if name == "running" {
            running.push((ts, ts + dur, tid));
        }
    }
    assert!(xs >= 6, "too few complete events: {xs}");
    // Under the GIL, running spans of different threads never overlap.
    running.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in running.windows(2) {
        assert!(w[0].1 <= w[1].0 + 0.002, "running spans overlap: {w:?}");
    }
    assert!(
        running
            .iter()
            .map(|r| r.2 as i64)
            .collect::<std::collections::HashSet<_>>()
            .len()
            >= 2
    );
    assert!(j
        .get("otherData")
        .and_then(|o| o.get("verdict"))
        .and_then(Json::str)
        .is_some());
}

/// A loop with a task that hogs it for 0.2 s and two that sleep in small steps.
const AIO: &str = r#"
import asyncio, time
async def hog():
    t = time.perf_counter()
    while time.perf_counter() - t < 0.2:
        pass
async def pinger(n):
    for i in range(n):
        await asyncio.sleep(0.01)
async def main():
    await asyncio.gather(pinger(20), pinger(20), hog())
asyncio.run(main())
"#;

#[test]
fn timeline_has_a_loop_lane_when_asyncio_ran() {
    let dir = scratch("svg-loop");
    let r = run(&dir, AIO, &["--timeline", "out.svg"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let svg = std::fs::read_to_string(dir.join("out.svg")).expect("out.svg written");
    let root = parse_xml(&svg).unwrap_or_else(|e| panic!("SVG not well-formed: {e}"));
    let mut all = Vec::new();
    root.walk(&mut all);
    let loops: Vec<&&Elem> = all
        .iter()
        .filter(|e| e.attr("class") == Some("lane loop"))
        .collect();
    assert_eq!(loops.len(), 1, "one loop lane (the main thread's loop)");
    let mut items = Vec::new();
    loops[0].walk(&mut items);
    let mut spans: Vec<(f64, f64, String)> = Vec::new();
    for e in items
        .iter()
        .filter(|e| e.attr("class").is_some_and(|c| c.starts_with("span")))
    {
        let x: f64 = e.attr("data-x").unwrap().parse().unwrap();
        let w: f64 = e.attr("data-w").unwrap().parse().unwrap();
        assert!(w > 0.0);
        let title = e
            .children
            .iter()
            .find(|c| c.name == "title")
            .expect("every step has a tooltip");
        let _ = title;
        spans.push((x, x + w, e.attr("class").unwrap().to_string()));
    }
    assert!(spans.len() >= 2, "{spans:?}");
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0 + 1e-6, "overlapping steps {w:?}");
    }
    // The hog's 0.2 s step stands alone, named, and is the widest bar.
    assert!(
        svg.contains("task &apos;Task-4&apos; (hog): 2"),
        "hog step tooltip"
    );
    let widest = spans
        .iter()
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
        .unwrap();
    assert_eq!(widest.2, "span step");

    // Without asyncio there is no loop lane.
    let r = run(&dir, SLEEPS, &["--timeline", "plain.svg"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let plain = std::fs::read_to_string(dir.join("plain.svg")).unwrap();
    assert!(!plain.contains("lane loop"));
}

#[test]
fn trace_has_task_slices_on_the_loop_track() {
    let dir = scratch("trace-loop");
    let r = run(&dir, AIO, &["--trace", "out.json"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let text = std::fs::read_to_string(dir.join("out.json")).expect("out.json written");
    let j = parse_json(&text).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let Some(Json::Arr(evs)) = j.get("traceEvents") else {
        panic!("no traceEvents array")
    };
    let loop_tid = evs
        .iter()
        .find(|e| {
            e.get("name").and_then(Json::str) == Some("thread_name")
                && e.get("args")
                    .and_then(|a| a.get("name"))
                    .and_then(Json::str)
                    == Some("asyncio loop (MainThread)")
        })
        .and_then(|e| e.get("tid").and_then(Json::num))
        .expect("a track for the loop");
    let mut steps: Vec<(f64, f64, String)> = evs
        .iter()
        .filter(|e| {
            e.get("ph").and_then(Json::str) == Some("X")
                && e.get("tid").and_then(Json::num) == Some(loop_tid)
        })
        .map(|e| {
            assert_eq!(e.get("cat").and_then(Json::str), Some("asyncio"));
            let ts = e.get("ts").and_then(Json::num).unwrap();
            let dur = e.get("dur").and_then(Json::num).unwrap();
            (
                ts,
                ts + dur,
                e.get("name").and_then(Json::str).unwrap().to_string(),
            )
        })
        .collect();
    // 3 tasks starting, 2 × 20 sleeps, the gather's wake-up: dozens of steps.
    assert!(steps.len() >= 40, "{} steps", steps.len());
    assert!(steps
        .iter()
        .any(|s| s.2 == "task 'Task-4' (hog)" && s.1 - s.0 > 150_000.0));
    steps.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in steps.windows(2) {
        assert!(w[0].1 <= w[1].0 + 1e-3, "steps overlap: {w:?}");
    }
}

// ----- --diagnose and the event loop -----

/// The line of `script` holding `marker` (1-based).
fn line_of(script: &str, marker: &str) -> usize {
    1 + script
        .lines()
        .position(|l| l.contains(marker))
        .expect("marker in script")
}

/// A task named 'hog' computes for 0.5 s without awaiting, beside three tickers.
const HOG: &str = r#"
import asyncio, time
async def ticker():
    for _ in range(20):
        await asyncio.sleep(0.01)
async def hog():
    await asyncio.sleep(0.02)
    end = time.perf_counter() + 0.5
    while time.perf_counter() < end: pass  # spin
async def main():
    ts = [asyncio.create_task(ticker()) for _ in range(3)]
    await asyncio.create_task(hog(), name="hog")
    await asyncio.gather(*ts)
asyncio.run(main())
"#;

/// The same mistake with a blocking call: time.sleep in a coroutine.
const SLEEPY: &str = r#"
import asyncio, time
async def ticker():
    for _ in range(20):
        await asyncio.sleep(0.01)
async def nap():
    await asyncio.sleep(0.02)
    time.sleep(0.4)  # blocks
async def main():
    await asyncio.gather(ticker(), asyncio.create_task(nap(), name="nap"))
asyncio.run(main())
"#;

#[test]
fn diagnose_names_the_task_and_line_that_blocked_the_loop() {
    let dir = scratch("loop-blocked");
    let r = run(&dir, HOG, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let line = line_of(HOG, "# spin");
    assert!(
        r.stderr
            .contains("Verdict: Event loop blocked: task 'hog' ran "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("without awaiting at prog.py:{line} (in hog).")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("actively harmful"), "{}", r.stderr);
    assert!(r.stderr.contains("Rule: loop-blocked:"), "{}", r.stderr);
    // The loop's section: the hog's step is the longest; 5 tasks (main, hog, 3 tickers).
    assert!(
        r.stderr.contains("event loop on MainThread:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("at most 5 tasks alive at once"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("task 'hog' at prog.py:{line} (in hog)")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("steps ≥ 100 ms"), "{}", r.stderr);

    // A blocking call: the line comes once the call returns, and the advice changes.
    let r = run(&dir, SLEEPY, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let line = line_of(SLEEPY, "# blocks");
    assert!(
        r.stderr
            .contains("Verdict: Event loop blocked: task 'nap' ran "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "at prog.py:{line} (in nap), blocked in time.sleep()."
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("asyncio.to_thread"), "{}", r.stderr);
}

#[test]
fn diagnose_sees_gathered_sleeps_overlap_on_the_loop() {
    let dir = scratch("loop-io");
    let gathered = "import asyncio\nasync def main():\n    await asyncio.gather(*(asyncio.sleep(0.5) for _ in range(5)))\nasyncio.run(main())\n";
    let r = run(&dir, gathered, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Verdict: I/O-bound, and the waits already overlap on the event loop: 5.0 waits were in flight on average while it polled (up to 5), with up to 6 tasks alive."),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("sequential"), "{}", r.stderr);
    assert!(
        r.stderr.contains("event loop on MainThread:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("at most 6 tasks alive at once"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("running tasks"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("5.0 waits in flight on average, at most 5"),
        "{}",
        r.stderr
    );

    // The same waits one after another: sequential, and overlapping them would help.
    let seq = "import asyncio\nasync def main():\n    for _ in range(3):\n        await asyncio.sleep(0.2)\nasyncio.run(main())\n";
    let r = run(&dir, seq, &["--diagnose"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Verdict: I/O-bound: the event loop spent"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("1.0 in flight on average, 3 polls, sequential"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("asyncio.gather"), "{}", r.stderr);
}
