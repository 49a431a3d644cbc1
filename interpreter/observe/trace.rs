//! `--trace FILE.json`: the GIL events in Chrome's Trace Event Format, which
//! Perfetto (ui.perfetto.dev) and chrome://tracing load.
//!
//! One process (`pid` 1) named after the program; one track per thread
//! (`tid` = the GIL's thread id + 1, named by `"ph": "M"` `thread_name`
//! metadata, ordered by `thread_sort_index`); one complete event
//! (`"ph": "X"`, `ts` and `dur` in microseconds since the first event) per
//! phase: `running`, `waiting for GIL`, or the blocking call's name
//! (`time.sleep`, `Thread.join`...), with `cat` `gil`, `io` or `sync`.
//! Nothing is merged. The verdict goes in `otherData`. When an asyncio loop
//! ran, each loop thread gets one more track, `asyncio loop (NAME)`, with
//! one slice (`cat` `asyncio`) per task step: `task 'NAME'` or a callback.

use std::fmt::Write;

/// Track ids of the event-loop tracks: this plus the loop thread's id.
const LOOP_TID: u32 = 1_000_000;

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
    // Event-loop steps: one track per loop thread ("asyncio loop (NAME)",
    // sorted under the threads), one slice per task step. A track of its
    // own because a step does not nest inside the thread's GIL phases (a
    // step can wait for the GIL or block in a call part-way through).
    for lp in ctx.loops {
        let tid = LOOP_TID + lp.thread;
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"name\":\"thread_name\",\"args\":{{\"name\":{}}}}}",
            json_str(&format!("asyncio loop ({})", lp.name))
        );
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"name\":\"thread_sort_index\",\"args\":{{\"sort_index\":{}}}}}",
            u64::from(lp.thread) + 1_000_000
        );
        let end = ctx.end.as_secs_f64();
        for s in &lp.steps {
            let a = s.start.as_secs_f64();
            let b = s.end.map_or(end, |e| e.as_secs_f64()).max(a);
            let _ = write!(
                out,
                ",\n{{\"ph\":\"X\",\"pid\":1,\"tid\":{tid},\"name\":{},\"cat\":\"asyncio\",\"ts\":{:.3},\"dur\":{:.3}}}",
                json_str(&s.name),
                us(a),
                (b - a) * 1e6
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
