//! Child processes (`multiprocessing`, `ProcessPoolExecutor`) in the reports: a table for
//! `--gil-stats` and `--diagnose`, one lane per child in `--timeline`, one track (its own
//! `pid`) per child in `--trace`. The figures come from `modules/mp_children.rs`.

use std::fmt::Write;

use super::trace::json_str;
use super::{human, xml_escape};
use crate::modules::mp_children::ChildRecord;

const C_TASK: &str = "#8e6cc0";
const C_LIFE: &str = "#e9e3f3";
const C_TEXT: &str = "#1f2933";
const C_MUTED: &str = "#5f6b7a";

fn mb(kb: u64) -> String {
    if kb == 0 {
        "-".into()
    } else {
        format!("{:.1} MB", kb as f64 / 1024.0)
    }
}

/// The table of children, or "" if there were none. `parent_cpu` is this process's own CPU
/// seconds and `wall` its wall time, for the combined utilisation line.
pub fn table(
    children: &[ChildRecord],
    now: f64,
    parent_cpu: Option<f64>,
    wall: f64,
    cores: usize,
) -> String {
    if children.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nchild processes (each runs its own interpreter with its own GIL)"
    );
    let _ = writeln!(
        out,
        "{:>8} {:<22} {:>9} {:>9} {:>6} {:>9} {:>6} {:>9} {:>9} {:>6}",
        "pid", "name", "wall", "CPU", "CPU%", "peak RSS", "tasks", "GIL held", "max run", "exit"
    );
    for c in children {
        let wall_c = c.wall(now);
        let mut name = c.name.clone();
        if name.chars().count() > 22 {
            name = name.chars().take(21).collect::<String>() + "…";
        }
        let (held, maxrun) = match &c.gil {
            Some(g) => (
                format!("{:.1}%", 100.0 * g.running / g.wall.max(1e-9)),
                g.max_running.to_string(),
            ),
            None => ("-".into(), "-".into()),
        };
        let exit = match c.exitcode {
            Some(code) => code.to_string(),
            None => "running".into(),
        };
        let _ = writeln!(
            out,
            "{:>8} {:<22} {:>8.3}s {:>8.3}s {:>5.0}% {:>9} {:>6} {:>9} {:>9} {:>6}",
            c.pid,
            name,
            wall_c,
            c.cpu(),
            100.0 * c.cpu() / wall_c.max(1e-9),
            mb(c.peak_rss_kb),
            c.busy.len(),
            held,
            maxrun,
            exit
        );
    }
    let kids: f64 = children.iter().map(ChildRecord::cpu).sum();
    let _ = write!(
        out,
        "children: {} processes, {:.3} s CPU",
        children.len(),
        kids
    );
    if let Some(p) = parent_cpu {
        let w = wall.max(1e-9);
        let _ = write!(
            out,
            "; with the parent's {:.3} s: {:.2} cores busy of {} over {:.3} s wall",
            p,
            (p + kids) / w,
            cores,
            wall
        );
    }
    out.push('\n');
    if let Some(p) = parent_cpu {
        if kids > p {
            let _ = writeln!(
                out,
                "Most of the CPU time ({:.0}%) was spent in the child processes; the rows above\n\
                 them are the parent's own threads, which mostly waited for the children.",
                100.0 * kids / (kids + p).max(1e-9)
            );
        }
    }
    out
}

/// Geometry and time axis of the timeline the lanes go into.
pub struct Axis<'a> {
    /// Seconds since `process_start` → x, in tenths of a pixel.
    pub x_of: &'a dyn Fn(f64) -> i64,
    pub label_w: f64,
    pub lane_h: f64,
    pub lane_gap: f64,
    /// The time the picture ends.
    pub end: f64,
}

fn px(t: i64) -> String {
    format!("{}.{}", t.div_euclid(10), t.rem_euclid(10))
}

/// One lane per child, from `top`: its life in pale violet, each task in violet.
pub fn svg_lanes(children: &[ChildRecord], top: f64, a: &Axis) -> String {
    let mut out = String::new();
    for (i, c) in children.iter().enumerate() {
        let ly = top + i as f64 * (a.lane_h + a.lane_gap);
        let end = c.ended.unwrap_or(a.end).min(a.end);
        let _ = writeln!(
            out,
            r#"<g class="lane child" data-pid="{}" shape-rendering="crispEdges">"#,
            c.pid
        );
        let mut name = c.name.clone();
        if name.chars().count() > 22 {
            name = name.chars().take(21).collect::<String>() + "…";
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="13" font-weight="600" fill="{C_TEXT}" text-anchor="end">{}</text>"#,
            a.label_w,
            ly + 13.0,
            xml_escape(&name)
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="10" fill="{C_MUTED}" text-anchor="end">pid {} · CPU {} · {}</text>"#,
            a.label_w,
            ly + 26.0,
            c.pid,
            human(c.cpu()),
            mb(c.peak_rss_kb)
        );
        let held = c.gil.as_ref().map_or(String::new(), |g| {
            format!(
                ", its own GIL held {:.0}% of its time",
                100.0 * g.running / g.wall.max(1e-9)
            )
        });
        let (x0, x1) = ((a.x_of)(c.started), (a.x_of)(end));
        let _ = writeln!(
            out,
            r#"<rect class="life" x="{}" y="{ly}" width="{}" height="{}" fill="{C_LIFE}"><title>{} (pid {}): child process, alive {}, CPU {}{}</title></rect>"#,
            px(x0),
            px((x1 - x0).max(1)),
            a.lane_h,
            xml_escape(&c.name),
            c.pid,
            human(c.wall(a.end)),
            human(c.cpu()),
            held
        );
        let mut last_x = i64::MIN;
        for &(s, e) in &c.busy {
            let (bx0, bx1) = ((a.x_of)(s).max(last_x), (a.x_of)(e.min(a.end)));
            if bx1 <= bx0 {
                continue;
            }
            last_x = bx1;
            let _ = writeln!(
                out,
                r#"<rect class="span task" data-x="{}" data-w="{}" x="{}" y="{ly}" width="{}" height="{}" fill="{C_TASK}"><title>task: {}</title></rect>"#,
                px(bx0),
                px(bx1 - bx0),
                px(bx0),
                px(bx1 - bx0),
                a.lane_h,
                human(e - s)
            );
        }
        out.push_str("</g>\n");
    }
    out
}

/// Trace events: per child a process (`pid` = its real pid) with one thread track named
/// after it, and a complete event per task. `us` maps seconds since `process_start` to the
/// trace's microseconds.
pub fn trace_events(children: &[ChildRecord], us: &dyn Fn(f64) -> f64, end: f64) -> String {
    let mut out = String::new();
    for (i, c) in children.iter().enumerate() {
        let pid = c.pid;
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":{pid},\"tid\":1,\"name\":\"process_name\",\"args\":{{\"name\":{}}}}}",
            json_str(&format!("{} (child process)", c.name))
        );
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":{pid},\"tid\":1,\"name\":\"process_sort_index\",\"args\":{{\"sort_index\":{}}}}}",
            i + 2
        );
        let _ = write!(
            out,
            ",\n{{\"ph\":\"M\",\"pid\":{pid},\"tid\":1,\"name\":\"thread_name\",\"args\":{{\"name\":\"tasks\"}}}}"
        );
        let stop = c.ended.unwrap_or(end);
        let _ = write!(
            out,
            ",\n{{\"ph\":\"X\",\"pid\":{pid},\"tid\":1,\"name\":\"alive\",\"cat\":\"process\",\"ts\":{:.3},\"dur\":{:.3},\"args\":{{\"cpu_s\":{:.6},\"peak_rss_kb\":{},\"exitcode\":{}}}}}",
            us(c.started),
            (stop - c.started).max(0.0) * 1e6,
            c.cpu(),
            c.peak_rss_kb,
            c.exitcode.map_or("null".to_string(), |x| x.to_string())
        );
        for &(s, e) in &c.busy {
            let _ = write!(
                out,
                ",\n{{\"ph\":\"X\",\"pid\":{pid},\"tid\":1,\"name\":\"task\",\"cat\":\"process\",\"ts\":{:.3},\"dur\":{:.3}}}",
                us(s),
                (e - s).max(0.0) * 1e6
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn child() -> ChildRecord {
        ChildRecord {
            pid: 4242,
            name: "SpawnPoolWorker-1".into(),
            started: 0.1,
            ended: Some(1.1),
            exitcode: Some(0),
            user: 0.75,
            system: 0.05,
            peak_rss_kb: 10240,
            busy: vec![(0.2, 0.6), (0.6, 1.0)],
            open_task: None,
            gil: Some(crate::modules::mp_children::ChildGil {
                wall: 1.0,
                running: 0.8,
                max_running: 1,
                ..Default::default()
            }),
        }
    }

    #[test]
    fn table_has_a_row_per_child_and_the_combined_cpu() {
        let t = table(&[child()], 2.0, Some(0.2), 2.0, 2);
        assert!(t.contains("4242"), "{t}");
        assert!(t.contains("10.0 MB"), "{t}");
        assert!(t.contains("80.0%"), "{t}");
        assert!(t.contains("0.800s"), "{t}");
        assert!(t.contains("0.50 cores busy of 2"), "{t}");
        assert_eq!(table(&[], 1.0, None, 1.0, 2), "");
    }

    #[test]
    fn lanes_and_tracks_have_one_item_per_task() {
        let x_of = |t: f64| (t * 1000.0) as i64;
        let a = Axis {
            x_of: &x_of,
            label_w: 100.0,
            lane_h: 30.0,
            lane_gap: 10.0,
            end: 2.0,
        };
        let svg = svg_lanes(&[child()], 50.0, &a);
        assert_eq!(svg.matches("class=\"span task\"").count(), 2, "{svg}");
        let json = trace_events(&[child()], &|t| t * 1e6, 2.0);
        assert_eq!(json.matches("\"name\":\"task\"").count(), 2, "{json}");
        assert!(json.contains("\"pid\":4242"), "{json}");
    }
}
