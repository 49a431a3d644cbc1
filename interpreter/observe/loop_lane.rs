//! The event loop's lane of the `--timeline` SVG: which task (or callback)
//! the loop ran when, one lane per thread that ran a loop, below the
//! thread lanes.
//!
//! The steps come from the loop hook (`Gil::loop_step_begin` / `_end`,
//! called by `stdlib/asyncio` around each step while events are recorded).
//! A step gets its own bar, coloured by task name, with a `<title>` naming
//! the task and its duration. Steps narrower than the merge width are
//! merged with their neighbours (as long as the gaps between them are
//! narrow too) into one grey bar whose tooltip lists the busiest tasks, so
//! 100,000 task switches still make a small picture. Gaps are the loop
//! polling or doing its own bookkeeping. Bars carry `data-x`/`data-w` like
//! the thread lanes' spans, and never overlap.

use std::fmt::Write;

use super::{human, xml_escape};
use crate::gil::LoopSteps;

/// Where and how to draw (shared with the thread lanes).
pub(super) struct Frame<'a> {
    /// Seconds since `process_start` to tenths of a pixel.
    pub x_of: &'a dyn Fn(f64) -> i64,
    /// Time origin of the picture (for tooltips).
    pub t0: f64,
    /// End of the picture: a step still running ends here.
    pub t_end: f64,
    /// Steps shorter than this (seconds) are merged.
    pub min_s: f64,
    pub label_x: f64,
    pub lane_h: f64,
    pub lane_colour: &'a str,
    pub text: &'a str,
    pub muted: &'a str,
}

/// One bar: a step, or several merged.
struct Bar {
    start: f64,
    end: f64,
    /// (task, seconds) in first-seen order.
    names: Vec<(String, f64)>,
    n: usize,
}

impl Bar {
    fn add(&mut self, name: &str, start: f64, end: f64) {
        self.end = end;
        self.n += 1;
        match self.names.iter_mut().find(|(n, _)| n == name) {
            Some((_, t)) => *t += end - start,
            None => self.names.push((name.to_string(), end - start)),
        }
    }
}

fn bars(steps: &LoopSteps, t_end: f64, min_s: f64) -> Vec<Bar> {
    let mut out: Vec<Bar> = Vec::new();
    for s in &steps.steps {
        let start = s.start.as_secs_f64();
        let end = s.end.map_or(t_end, |e| e.as_secs_f64()).max(start);
        if let Some(cur) = out.last_mut() {
            let narrow = cur.end - cur.start < min_s && end - start < min_s;
            if narrow && start - cur.end < min_s {
                cur.add(&s.name, start, end);
                continue;
            }
        }
        let mut b = Bar {
            start,
            end,
            names: Vec::new(),
            n: 0,
        };
        b.add(&s.name, start, end);
        out.push(b);
    }
    out
}

/// A stable, readable colour per task name.
fn colour_of(name: &str) -> String {
    let h = name.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    });
    format!("hsl({}, 55%, 52%)", h % 360)
}

fn px(t: i64) -> String {
    format!("{:.1}", t as f64 / 10.0)
}

/// Appends one lane per loop at `top`, `pitch` apart; returns the number drawn.
pub(super) fn render(
    body: &mut String,
    loops: &[LoopSteps],
    top: f64,
    pitch: f64,
    f: &Frame,
) -> usize {
    for (i, lp) in loops.iter().enumerate() {
        let ly = top + i as f64 * pitch;
        let h = f.lane_h;
        let _ = writeln!(
            body,
            r#"<g class="lane loop" data-loop="{}" shape-rendering="crispEdges">"#,
            lp.thread
        );
        let busy: f64 = lp
            .steps
            .iter()
            .map(|s| s.end.map_or(f.t_end, |e| e.as_secs_f64()) - s.start.as_secs_f64())
            .sum();
        let _ = writeln!(
            body,
            r#"<text x="{}" y="{}" font-size="13" font-weight="600" fill="{}" text-anchor="end">asyncio loop</text>"#,
            f.label_x,
            ly + 13.0,
            f.text
        );
        let _ = writeln!(
            body,
            r#"<text x="{}" y="{}" font-size="10" fill="{}" text-anchor="end">on {} · {} steps · {} busy</text>"#,
            f.label_x,
            ly + 26.0,
            f.muted,
            xml_escape(&lp.name),
            lp.steps.len(),
            human(busy)
        );
        let first = lp.steps.first().map_or(f.t0, |s| s.start.as_secs_f64());
        let (bx0, bx1) = ((f.x_of)(first), (f.x_of)(f.t_end));
        let _ = writeln!(
            body,
            r#"<rect class="life" x="{}" y="{ly}" width="{}" height="{h}" fill="{}"/>"#,
            px(bx0),
            px((bx1 - bx0).max(1)),
            f.lane_colour
        );
        let bars = bars(lp, f.t_end, f.min_s);
        let mut prev_end = i64::MIN;
        for b in &bars {
            // At least one pixel wide, but never into the previous bar.
            let x0 = (f.x_of)(b.start).max(prev_end);
            let x1 = (f.x_of)(b.end).max(x0 + 10);
            prev_end = x1;
            let when = format!("{} → {}", human(b.start - f.t0), human(b.end - f.t0));
            let (class, fill, tip) = if b.n == 1 {
                let name = &b.names[0].0;
                (
                    "span step",
                    colour_of(name),
                    format!("{name}: {} ({when})", human(b.end - b.start)),
                )
            } else {
                let mut names = b.names.clone();
                names.sort_by(|a, b| b.1.total_cmp(&a.1));
                let top: Vec<String> = names
                    .iter()
                    .take(3)
                    .map(|(n, t)| format!("{n} {}", human(*t)))
                    .collect();
                (
                    "span steps",
                    "#8d8aa8".to_string(),
                    format!(
                        "{} steps in {} ({when}): {}{}",
                        b.n,
                        human(b.end - b.start),
                        top.join(", "),
                        if names.len() > 3 { ", …" } else { "" }
                    ),
                )
            };
            let _ = write!(
                body,
                r#"<rect class="{class}" data-x="{}" data-w="{}" x="{}" y="{ly}" width="{}" height="{h}" fill="{fill}"><title>{}</title></rect>"#,
                px(x0),
                px(x1 - x0),
                px(x0),
                px(x1 - x0),
                xml_escape(&tip)
            );
            // Name wide single steps.
            if b.n == 1 {
                let name = &b.names[0].0;
                if (x1 - x0) as f64 / 10.0 >= name.chars().count() as f64 * 6.4 + 10.0 {
                    let _ = write!(
                        body,
                        r#"<text x="{}" y="{}" font-size="11" fill="white" text-anchor="middle" pointer-events="none">{}</text>"#,
                        px((x0 + x1) / 2),
                        ly + h / 2.0 + 4.0,
                        xml_escape(name)
                    );
                }
            }
            body.push('\n');
        }
        body.push_str("</g>\n");
    }
    loops.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gil::LoopStep;
    use std::time::Duration;

    fn step(name: &str, a_ms: u64, b_ms: u64) -> LoopStep {
        LoopStep {
            name: name.into(),
            start: Duration::from_millis(a_ms),
            end: Some(Duration::from_millis(b_ms)),
        }
    }

    #[test]
    fn short_close_steps_merge_and_long_ones_stand_alone() {
        let lp = LoopSteps {
            thread: 0,
            name: "MainThread".into(),
            steps: vec![
                step("task 'a'", 0, 1),
                step("task 'b'", 1, 2),
                step("task 'a'", 2, 3),
                step("task 'hog'", 10, 500),
                step("task 'a'", 900, 901),
            ],
        };
        let b = bars(&lp, 1.0, 0.005);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].n, 3);
        assert_eq!(b[0].names[0].0, "task 'a'");
        assert!((b[0].names[0].1 - 0.002).abs() < 1e-9);
        assert_eq!((b[1].n, b[1].names[0].0.as_str()), (1, "task 'hog'"));
        assert_eq!(b[2].n, 1);
        assert!(b.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
