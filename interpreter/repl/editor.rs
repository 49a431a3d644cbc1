//! The rustyline helper (completion) and the decisions about continuation lines.

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::objects::Value;
use crate::syntax::SyntaxError;

use super::Session;

/// What to do with the input gathered so far.
pub enum Entry {
    /// Ask for a continuation line.
    More,
    /// Run it.
    Run,
    /// Report this syntax error and drop the input.
    Error(SyntaxError),
}

/// Decides from the parser's answer whether `buf` (ending with `last`, the line just typed) is
/// complete. Input the parser calls incomplete (an open bracket, a block header with no body, an
/// unterminated triple-quoted string) asks for more; a compound statement (one that opened a block)
/// goes on until a blank line, as in CPython.
pub fn classify(buf: &str, last: &str) -> Entry {
    let blank = last.trim().is_empty();
    match crate::syntax::parse_module(buf) {
        Err(e) if e.incomplete => Entry::More,
        Err(e) => Entry::Error(e),
        Ok(_) if !blank && is_compound(buf) => Entry::More,
        Ok(_) => Entry::Run,
    }
}

/// Whether the statement in `buf` opened an indented block (then a blank line ends it).
fn is_compound(buf: &str) -> bool {
    buf.lines().any(|l| {
        let code = strip_comment(l).trim_end();
        code.ends_with(':') || l.trim_start().starts_with('@')
    }) || buf
        .lines()
        .skip(1)
        .any(|l| l.starts_with(' ') || l.starts_with('\t'))
}

/// The line without a trailing `# comment` (quotes are tracked roughly, enough for indentation).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '#' => return &line[..i],
                '\'' | '"' => quote = Some(c),
                _ => {}
            },
        }
    }
    line
}

/// The indentation to pre-fill the next line with: the previous line's, plus 4 after a `:`.
pub fn next_indent(line: &str) -> String {
    let lead: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if line.trim().is_empty() {
        return String::new();
    }
    if strip_comment(line).trim_end().ends_with(':') {
        format!("{lead}    ")
    } else {
        lead
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Completion of names, attributes and module names. Holds the session: completion runs on the
/// main thread while it waits for input with the GIL released, so it takes the GIL back for the
/// time of the lookup (attribute access may run gil code).
pub struct ReplHelper {
    session: Rc<RefCell<Session>>,
}

impl ReplHelper {
    pub fn new(session: Rc<RefCell<Session>>) -> Self {
        ReplHelper { session }
    }

    fn with_gil<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut s = self.session.try_borrow_mut().ok()?;
        let interp = s.vm.interp.clone();
        let ts = s.vm.thread.clone();
        // The main thread is inside `allow_threads` (phase Blocked("input")): take the lock for
        // the lookup and give it back.
        interp.gil.acquire(&ts);
        let r = f(&mut s);
        interp.gil.release(&ts);
        Some(r)
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The candidates for the text before the cursor, and where the replaced word starts.
pub fn complete_at(s: &mut Session, line: &str) -> (usize, Vec<String>) {
    let trimmed = line.trim_start();
    // Module names after `import` / `from`.
    for kw in ["import ", "from "] {
        if let Some(rest) = trimmed.strip_prefix(kw) {
            let word = rest.trim_start();
            if word.chars().all(|c| is_ident_char(c) || c == '.') {
                let start = line.len() - word.len();
                let names = crate::vm::import::builtin_module_names();
                let mut out: Vec<String> =
                    names.into_iter().filter(|n| n.starts_with(word)).collect();
                out.dedup();
                return (start, out);
            }
        }
    }
    // The dotted name before the cursor.
    let start = line
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ident_char(*c) || *c == '.')
        .last()
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let word = &line[start..];
    if let Some(dot) = word.rfind('.') {
        let (prefix, partial) = (&word[..dot], &word[dot + 1..]);
        // Only a plain dotted name is evaluated: nothing that calls (`f().x`) or indexes (`a[0].x`).
        if prefix.is_empty()
            || line[..start].ends_with([')', ']', '"', '\''])
            || !prefix
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(is_ident_char))
            || prefix.starts_with(|c: char| c.is_ascii_digit())
        {
            return (0, Vec::new());
        }
        let Some(obj) = resolve(s, prefix) else {
            return (0, Vec::new());
        };
        let mut names = attributes(s, &obj);
        names.retain(|n| {
            n.starts_with(partial) && (partial.starts_with('_') || !n.starts_with('_'))
        });
        return (start + dot + 1, names);
    }
    let mut names: Vec<String> = Vec::new();
    for d in [&s.globals, &s.vm.interp.builtins] {
        for k in d.lock().keys() {
            if let Some(k) = k.as_str() {
                names.push(k.to_string());
            }
        }
    }
    names.extend(KEYWORDS.iter().map(|k| k.to_string()));
    names.retain(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with('_')));
    names.sort();
    names.dedup();
    (start, names)
}

/// The value of a plain dotted name in the session (globals, then builtins, then attributes).
pub fn resolve(s: &mut Session, dotted: &str) -> Option<Value> {
    let mut parts = dotted.split('.');
    let first = parts.next()?;
    let mut v = s
        .globals
        .get_str(first)
        .or_else(|| s.vm.interp.builtins.get_str(first))?;
    for p in parts {
        v = s.vm.get_attr_str(&v, p).ok()?;
    }
    Some(v)
}

/// `dir(obj)`, as strings.
fn attributes(s: &mut Session, obj: &Value) -> Vec<String> {
    let Some(dir) = s.vm.interp.builtins.get_str("dir") else {
        return Vec::new();
    };
    match s.vm.call0(&dir, vec![obj.clone()]) {
        Ok(Value::List(l)) => l
            .snapshot()
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        // Tab in leading whitespace indents, as in CPython's REPL.
        if before.trim().is_empty() {
            return Ok((pos, vec!["    ".to_string()]));
        }
        Ok(self
            .with_gil(|s| complete_at(s, before))
            .unwrap_or((pos, Vec::new())))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

/// Lines are accepted one at a time (the loop asks for continuation lines with a `... ` prompt
/// and pre-filled indentation); the parser's verdict is taken in [`classify`].
impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
