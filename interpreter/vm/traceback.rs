//! Printing an uncaught exception the way CPython does, chained causes included.

use crate::objects::Value;
use crate::syntax::error::line_text;

use super::types::type_of;
use super::Vm;

impl Vm {
    /// The full report for an uncaught exception (what goes to stderr).
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, seen: &mut Vec<usize>) {
        seen.push(exc.ptr().unwrap_or(0));
        if let Value::Instance(inst) = exc {
            if let Some(st) = inst.exc_state() {
                let (cause, context, suppress) = {
                    let st = st.lock();
                    (st.cause.clone(), st.context.clone(), st.suppress_context)
                };
                if let Some(c) = cause {
                    if !seen.contains(&c.ptr().unwrap_or(0)) {
                        self.format_chain(&c, out, seen);
                        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                    }
                } else if let (Some(c), false) = (context, suppress) {
                    if !seen.contains(&c.ptr().unwrap_or(0)) {
                        self.format_chain(&c, out, seen);
                        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
                    }
                }
            }
        }
        self.format_one(exc, out);
    }

    fn format_one(&mut self, exc: &Value, out: &mut String) {
        let entries = match exc {
            Value::Instance(i) => i
                .exc_state()
                .map(|s| s.lock().traceback.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for e in entries.iter().rev() {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    e.code.filename, e.line, e.code.name
                ));
                let text = line_text(&e.code.source, e.line as usize).trim();
                if !text.is_empty() {
                    out.push_str(&format!("    {text}\n"));
                }
            }
        }
        out.push_str(&self.exception_line(exc));
        out.push('\n');
    }

    /// `KeyError: 'missing'`: the last line of a traceback.
    pub fn exception_line(&mut self, exc: &Value) -> String {
        let cls = type_of(exc);
        let mut name = cls.qualname.clone();
        if let Some(Value::Str(m)) = cls.dict.get_str("__module__") {
            if m.as_str() != "builtins" && m.as_str() != "__main__" {
                name = format!("{}.{}", m.as_str(), name);
            }
        }
        let msg = self
            .to_str(exc)
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}
