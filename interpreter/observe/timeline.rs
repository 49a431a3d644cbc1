//! `--timeline FILE.svg`: one lane per thread on a shared time axis, and one
//! per event loop below them (`loop_lane.rs`).
//!
//! Hand-written SVG. Each lane shows the thread's phases in three colours:
//! running bytecode (holding the GIL), waiting for the GIL, and released in
//! a blocking call (a darker blue for I/O and sleep, a lighter blue for
//! waits on other threads: join, locks). Every span has a `<title>` tooltip.
//!
//! Size: spans narrower than [`min_px`] pixels are merged with their
//! neighbours into one "mixed" bar, drawn as stacked stripes whose heights
//! are the shares of each phase in it. A lane therefore holds at most about
//! `PLOT_W / min_px` items whatever the number of switches, so a 10-second
//! run with 100,000 switches stays well under 2 MB.
//!
//! Every span item (`<rect class="span ...">` or `<g class="span mixed">`)
//! carries `data-x` and `data-w` (pixels) and the lane's `<g class="lane">`
//! carries `data-thread`, so tests can check that items never overlap.

use std::fmt::Write;

use super::diagnose::wrap;
use super::{human, is_sync_call, spans_of, xml_escape, Context};
use crate::gil::{ThreadEvents, ThreadPhase};

const WIDTH: f64 = 1200.0;
const LABEL_W: f64 = 170.0;
const PLOT_X: f64 = LABEL_W + 10.0;
const PLOT_W: f64 = WIDTH - PLOT_X - 30.0;
const LANE_H: f64 = 30.0;
const LANE_GAP: f64 = 10.0;

const C_RUN: &str = "#35a05a";
const C_WAIT: &str = "#e4572e";
const C_IO: &str = "#3b6fb6";
const C_SYNC: &str = "#9cc3ec";
const C_LANE: &str = "#eef1f4";
const C_TEXT: &str = "#1f2933";
const C_MUTED: &str = "#5f6b7a";

/// The kinds of span drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cat {
    Run = 0,
    Wait = 1,
    Io = 2,
    Sync = 3,
}

const CATS: [Cat; 4] = [Cat::Run, Cat::Wait, Cat::Io, Cat::Sync];

impl Cat {
    fn of(p: ThreadPhase) -> Option<Cat> {
        match p {
            ThreadPhase::Running => Some(Cat::Run),
            ThreadPhase::WaitingForGil => Some(Cat::Wait),
            ThreadPhase::Blocked(c) if is_sync_call(c) => Some(Cat::Sync),
            ThreadPhase::Blocked(_) => Some(Cat::Io),
            ThreadPhase::Idle | ThreadPhase::Exited => None,
        }
    }
    fn colour(self) -> &'static str {
        [C_RUN, C_WAIT, C_IO, C_SYNC][self as usize]
    }
    fn class(self) -> &'static str {
        ["run", "wait", "io", "sync"][self as usize]
    }
    fn words(self) -> &'static str {
        [
            "running bytecode",
            "waiting for the GIL",
            "blocked (I/O)",
            "blocked (waiting on a thread)",
        ][self as usize]
    }
}

/// A span after merging same-phase neighbours.
#[derive(Clone, Debug)]
struct Piece {
    start: f64,
    end: f64,
    cat: Cat,
    call: Option<&'static str>,
    /// How many raw spans it stands for.
    n: usize,
}

/// One drawn item: a plain span or a mixed bar.
#[derive(Clone, Debug)]
enum Item {
    One(Piece),
    Mixed {
        start: f64,
        end: f64,
        time: [f64; 4],
        n: usize,
    },
}

/// Spans narrower than this (pixels) are merged into mixed bars.
pub fn min_px(lanes: usize) -> f64 {
    (lanes as f64 * 0.25).max(2.0)
}

fn pieces(ev: &ThreadEvents, end: std::time::Duration) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for s in spans_of(&ev.events, end) {
        let Some(cat) = Cat::of(s.phase) else {
            continue;
        };
        let call = match s.phase {
            ThreadPhase::Blocked(c) => Some(c),
            _ => None,
        };
        if let Some(last) = out.last_mut() {
            if last.cat == cat && last.call == call && (s.start - last.end).abs() < 1e-9 {
                last.end = s.end;
                last.n += 1;
                continue;
            }
        }
        out.push(Piece {
            start: s.start,
            end: s.end,
            cat,
            call,
            n: 1,
        });
    }
    out
}

/// Merges pieces narrower than `min_s` seconds into mixed items.
fn items(pieces: Vec<Piece>, min_s: f64) -> Vec<Item> {
    let mut out = Vec::new();
    let mut mix: Option<(f64, f64, [f64; 4], usize)> = None;
    fn flush(
        mix: &mut Option<(f64, f64, [f64; 4], usize)>,
        out: &mut Vec<Item>,
        pieces_single: Option<Piece>,
    ) {
        if let Some((start, end, time, n)) = mix.take() {
            // A "mix" of one kind is drawn plainly.
            let kinds = time.iter().filter(|t| **t > 0.0).count();
            if kinds == 1 {
                let cat = CATS[time.iter().position(|t| *t > 0.0).unwrap_or(0)];
                out.push(Item::One(Piece {
                    start,
                    end,
                    cat,
                    call: pieces_single.and_then(|p| p.call),
                    n,
                }));
            } else {
                out.push(Item::Mixed {
                    start,
                    end,
                    time,
                    n,
                });
            }
        }
    }
    for p in pieces {
        let short = p.end - p.start < min_s;
        if let Some((_, end, _, _)) = mix {
            // Close the bar before a long piece, after a gap, or once it is wide enough.
            if !short || p.start - end > min_s / 2.0 {
                flush(&mut mix, &mut out, None);
            }
        }
        if !short {
            out.push(Item::One(p));
            continue;
        }
        let m = mix.get_or_insert((p.start, p.end, [0.0; 4], 0));
        m.1 = p.end;
        m.2[p.cat as usize] += p.end - p.start;
        m.3 += p.n;
        if m.1 - m.0 >= min_s {
            let single = (m.3 == p.n).then(|| p.clone());
            flush(&mut mix, &mut out, single);
        }
    }
    flush(&mut mix, &mut out, None);
    out
}

/// Pixels in tenths, so that touching items share an exact edge.
fn tenths(x: f64) -> i64 {
    (x * 10.0).round() as i64
}

fn px(t: i64) -> String {
    format!("{}.{}", t.div_euclid(10), t.rem_euclid(10))
}

/// A "nice" tick step (1, 2 or 5 × 10^k seconds) for about 8 ticks.
fn tick_step(span: f64) -> f64 {
    let raw = span / 8.0;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * mag >= raw {
            return m * mag;
        }
    }
    10.0 * mag
}

fn tick_label(t: f64, step: f64) -> String {
    if step >= 1.0 {
        format!("{t:.0} s")
    } else if step >= 0.1 {
        format!("{t:.1} s")
    } else if step >= 0.001 {
        let ms = t * 1e3;
        if (ms - ms.round()).abs() < 1e-6 {
            format!("{ms:.0} ms")
        } else {
            format!("{ms:.1} ms")
        }
    } else {
        format!("{:.0} µs", t * 1e6)
    }
}

/// Renders the timeline.
pub fn render_svg(events: &[ThreadEvents], ctx: &Context) -> String {
    let lanes: Vec<&ThreadEvents> = events.iter().filter(|e| !e.events.is_empty()).collect();
    let t0 = lanes
        .iter()
        .filter_map(|e| e.events.first())
        .map(|e| e.at.as_secs_f64())
        .fold(f64::INFINITY, f64::min);
    let t0 = if t0.is_finite() { t0 } else { 0.0 };
    let t_end = ctx.end.as_secs_f64().max(t0 + 1e-6);
    let span = t_end - t0;
    let scale = PLOT_W / span;
    let x_of = |t: f64| tenths(PLOT_X + (t - t0) * scale);
    let min_w = min_px(lanes.len());

    let d = ctx.diagnosis;
    let mut body = String::new();
    let mut y = 34.0;

    // Header: title, verdict, totals.
    let _ = writeln!(
        body,
        r#"<text x="20" y="{y}" font-size="19" font-weight="700" fill="{C_TEXT}">gil timeline — {}</text>"#,
        xml_escape(ctx.program)
    );
    y += 26.0;
    let verdict_lines = wrap(&d.message, 150, "\n");
    for (i, line) in verdict_lines
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i == 0 {
            // Bold the verdict's name.
            let name = d.verdict.name();
            let (head, rest) = match line.strip_prefix(name) {
                Some(rest) => (name, rest),
                None => ("", line),
            };
            let _ = writeln!(
                body,
                r#"<text x="20" y="{y}" font-size="13.5" fill="{C_TEXT}"><tspan font-weight="700" fill="{}">{}</tspan>{}</text>"#,
                verdict_colour(d.verdict),
                xml_escape(head),
                xml_escape(rest)
            );
        } else {
            let _ = writeln!(
                body,
                r#"<text x="20" y="{y}" font-size="13.5" fill="{C_TEXT}">{}</text>"#,
                xml_escape(line)
            );
        }
        y += 18.0;
    }
    let facts = wrap(&format!("{} · rule: {}", d.totals, d.rule), 185, "\n");
    for line in facts.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        let _ = writeln!(
            body,
            r#"<text x="20" y="{}" font-size="12" fill="{C_MUTED}">{}</text>"#,
            y + 2.0,
            xml_escape(line)
        );
        y += 16.0;
    }
    y += 10.0;

    // Legend.
    let mut lx = 20.0;
    for (colour, label) in [
        (C_RUN, "running (holds the GIL)"),
        (C_WAIT, "waiting for the GIL"),
        (C_IO, "released: I/O or sleep"),
        (C_SYNC, "released: join or lock"),
    ] {
        let _ = writeln!(
            body,
            r#"<rect x="{lx}" y="{}" width="14" height="14" rx="2" fill="{colour}"/><text x="{}" y="{}" font-size="12" fill="{C_TEXT}">{label}</text>"#,
            y - 11.0,
            lx + 19.0,
            y
        );
        lx += 19.0 + label.chars().count() as f64 * 7.0 + 26.0;
    }
    let _ = writeln!(
        body,
        r#"<g transform="translate({lx},{})"><rect width="14" height="7" fill="{C_RUN}"/><rect y="7" width="14" height="7" fill="{C_WAIT}"/></g><text x="{}" y="{y}" font-size="12" fill="{C_TEXT}">mixed: short spans, stacked by share</text>"#,
        y - 11.0,
        lx + 19.0
    );
    y += 22.0;

    let lanes_top = y;
    // Below the threads: the event loops' lanes, then one per child process (`children.rs`).
    let kids = crate::modules::mp_children::snapshot();
    let n_lanes = lanes.len() + ctx.loops.len() + kids.len();
    let lanes_bottom = lanes_top + n_lanes as f64 * (LANE_H + LANE_GAP);

    // Grid lines and tick labels.
    let step = tick_step(span);
    let mut grid = String::new();
    let mut k = 0u64;
    loop {
        let t = k as f64 * step;
        if t > span + 1e-12 {
            break;
        }
        let x = px(x_of(t0 + t));
        let _ = writeln!(
            grid,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d5dbe1" stroke-width="1"/><text x="{x}" y="{}" font-size="11" fill="{C_MUTED}" text-anchor="middle">{}</text>"##,
            lanes_top - 4.0,
            lanes_bottom + 4.0,
            lanes_bottom + 18.0,
            tick_label(t, step)
        );
        k += 1;
    }
    body.push_str(&grid);
    let _ = writeln!(
        body,
        r##"<line x1="{PLOT_X}" y1="{}" x2="{}" y2="{}" stroke="#8a96a3" stroke-width="1"/>"##,
        lanes_bottom + 4.0,
        PLOT_X + PLOT_W,
        lanes_bottom + 4.0
    );

    // Lanes.
    let wall = ctx.stats.elapsed.as_secs_f64().max(1e-9);
    for (i, ev) in lanes.iter().enumerate() {
        let ly = lanes_top + i as f64 * (LANE_H + LANE_GAP);
        let first = ev.events.first().map_or(t0, |e| e.at.as_secs_f64());
        let last = match ev.events.last() {
            Some(e) if e.phase == ThreadPhase::Exited => e.at.as_secs_f64(),
            _ => t_end,
        };
        let _ = writeln!(
            body,
            r#"<g class="lane" data-thread="{}" shape-rendering="crispEdges">"#,
            ev.thread
        );
        // Name and figures, left of the lane.
        let mut name = ev.name.clone();
        if name.chars().count() > 22 {
            name = name.chars().take(21).collect::<String>() + "…";
        }
        let _ = writeln!(
            body,
            r#"<text x="{}" y="{}" font-size="13" font-weight="600" fill="{C_TEXT}" text-anchor="end">{}</text>"#,
            LABEL_W,
            ly + 13.0,
            xml_escape(&name)
        );
        if let Some(t) = ctx.stats.thread(ev.thread) {
            let p = |d: std::time::Duration| 100.0 * d.as_secs_f64() / wall;
            let _ = writeln!(
                body,
                r#"<text x="{}" y="{}" font-size="10" fill="{C_MUTED}" text-anchor="end">run {:.0}% · wait {:.0}% · blocked {:.0}%</text>"#,
                LABEL_W,
                ly + 26.0,
                p(t.running),
                p(t.waiting),
                p(t.blocked)
            );
        }
        let (bx0, bx1) = (x_of(first), x_of(last));
        let _ = writeln!(
            body,
            r#"<rect class="life" x="{}" y="{ly}" width="{}" height="{LANE_H}" fill="{C_LANE}"/>"#,
            px(bx0),
            px((bx1 - bx0).max(1))
        );
        for item in items(pieces(ev, ctx.end), min_w / scale) {
            match item {
                Item::One(p) => {
                    let (x0, x1) = (x_of(p.start), x_of(p.end));
                    if x1 <= x0 {
                        continue;
                    }
                    let dur = p.end - p.start;
                    let what = match p.call {
                        Some(c) => format!("{} — released the GIL", c),
                        None => p.cat.words().to_string(),
                    };
                    let tip = format!(
                        "{}: {} ({} → {}){}",
                        what,
                        human(dur),
                        human(p.start - t0),
                        human(p.end - t0),
                        if p.n > 1 {
                            format!(", {} spans", p.n)
                        } else {
                            String::new()
                        }
                    );
                    let _ = write!(
                        body,
                        r#"<rect class="span {}" data-x="{}" data-w="{}" x="{}" y="{ly}" width="{}" height="{LANE_H}" fill="{}"><title>{}</title></rect>"#,
                        p.cat.class(),
                        px(x0),
                        px(x1 - x0),
                        px(x0),
                        px(x1 - x0),
                        p.cat.colour(),
                        xml_escape(&tip)
                    );
                    // Label wide blocked spans with their call.
                    if let Some(c) = p.call {
                        let w = (x1 - x0) as f64 / 10.0;
                        if w >= c.chars().count() as f64 * 6.4 + 10.0 {
                            let fg = if p.cat == Cat::Io { "#ffffff" } else { C_TEXT };
                            let _ = write!(
                                body,
                                r#"<text x="{}" y="{}" font-size="11" fill="{fg}" text-anchor="middle" pointer-events="none">{}</text>"#,
                                px((x0 + x1) / 2),
                                ly + LANE_H / 2.0 + 4.0,
                                xml_escape(c)
                            );
                        }
                    }
                    body.push('\n');
                }
                Item::Mixed {
                    start,
                    end,
                    time,
                    n,
                } => {
                    let (x0, x1) = (x_of(start), x_of(end));
                    if x1 <= x0 {
                        continue;
                    }
                    let total: f64 = time.iter().sum::<f64>().max(1e-12);
                    let parts: Vec<String> = CATS
                        .iter()
                        .filter(|c| time[**c as usize] > 0.0)
                        .map(|c| format!("{} {:.0}%", c.words(), 100.0 * time[*c as usize] / total))
                        .collect();
                    let tip = format!(
                        "{} spans in {} ({} → {}): {}",
                        n,
                        human(end - start),
                        human(start - t0),
                        human(end - t0),
                        parts.join(", ")
                    );
                    let _ = write!(
                        body,
                        r#"<g class="span mixed" data-x="{}" data-w="{}"><title>{}</title>"#,
                        px(x0),
                        px(x1 - x0),
                        xml_escape(&tip)
                    );
                    // Stacked stripes, heights by share (in tenths of a pixel).
                    let h_total = tenths(LANE_H);
                    let mut acc = 0.0;
                    let mut top = 0i64;
                    for c in CATS {
                        let share = time[c as usize];
                        if share <= 0.0 {
                            continue;
                        }
                        acc += share;
                        let bottom = ((acc / total) * h_total as f64).round() as i64;
                        if bottom > top {
                            let _ = write!(
                                body,
                                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                                px(x0),
                                px(tenths(ly) + top),
                                px(x1 - x0),
                                px(bottom - top),
                                c.colour()
                            );
                        }
                        top = bottom;
                    }
                    body.push_str("</g>\n");
                }
            }
        }
        body.push_str("</g>\n");
    }

    // The event loops' lanes, below the threads'.
    let frame = super::loop_lane::Frame {
        x_of: &x_of,
        t0,
        t_end,
        min_s: min_w / scale,
        label_x: LABEL_W,
        lane_h: LANE_H,
        lane_colour: C_LANE,
        text: C_TEXT,
        muted: C_MUTED,
    };
    super::loop_lane::render(
        &mut body,
        ctx.loops,
        lanes_top + lanes.len() as f64 * (LANE_H + LANE_GAP),
        LANE_H + LANE_GAP,
        &frame,
    );
    let axis = super::children::Axis {
        x_of: &x_of,
        label_w: LABEL_W,
        lane_h: LANE_H,
        lane_gap: LANE_GAP,
        end: t_end,
    };
    let kids_top = lanes_top + (lanes.len() + ctx.loops.len()) as f64 * (LANE_H + LANE_GAP);
    body.push_str(&super::children::svg_lanes(&kids, kids_top, &axis));

    let foot_y = lanes_bottom + 40.0;
    let _ = writeln!(
        body,
        r#"<text x="{}" y="{foot_y}" font-size="10.5" fill="{C_MUTED}" text-anchor="end">Spans shorter than {} ({:.0} px) are merged into stacked bars · hover a span for details · gil --timeline</text>"#,
        PLOT_X + PLOT_W,
        human(min_w / scale),
        min_w
    );
    let _ = writeln!(
        body,
        r#"<text x="{PLOT_X}" y="{foot_y}" font-size="10.5" fill="{C_MUTED}">time since the interpreter started</text>"#
    );
    let height = foot_y + 16.0;

    let mut svg = String::with_capacity(body.len() + 600);
    let _ = writeln!(svg, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

fn verdict_colour(v: super::Verdict) -> &'static str {
    use super::Verdict::*;
    match v {
        CpuBound | Convoy | LockContention | LoopBlocked => "#b83213",
        IoBoundSequential | IoBoundOverlapped => "#25548f",
        CpuParallel => "#1f7a40",
        TooShort | Mixed => C_TEXT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn p(start: f64, end: f64, cat: Cat) -> Piece {
        Piece {
            start,
            end,
            cat,
            call: None,
            n: 1,
        }
    }

    #[test]
    fn short_pieces_merge_and_long_ones_stay() {
        let v = vec![
            p(0.0, 1.0, Cat::Run),
            p(1.0, 1.01, Cat::Wait),
            p(1.01, 1.02, Cat::Run),
            p(1.02, 1.03, Cat::Wait),
            p(1.03, 2.0, Cat::Io),
        ];
        let it = items(v, 0.05);
        assert_eq!(it.len(), 3);
        assert!(matches!(it[1], Item::Mixed { n: 3, .. }));
        // Contiguous, never overlapping.
        let bounds: Vec<(f64, f64)> = it
            .iter()
            .map(|i| match i {
                Item::One(p) => (p.start, p.end),
                Item::Mixed { start, end, .. } => (*start, *end),
            })
            .collect();
        for w in bounds.windows(2) {
            assert!(w[0].1 <= w[1].0 + 1e-12);
        }
    }

    #[test]
    fn many_switches_stay_bounded() {
        let mut v = Vec::new();
        for i in 0..100_000 {
            let t = i as f64 * 1e-4;
            v.push(p(
                t,
                t + 1e-4,
                if i % 2 == 0 { Cat::Run } else { Cat::Wait },
            ));
        }
        let it = items(v, 10.0 / PLOT_W * 2.0);
        assert!(it.len() <= (PLOT_W / 2.0) as usize + 2, "{}", it.len());
    }

    #[test]
    fn ten_seconds_of_100k_switches_stay_under_2mb() {
        use crate::gil::{Event, GilStats, Policy};
        use crate::observe::{Context, Diagnosis, Verdict};
        // 4 threads taking turns every 100 µs for 10 s: 100,000 switches.
        let us = Duration::from_micros;
        let mut lanes: Vec<ThreadEvents> = (0..4)
            .map(|i| ThreadEvents {
                thread: i,
                name: format!("Thread-{i}"),
                events: vec![],
            })
            .collect();
        for k in 0..100_000u64 {
            let holder = (k % 4) as usize;
            for (i, lane) in lanes.iter_mut().enumerate() {
                let phase = if i == holder {
                    ThreadPhase::Running
                } else if k % 7 == 0 {
                    ThreadPhase::Blocked("time.sleep")
                } else {
                    ThreadPhase::WaitingForGil
                };
                if lane.events.last().map(|e| e.phase) != Some(phase) {
                    lane.events.push(Event {
                        at: us(100 * k),
                        phase,
                    });
                }
            }
        }
        let stats = GilStats {
            policy: Policy::Interval,
            switch_interval: 0.0001,
            check_interval: 100,
            elapsed: Duration::from_secs(10),
            switches: 100_000,
            drop_requests: 0,
            running_now: 0,
            max_running: 1,
            threads: vec![],
        };
        let d = Diagnosis {
            verdict: Verdict::CpuBound,
            rule: "r".into(),
            message: "CPU-bound: m".into(),
            totals: "t".into(),
            report: String::new(),
        };
        let ctx = Context {
            program: "p.py",
            stats: &stats,
            diagnosis: &d,
            end: Duration::from_secs(10),
            cores: 2,
            loops: &[],
        };
        let svg = render_svg(&lanes, &ctx);
        println!(
            "timeline of 100,000 switches over 10 s: {} bytes",
            svg.len()
        );
        assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
        assert!(svg.len() > 10_000);
    }

    #[test]
    fn ticks_are_nice() {
        assert_eq!(tick_step(10.0), 2.0);
        assert_eq!(tick_step(1.0), 0.2);
        assert_eq!(tick_label(0.4, 0.2), "0.4 s");
        assert_eq!(tick_label(0.004, 0.002), "4 ms");
        assert_eq!(px(12345), "1234.5");
        let _ = Duration::ZERO;
    }
}
