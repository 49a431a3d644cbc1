//! `--trace FILE.json`: the GIL events in Chrome's Trace Event Format, which
//! Perfetto (ui.perfetto.dev) and chrome://tracing load.
//!
//! One process (`pid` 1) named after the program; one track per thread
//! (`tid` = the GIL's thread id + 1, named by `"ph": "M"` `thread_name`
//! metadata, ordered by `thread_sort_index`); one complete event
//! (`"ph": "X"`, `ts` and `dur` in microseconds since the first event) per
//! phase: `running`, `waiting for GIL`, or the blocking call's name
//! (`time.sleep`, `Thread.join`...), with `cat` `gil`, `io` or `sync`.
//! Nothing is merged. The verdict goes in `otherData`.

use std::fmt::Write;

use super::{is_sync_call, spans_of, Context};
use crate::gil::{ThreadEvents, ThreadPhase};

/// A JSON string literal.
pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders the trace.
pub fn render_json(events: &[ThreadEvents], ctx: &Context) -> String {
    let t0 = events
        .iter()
        .filter_map(|e| e.events.first())
        .map(|e| e.at.as_secs_f64())
        .fold(f64::INFINITY, f64::min);
    let t0 = if t0.is_finite() { t0 } else { 0.0 };
    let us = |t: f64| (t - t0) * 1e6;
    let mut out = String::new();
    out.push_str("{\"traceEvents\":[\n");
    let _ = write!(
        out,
        r#"{{"ph":"M","pid":1,"tid":0,"name":"process_name","args":{{"name":{}}}}}"#,
        json_str(&format!("gil {}", ctx.program))
    );
    for ev in events {
        let tid = ev.thread + 1;
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"name\":\"thread_name\",\"args\":{{\"name\":{}}}}}",
            json_str(&ev.name)
        );
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"name\":\"thread_sort_index\",\"args\":{{\"sort_index\":{}}}}}",
            ev.thread
        );
        for s in spans_of(&ev.events, ctx.end) {
            let (name, cat) = match s.phase {
                ThreadPhase::Running => ("running", "gil"),
                ThreadPhase::WaitingForGil => ("waiting for GIL", "gil"),
                ThreadPhase::Blocked(c) if is_sync_call(c) => (c, "sync"),
                ThreadPhase::Blocked(c) => (c, "io"),
                ThreadPhase::Idle | ThreadPhase::Exited => continue,
            };
            let _ = write!(
                out,
                ",\n{{\"ph\":\"X\",\"pid\":1,\"tid\":{tid},\"name\":{},\"cat\":\"{cat}\",\"ts\":{:.3},\"dur\":{:.3}}}",
                json_str(name),
                us(s.start),
                (s.end - s.start) * 1e6
            );
        }
    }
    let kids = crate::modules::mp_children::snapshot();
    out.push_str(&super::children::trace_events(
        &kids,
        &us,
        ctx.end.as_secs_f64(),
    ));
    let d = ctx.diagnosis;
    let _ = write!(
        out,
        "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{{\"program\":{},\"verdict\":{},\"message\":{},\"rule\":{},\"policy\":{},\"cores\":{}}}}}\n",
        json_str(ctx.program),
        json_str(d.verdict.name()),
        json_str(&d.message),
        json_str(&d.rule),
        json_str(ctx.stats.policy.name()),
        ctx.cores
    );
    out
}

#[cfg(test)]
mod tests {
    use super::json_str;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json_str("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
    }
}
