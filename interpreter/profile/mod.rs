//! A deterministic profiler in the manner of CPython's `cProfile`: `--profile`,
//! `--profile-sort`, `--flamegraph FILE.svg`, and the `_lsprof` native module behind
//! `cProfile`/`pstats` (in `stdlib/`).
//!
//! Cost when off: the dispatch loop tests `Vm::profiling` (a `bool` read once per frame
//! switch or native call, never per instruction) and calls the `#[cold]` hooks below only
//! when it is set.
//!
//! Each thread keeps its own [`ThreadProfile`]: a stack of activations (start time, time spent
//! in callees), per-function totals with `_lsprof`'s rules (cumulative time is added only when
//! the outermost activation of a function ends, so recursion is not counted twice; a call made
//! while another activation of the same function is running is not *primitive*) and a call
//! tree for the flame graph. When the thread ends (or `disable()` is called) its figures are
//! merged into the shared [`Stats`] it reports to.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use parking_lot::Mutex;

use crate::bytecode::Code;
use crate::objects::function::KwArgs;
use crate::objects::{BuiltinFn, Value};
use crate::vm::interp::Interp;
use crate::vm::{PyResult, Vm};

pub mod lsprof;

/// How to order the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Cumulative,
    Tottime,
    Calls,
    StdName,
}

impl SortKey {
    /// Parses pstats' names (`cumulative`, `cumtime`, `tottime`, `time`, `calls`, `ncalls`,
    /// `stdname`, `-1`).
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "cumulative" | "cumtime" | "cum" | "2" => SortKey::Cumulative,
            "tottime" | "time" | "1" => SortKey::Tottime,
            "calls" | "ncalls" | "0" => SortKey::Calls,
            "stdname" | "-1" | "name" | "filename" | "file" => SortKey::StdName,
            _ => return None,
        })
    }

    fn title(self) -> &'static str {
        match self {
            SortKey::Cumulative => "cumulative time",
            SortKey::Tottime => "internal time",
            SortKey::Calls => "call count",
            SortKey::StdName => "standard name",
        }
    }
}

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct ProfileOpts {
    /// Print the table at exit.
    pub table: bool,
    pub sort: Option<SortKey>,
    /// Write a flame graph SVG here.
    pub flamegraph: Option<String>,
}

impl ProfileOpts {
    pub fn any(&self) -> bool {
        self.table || self.flamegraph.is_some()
    }
}

static OPTS: OnceLock<ProfileOpts> = OnceLock::new();
static CLI_STATS: OnceLock<Arc<Mutex<Stats>>> = OnceLock::new();

/// Sets the options for this process (the first call wins).
pub fn configure(opts: ProfileOpts) {
    let _ = OPTS.set(opts);
}

fn opts() -> Option<&'static ProfileOpts> {
    OPTS.get().filter(|o| o.any())
}

/// Called by `Vm::new`: the profile a new thread starts with (`None` unless `--profile` or
/// `--flamegraph` was given).
pub fn for_new_thread() -> Option<Box<ThreadProfile>> {
    opts()?;
    let sink = CLI_STATS.get_or_init(Default::default).clone();
    Some(Box::new(ThreadProfile::new(sink)))
}

/// Called when a thread's work is done: merges its figures into the shared table.
pub fn finish_thread(vm: &mut Vm) {
    vm.profiling = false;
    let mut p = vm.prof.take();
    while let Some(mut tp) = p {
        p = tp.prev.take();
        drop(tp);
    }
}

/// Called after the program has ended: prints the table and writes the flame graph.
pub fn after_run(interp: &Interp) {
    let Some(o) = opts() else { return };
    let Some(stats) = CLI_STATS.get() else { return };
    let stats = stats.lock();
    if o.table {
        crate::builtins::io::flush_stdout();
        print!(
            "{}",
            stats.table(interp, o.sort.unwrap_or(SortKey::Cumulative), None)
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
    }
    if let Some(path) = &o.flamegraph {
        match stats.flamegraph(interp) {
            Ok(svg) => {
                if let Err(e) = std::fs::write(path, svg) {
                    eprintln!("gil: could not write flame graph to {path}: {e}");
                }
            }
            Err(e) => eprintln!("gil: could not draw flame graph: {e}"),
        }
    }
}

fn now_ns() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// What a profiled function is.
#[derive(Clone)]
pub enum What {
    Code(Arc<Code>),
    Native(Arc<BuiltinFn>),
}

impl What {
    fn key(&self) -> usize {
        match self {
            What::Code(c) => Arc::as_ptr(c) as *const u8 as usize,
            What::Native(b) => Arc::as_ptr(b) as *const u8 as usize,
        }
    }
}

struct FuncAcc {
    what: What,
    ncalls: u64,
    reccalls: u64,
    /// Time inside the function itself (ns).
    inline: u64,
    /// Time including callees, outermost activations only (ns).
    total: u64,
    level: u32,
}

struct Act {
    func: u32,
    node: u32,
    start: u64,
    sub: u64,
}

struct Node {
    func: u32,
    parent: u32,
    children: Vec<(u32, u32)>,
    self_ns: u64,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// One thread's profile in progress.
pub struct ThreadProfile {
    id: u64,
    sink: Arc<Mutex<Stats>>,
    funcs: Vec<FuncAcc>,
    index: HashMap<usize, u32>,
    stack: Vec<Act>,
    /// The call tree; node 0 is the root.
    nodes: Vec<Node>,
    /// The profile suspended by a nested `enable()`, and whether it was on.
    pub(crate) prev: Option<Box<ThreadProfile>>,
    pub(crate) prev_on: bool,
}

impl ThreadProfile {
    pub fn new(sink: Arc<Mutex<Stats>>) -> ThreadProfile {
        ThreadProfile {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            sink,
            funcs: Vec::new(),
            index: HashMap::new(),
            stack: Vec::with_capacity(64),
            nodes: vec![Node {
                func: u32::MAX,
                parent: 0,
                children: Vec::new(),
                self_ns: 0,
            }],
            prev: None,
            prev_on: false,
        }
    }

    fn func_index(&mut self, key: usize, what: impl FnOnce() -> What) -> u32 {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.funcs.len() as u32;
        self.funcs.push(FuncAcc {
            what: what(),
            ncalls: 0,
            reccalls: 0,
            inline: 0,
            total: 0,
            level: 0,
        });
        self.index.insert(key, i);
        i
    }

    fn enter(&mut self, func: u32) {
        let parent = self.stack.last().map_or(0, |a| a.node);
        let node = match self.nodes[parent as usize]
            .children
            .iter()
            .find(|(f, _)| *f == func)
        {
            Some(&(_, n)) => n,
            None => {
                let n = self.nodes.len() as u32;
                self.nodes.push(Node {
                    func,
                    parent,
                    children: Vec::new(),
                    self_ns: 0,
                });
                self.nodes[parent as usize].children.push((func, n));
                n
            }
        };
        self.funcs[func as usize].level += 1;
        self.stack.push(Act {
            func,
            node,
            start: now_ns(),
            sub: 0,
        });
    }

    fn exit_at(&mut self, now: u64) {
        let Some(a) = self.stack.pop() else { return };
        let tt = now.saturating_sub(a.start);
        let it = tt.saturating_sub(a.sub);
        if let Some(p) = self.stack.last_mut() {
            p.sub += tt;
        }
        let f = &mut self.funcs[a.func as usize];
        f.level -= 1;
        if f.level == 0 {
            f.total += tt;
        } else {
            f.reccalls += 1;
        }
        f.inline += it;
        f.ncalls += 1;
        self.nodes[a.node as usize].self_ns += it;
    }

    fn exit(&mut self) {
        self.exit_at(now_ns());
    }

    /// Ends every open activation now and adds the figures to the sink.
    fn flush(&mut self) {
        let now = now_ns();
        while !self.stack.is_empty() {
            self.exit_at(now);
        }
        let mut sink = self.sink.lock();
        for f in &self.funcs {
            if f.ncalls == 0 {
                continue;
            }
            let e = sink.funcs.entry(f.what.key()).or_insert_with(|| FuncStat {
                what: f.what.clone(),
                nc: 0,
                cc: 0,
                tt: 0,
                ct: 0,
            });
            e.nc += f.ncalls;
            e.cc += f.ncalls - f.reccalls;
            e.tt += f.inline;
            e.ct += f.total;
        }
        // Collapsed stacks from the call tree.
        let mut path = Vec::new();
        for (i, n) in self.nodes.iter().enumerate().skip(1) {
            if n.self_ns == 0 {
                continue;
            }
            path.clear();
            let mut at = i;
            while at != 0 {
                let f = self.nodes[at].func;
                path.push(self.funcs[f as usize].what.key());
                at = self.nodes[at].parent as usize;
            }
            path.reverse();
            *sink.stacks.entry(path.clone()).or_insert(0) += n.self_ns;
        }
        self.funcs.clear();
        self.index.clear();
        self.nodes.truncate(1);
        self.nodes[0].children.clear();
    }
}

impl Drop for ThreadProfile {
    fn drop(&mut self) {
        self.flush();
    }
}

/// The merged figures of one function.
pub struct FuncStat {
    pub what: What,
    /// All calls.
    pub nc: u64,
    /// Primitive (non-recursive) calls.
    pub cc: u64,
    /// Internal time, ns.
    pub tt: u64,
    /// Cumulative time, ns.
    pub ct: u64,
}

/// The figures of every thread that reported to one profile.
#[derive(Default)]
pub struct Stats {
    pub funcs: HashMap<usize, FuncStat>,
    /// Collapsed stacks (function keys, outermost first) to self time in ns.
    pub stacks: HashMap<Vec<usize>, u64>,
}

fn basename(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// The module a native function lives in, found by looking through `builtins` and
/// `sys.modules`.
fn native_module(interp: &Interp, b: &Arc<BuiltinFn>) -> Option<String> {
    let is_it = |v: &Value| matches!(v, Value::Builtin(x) if Arc::ptr_eq(x, b));
    if interp.builtins.lock().values().iter().any(is_it) {
        return Some("builtins".into());
    }
    // Native modules first: `threading` re-exports what `_thread` defines.
    let mut found = None;
    for (_, m) in interp.modules.lock().items() {
        if let Value::Module(m) = m {
            if m.dict.lock().values().iter().any(is_it) {
                if crate::modules::is_native(&m.name) {
                    return Some(m.name.clone());
                }
                found.get_or_insert(m.name.clone());
            }
        }
    }
    found
}

/// One row of the table.
struct Row {
    label: String,
    nc: u64,
    cc: u64,
    tt: f64,
    ct: f64,
}

impl Stats {
    /// pstats' `func_std_string`: `file:line(name)` or `{built-in method builtins.len}`.
    fn labels(&self, interp: &Interp) -> HashMap<usize, String> {
        self.funcs
            .iter()
            .map(|(k, f)| (*k, label(interp, &f.what)))
            .collect()
    }

    fn rows(&self, interp: &Interp) -> Vec<Row> {
        // Natives made more than once (or code compiled twice) merge by label.
        let mut by_label: HashMap<String, Row> = HashMap::new();
        for (k, label) in self.labels(interp) {
            let f = &self.funcs[&k];
            let r = by_label.entry(label.clone()).or_insert(Row {
                label,
                nc: 0,
                cc: 0,
                tt: 0.0,
                ct: 0.0,
            });
            r.nc += f.nc;
            r.cc += f.cc;
            r.tt += f.tt as f64 / 1e9;
            r.ct += f.ct as f64 / 1e9;
        }
        by_label.into_values().collect()
    }

    /// The table `python -m cProfile -s SORT` prints; `limit` is pstats' `print_stats(n)`.
    pub fn table(&self, interp: &Interp, sort: SortKey, limit: Option<usize>) -> String {
        let mut rows = self.rows(interp);
        rows.sort_by(|a, b| a.label.cmp(&b.label));
        match sort {
            SortKey::Cumulative => rows.sort_by(|a, b| b.ct.total_cmp(&a.ct)),
            SortKey::Tottime => rows.sort_by(|a, b| b.tt.total_cmp(&a.tt)),
            SortKey::Calls => rows.sort_by_key(|r| std::cmp::Reverse(r.nc)),
            SortKey::StdName => {}
        }
        let total_calls: u64 = rows.iter().map(|r| r.nc).sum();
        let prim_calls: u64 = rows.iter().map(|r| r.cc).sum();
        let total_tt: f64 = rows.iter().map(|r| r.tt).sum();
        let mut out = String::new();
        out.push_str(&format!("         {total_calls} function calls "));
        if total_calls != prim_calls {
            out.push_str(&format!("({prim_calls} primitive calls) "));
        }
        out.push_str(&format!("in {total_tt:.3} seconds\n\n"));
        out.push_str(&format!("   Ordered by: {}\n", sort.title()));
        let n = rows.len();
        if let Some(l) = limit {
            if l < n {
                rows.truncate(l);
                out.push_str(&format!(
                    "   List reduced from {n} to {l} due to restriction <{l}>\n"
                ));
            }
        }
        out.push('\n');
        if rows.is_empty() {
            return out;
        }
        out.push_str("   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n");
        for r in &rows {
            let mut c = r.nc.to_string();
            if r.nc != r.cc {
                c.push_str(&format!("/{}", r.cc));
            }
            out.push_str(&format!("{c:>9} {:8.3} ", r.tt));
            if r.nc == 0 {
                out.push_str("         ");
            } else {
                out.push_str(&format!("{:8.3} ", r.tt / r.nc as f64));
            }
            out.push_str(&format!("{:8.3} ", r.ct));
            if r.cc == 0 {
                out.push_str("         ");
            } else {
                out.push_str(&format!("{:8.3} ", r.ct / r.cc as f64));
            }
            out.push_str(&r.label);
            out.push('\n');
        }
        out.push_str("\n\n");
        out
    }

    /// Collapsed stacks, `a;b;c nanoseconds`, one per line. Nanoseconds, not microseconds:
    /// a small recursion (`fact(10)`, ~1 µs in all, split over ten stack paths) would round
    /// to nothing and vanish from the graph.
    pub fn collapsed(&self, interp: &Interp) -> Vec<String> {
        let mut names: HashMap<usize, String> = HashMap::new();
        for (k, f) in &self.funcs {
            names.insert(*k, flame_label(interp, &f.what));
        }
        let mut merged: HashMap<String, u64> = HashMap::new();
        for (path, ns) in &self.stacks {
            let s = path
                .iter()
                .map(|k| names.get(k).map_or("?", |s| s.as_str()))
                .collect::<Vec<_>>()
                .join(";");
            *merged.entry(s).or_insert(0) += ns;
        }
        let mut lines: Vec<String> = merged
            .into_iter()
            .filter(|(_, ns)| *ns > 0)
            .map(|(s, ns)| format!("{s} {ns}"))
            .collect();
        lines.sort();
        lines
    }

    /// The flame graph (inferno) of the collapsed stacks, by time.
    pub fn flamegraph(&self, interp: &Interp) -> Result<Vec<u8>, String> {
        let lines = self.collapsed(interp);
        let mut opts = inferno::flamegraph::Options::default();
        opts.title = "gil --flamegraph".into();
        opts.count_name = "ns".into();
        let mut out = Vec::new();
        inferno::flamegraph::from_lines(&mut opts, lines.iter().map(|s| s.as_str()), &mut out)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }
}

fn label(interp: &Interp, w: &What) -> String {
    match w {
        What::Code(c) => format!("{}:{}({})", basename(&c.filename), c.first_line, c.name),
        What::Native(b) => match b.owner {
            Some(o) => format!("{{method '{}' of '{}' objects}}", b.name, o),
            None => match native_module(interp, b) {
                // `cProfile.run`'s statement runs through `_lsprof.exec_main`: CPython's `exec`.
                Some(m) if m == "_lsprof" && b.name == "exec_main" => {
                    "{built-in method builtins.exec}".to_string()
                }
                Some(m) => format!("{{built-in method {m}.{}}}", b.name),
                None => format!("{{built-in method {}}}", b.name),
            },
        },
    }
}

fn flame_label(interp: &Interp, w: &What) -> String {
    let s = match w {
        What::Code(c) => format!(
            "{} ({}:{})",
            c.qualname,
            basename(&c.filename),
            c.first_line
        ),
        What::Native(b) => match b.owner {
            Some(o) => format!("{o}.{}", b.name),
            None => match native_module(interp, b) {
                Some(m) => format!("{m}.{}", b.name),
                None => b.name.to_string(),
            },
        },
    };
    s.replace(';', ":")
}

// ---- the hooks (called only when `vm.profiling` is set) --------------------------------------

impl Vm {
    /// A gil frame for `code` starts (or a generator resumes).
    #[cold]
    #[inline(never)]
    pub(crate) fn prof_enter_code(&mut self, code: &Arc<Code>) {
        if let Some(p) = self.prof.as_deref_mut() {
            let key = Arc::as_ptr(code) as *const u8 as usize;
            let i = p.func_index(key, || What::Code(code.clone()));
            p.enter(i);
        }
    }

    /// The current gil frame ends (returns, raises out or yields).
    #[cold]
    #[inline(never)]
    pub(crate) fn prof_exit(&mut self) {
        if let Some(p) = self.prof.as_deref_mut() {
            p.exit();
        }
    }

    /// Calls a native function, timing it.
    #[cold]
    #[inline(never)]
    pub(crate) fn prof_call_native(
        &mut self,
        b: &Arc<BuiltinFn>,
        args: &[Value],
        kw: KwArgs,
    ) -> PyResult<Value> {
        // Slots (`__new__`, `__init__`, ...) are not calls of their own in cProfile's table.
        if b.name.starts_with("__") {
            return (b.func)(self, args, kw);
        }
        let mut token = None;
        if let Some(p) = self.prof.as_deref_mut() {
            let key = Arc::as_ptr(b) as *const u8 as usize;
            let i = p.func_index(key, || What::Native(b.clone()));
            p.enter(i);
            token = Some((p.id, p.stack.len()));
        }
        let r = (b.func)(self, args, kw);
        if let (Some((id, depth)), Some(p)) = (token, self.prof.as_deref_mut()) {
            // `enable()`/`disable()` switch profiles: end only the activation we began.
            if p.id == id && p.stack.len() == depth {
                p.exit();
            }
        }
        r
    }
}
