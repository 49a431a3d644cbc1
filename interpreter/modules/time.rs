//! `time`: clocks, `sleep` (which releases the GIL) and `strftime`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::builtins::args::{arity, no_kwargs};
use crate::builtins::builtin;
use crate::objects::function::{KwArgs, NativeFn};
use crate::objects::{DictObj, Value};
use crate::vm::types::{type_name, types};
use crate::vm::{PyErr, PyResult, Vm};

pub fn build(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("sleep", sleep),
        ("time", time),
        ("time_ns", time_ns),
        ("monotonic", monotonic),
        ("monotonic_ns", monotonic_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("process_time", process_time),
        ("process_time_ns", process_time_ns),
        ("thread_time", thread_time),
        ("thread_time_ns", thread_time_ns),
        ("strftime", strftime),
        ("localtime", localtime),
        ("gmtime", gmtime),
        ("asctime", asctime),
        ("ctime", ctime),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin(name, *f));
    }
    Ok(())
}

fn sleep(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("sleep", &kw)?;
    arity("time.sleep", args, 1, 1)?;
    let secs = match &args[0] {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => {
            vm.to_float(&args[0])?
        }
        Value::Instance(_) => vm.to_float(&args[0])?,
        v => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            )))
        }
    };
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    if secs > 9.2e9 {
        return Err(PyErr::overflow(
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let ts = vm.thread.clone();
    let interp = vm.interp.clone();
    let interrupted = interp.gil.allow_threads(&ts, "time.sleep", || {
        interp.gil.interruptible_sleep(&ts, deadline)
    });
    if interrupted && vm.interp.gil.take_interrupt(&ts) {
        return Err(PyErr::with_args(&types().keyboard_interrupt, vec![]));
    }
    Ok(Value::None)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// Reads a POSIX clock as (seconds, nanoseconds).
fn clock(id: libc::clockid_t) -> (i64, i64) {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable `timespec` living for the whole call, and `id` is one
    // of the clock constants the libc crate defines; clock_gettime writes only into `ts`.
    let rc = unsafe { libc::clock_gettime(id, &mut ts) };
    if rc != 0 {
        return (0, 0);
    }
    (ts.tv_sec, ts.tv_nsec)
}

pub(crate) fn clock_f(id: libc::clockid_t) -> Value {
    let (s, ns) = clock(id);
    Value::Float(s as f64 + ns as f64 * 1e-9)
}

fn clock_ns(id: libc::clockid_t) -> Value {
    let (s, ns) = clock(id);
    Value::Int(s * 1_000_000_000 + ns)
}

fn time(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.time", args, 0, 0)?;
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_ns(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.time_ns", args, 0, 0)?;
    Ok(Value::Int(since_epoch().as_nanos() as i64))
}

fn monotonic(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.monotonic", args, 0, 0)?;
    Ok(clock_f(libc::CLOCK_MONOTONIC))
}

fn monotonic_ns(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.monotonic_ns", args, 0, 0)?;
    Ok(clock_ns(libc::CLOCK_MONOTONIC))
}

fn perf_counter(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.perf_counter", args, 0, 0)?;
    Ok(clock_f(libc::CLOCK_MONOTONIC))
}

fn perf_counter_ns(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.perf_counter_ns", args, 0, 0)?;
    Ok(clock_ns(libc::CLOCK_MONOTONIC))
}

fn process_time(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.process_time", args, 0, 0)?;
    Ok(clock_f(libc::CLOCK_PROCESS_CPUTIME_ID))
}

fn process_time_ns(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.process_time_ns", args, 0, 0)?;
    Ok(clock_ns(libc::CLOCK_PROCESS_CPUTIME_ID))
}

fn thread_time(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.thread_time", args, 0, 0)?;
    Ok(clock_f(libc::CLOCK_THREAD_CPUTIME_ID))
}

fn thread_time_ns(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("time.thread_time_ns", args, 0, 0)?;
    Ok(clock_ns(libc::CLOCK_THREAD_CPUTIME_ID))
}

// ----- calendar -------------------------------------------------------------------

/// A broken-down time: (year, month, mday, hour, min, sec, wday (Monday = 0), yday, isdst).
type Tm = [i64; 9];

/// The `Tm` of `secs` since the epoch, in local time or UTC.
fn broken_down(secs: i64, local: bool) -> Tm {
    // SAFETY: an all-zero `tm` is a valid value (integers and a null `tm_zone` pointer).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let t: libc::time_t = secs as libc::time_t;
    // SAFETY: `t` and `tm` are valid for the duration of the call; the re-entrant `_r`
    // variants write only into `tm` and keep no pointer to either argument.
    let ok = unsafe {
        if local {
            !libc::localtime_r(&t, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&t, &mut tm).is_null()
        }
    };
    if !ok {
        return [1970, 1, 1, 0, 0, 0, 3, 1, 0];
    }
    [
        tm.tm_year as i64 + 1900,
        tm.tm_mon as i64 + 1,
        tm.tm_mday as i64,
        tm.tm_hour as i64,
        tm.tm_min as i64,
        tm.tm_sec as i64,
        (tm.tm_wday as i64 + 6) % 7,
        tm.tm_yday as i64 + 1,
        tm.tm_isdst as i64,
    ]
}

fn secs_arg(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<i64> {
    arity(name, args, 0, 1)?;
    match args.first() {
        None | Some(Value::None) => Ok(since_epoch().as_secs() as i64),
        Some(v) => {
            let f = vm.to_float(v)?;
            if !f.is_finite() {
                return Err(PyErr::overflow(
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(f.floor() as i64)
        }
    }
}

fn tm_value(tm: Tm) -> Value {
    Value::tuple(tm.iter().map(|x| Value::Int(*x)).collect())
}

fn localtime(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = secs_arg(vm, "localtime", args)?;
    Ok(tm_value(broken_down(s, true)))
}

fn gmtime(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = secs_arg(vm, "gmtime", args)?;
    Ok(tm_value(broken_down(s, false)))
}

fn tuple_arg(vm: &mut Vm, fname: &str, v: Option<&Value>) -> PyResult<Tm> {
    let Some(v) = v else {
        return Ok(broken_down(since_epoch().as_secs() as i64, true));
    };
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        _ => return Err(PyErr::type_error("Tuple or struct_time argument required")),
    };
    if items.len() != 9 {
        return Err(PyErr::type_error(format!(
            "{fname}(): illegal time tuple argument"
        )));
    }
    let mut tm = [0i64; 9];
    for (i, it) in items.iter().enumerate() {
        tm[i] = crate::builtins::args::int_arg(vm, it)?;
    }
    if tm[1] == 0 {
        tm[1] = 1;
    }
    if tm[2] == 0 {
        tm[2] = 1;
    }
    if tm[7] == 0 {
        tm[7] = 1;
    }
    let checks: [(usize, i64, i64, &str); 7] = [
        (1, 1, 12, "month out of range"),
        (2, 1, 31, "day of month out of range"),
        (3, 0, 23, "hour out of range"),
        (4, 0, 59, "minute out of range"),
        (5, 0, 61, "seconds out of range"),
        (7, 1, 366, "day of year out of range"),
        (6, -1, i64::MAX, "day of week out of range"),
    ];
    for (i, lo, hi, msg) in checks {
        if tm[i] < lo || tm[i] > hi {
            return Err(PyErr::value_error(msg));
        }
    }
    tm[6] = tm[6].rem_euclid(7);
    tm[8] = tm[8].clamp(-1, 1);
    Ok(tm)
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAYS_FULL: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn format_tm(fmt: &str, tm: &Tm) -> String {
    let [year, mon, mday, hour, min, sec, wday, yday, _] = *tm;
    let wd = wday.rem_euclid(7) as usize;
    let mo = (mon - 1).clamp(0, 11) as usize;
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(code) = chars.next() else {
            out.push('%');
            break;
        };
        let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
        let s = match code {
            'Y' => format!("{year}"),
            'y' => format!("{:02}", year.rem_euclid(100)),
            'C' => format!("{:02}", year.div_euclid(100)),
            'm' => format!("{mon:02}"),
            'd' => format!("{mday:02}"),
            'e' => format!("{mday:2}"),
            'H' => format!("{hour:02}"),
            'I' => format!("{h12:02}"),
            'M' => format!("{min:02}"),
            'S' => format!("{sec:02}"),
            'j' => format!("{yday:03}"),
            'p' => (if hour < 12 { "AM" } else { "PM" }).to_string(),
            'a' => DAYS[wd].to_string(),
            'A' => DAYS_FULL[wd].to_string(),
            'b' | 'h' => MONTHS[mo].to_string(),
            'B' => MONTHS_FULL[mo].to_string(),
            'w' => format!("{}", (wd + 1) % 7),
            'u' => format!("{}", wd + 1),
            'D' => format!("{mon:02}/{mday:02}/{:02}", year.rem_euclid(100)),
            'F' => format!("{year}-{mon:02}-{mday:02}"),
            'T' => format!("{hour:02}:{min:02}:{sec:02}"),
            'R' => format!("{hour:02}:{min:02}"),
            'x' => format!("{mon:02}/{mday:02}/{:02}", year.rem_euclid(100)),
            'X' => format!("{hour:02}:{min:02}:{sec:02}"),
            'c' => format!(
                "{} {} {mday:2} {hour:02}:{min:02}:{sec:02} {year}",
                DAYS[wd], MONTHS[mo]
            ),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

fn strftime(vm: &mut Vm, args: &[Value], kw: KwArgs) -> PyResult<Value> {
    no_kwargs("strftime", &kw)?;
    arity("strftime", args, 1, 2)?;
    let fmt = match &args[0] {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "strftime() argument 1 must be str, not {}",
                type_name(v)
            )))
        }
    };
    let tm = tuple_arg(vm, "strftime", args.get(1))?;
    Ok(Value::string(format_tm(fmt.as_str(), &tm)))
}

fn asctime(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("asctime", args, 0, 1)?;
    let tm = tuple_arg(vm, "asctime", args.first())?;
    Ok(Value::string(format_tm("%c", &tm)))
}

fn ctime(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    let s = secs_arg(vm, "ctime", args)?;
    Ok(Value::string(format_tm("%c", &broken_down(s, true))))
}
