//! The read side of a stream transport natively: `_SocketTransport._on_read`, which drains the
//! edge-triggered socket into its `StreamReader` and wakes the reader's waiter.
//!
//! In the echo benchmark every round trip is two read reports; in gil code each was three
//! calls (`_on_read`, `feed_data`, `_wakeup_waiter`) and a dozen attribute accesses. A reader
//! whose class is not exactly `StreamReader` gets its own `feed_data`/`feed_eof` called.

use std::sync::{Arc, OnceLock};

use crate::builtins::args::arity;
use crate::objects::function::KwArgs;
use crate::objects::str::intern;
use crate::objects::{ClassObj, StrObj, Value};
use crate::vm::types::types;
use crate::vm::{PyErr, PyResult, Vm};

use super::aio_core::{flag, get, inst, set, set_result_unless_cancelled};

static READER: OnceLock<Arc<ClassObj>> = OnceLock::new();

/// `stream_init(StreamReader)`.
pub(super) fn stream_init(_vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("stream_init", args, 1, 1)?;
    let Value::Class(c) = &args[0] else {
        return Err(PyErr::type_error(
            "stream_init: StreamReader must be a class",
        ));
    };
    let _ = READER.set(c.clone());
    Ok(Value::None)
}

struct Keys {
    closed: Arc<StrObj>,
    sock: Arc<StrObj>,
    reader: Arc<StrObj>,
    buffer: Arc<StrObj>,
    waiter: Arc<StrObj>,
}

fn keys() -> &'static Keys {
    static K: OnceLock<Keys> = OnceLock::new();
    K.get_or_init(|| Keys {
        closed: intern("_closed"),
        sock: intern("_sock"),
        reader: intern("_reader"),
        buffer: intern("_buffer"),
        waiter: intern("_waiter"),
    })
}

fn call_method(vm: &mut Vm, v: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = vm.get_attr_str(v, name)?;
    vm.call0(&m, args)
}

/// `_SocketTransport._on_read(self)`: read until the socket would block; EOF goes to
/// `reader.feed_eof()`, an `OSError` to `self._fatal(exc)`.
pub(super) fn transport_on_read(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("_on_read", args, 1, 1)?;
    let tr = &args[0];
    let t = inst(tr).ok_or_else(|| PyErr::type_error("a transport was expected"))?;
    let k = keys();
    while !flag(&get(t, &k.closed)) {
        let sock = get(t, &k.sock);
        let data = match super::aio_poll::recv(vm, &[sock]) {
            Ok(Some(d)) => d,
            Ok(None) => break,
            Err(e) if e.matches(&types().os_error) => {
                call_method(vm, tr, "_fatal", vec![e.exc])?;
                break;
            }
            Err(e) => return Err(e),
        };
        let reader = get(t, &k.reader);
        if matches!(&data, Value::Bytes(b) if b.is_empty()) {
            call_method(vm, &reader, "feed_eof", vec![])?;
            break;
        }
        feed_data(vm, &reader, data)?;
    }
    Ok(Value::None)
}

/// `StreamReader.feed_data(data)` for non-empty `data`: append, then wake the waiter.
fn feed_data(vm: &mut Vm, reader: &Value, data: Value) -> PyResult<()> {
    let k = keys();
    let plain = inst(reader).filter(|r| {
        READER
            .get()
            .is_some_and(|c| Arc::ptr_eq(&r.class.lock(), c))
    });
    let Some(r) = plain else {
        call_method(vm, reader, "feed_data", vec![data])?;
        return Ok(());
    };
    let joined = match (get(r, &k.buffer), &data) {
        (Value::Bytes(a), Value::Bytes(_)) if a.is_empty() => data,
        (Value::Bytes(a), Value::Bytes(b)) => {
            let mut v = Vec::with_capacity(a.len() + b.len());
            v.extend_from_slice(&a);
            v.extend_from_slice(b);
            Value::Bytes(Arc::new(v))
        }
        _ => {
            call_method(vm, reader, "feed_data", vec![data])?;
            return Ok(());
        }
    };
    set(r, &k.buffer, joined);
    let w = get(r, &k.waiter);
    if !w.is_none() {
        set(r, &k.waiter, Value::None);
        set_result_unless_cancelled(vm, &[w, Value::None], KwArgs::default())?;
    }
    Ok(())
}

struct WKeys {
    closing: Arc<StrObj>,
    wbuf: Arc<StrObj>,
    wsize: Arc<StrObj>,
    transport: Arc<StrObj>,
}

fn wkeys() -> &'static WKeys {
    static K: OnceLock<WKeys> = OnceLock::new();
    K.get_or_init(|| WKeys {
        closing: intern("_closing"),
        wbuf: intern("_wbuf"),
        wsize: intern("_wsize"),
        transport: intern("_transport"),
    })
}

/// `_SocketTransport.write(self, data)`: send now what the kernel takes, buffer the rest
/// (flushed by `_on_write`); a send error goes to `self._fatal(exc)`.
pub(super) fn transport_write(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("write", args, 2, 2)?;
    let (tr, data) = (&args[0], &args[1]);
    let t = inst(tr).ok_or_else(|| PyErr::type_error("a transport was expected"))?;
    let Value::Bytes(bytes) = data else {
        return Err(PyErr::type_error(format!(
            "data argument must be a bytes-like object, not '{}'",
            crate::vm::types::type_name(data)
        )));
    };
    let (k, w) = (keys(), wkeys());
    if flag(&get(t, &w.closing)) || flag(&get(t, &k.closed)) || bytes.is_empty() {
        return Ok(Value::None);
    }
    let Value::List(wbuf) = get(t, &w.wbuf) else {
        return Err(PyErr::type_error("transport._wbuf is not a list"));
    };
    let add_size = |n: usize| {
        let old = match get(t, &w.wsize) {
            Value::Int(i) => i,
            _ => 0,
        };
        set(t, &w.wsize, Value::Int(old + n as i64));
    };
    if !wbuf.is_empty() {
        wbuf.push(data.clone());
        add_size(bytes.len());
        return Ok(Value::None);
    }
    let sock = get(t, &k.sock);
    let sent = match super::aio_poll::sock_send(vm, &[sock, data.clone()], KwArgs::default()) {
        Ok(Value::Int(n)) => n.max(0) as usize,
        Ok(_) => 0,
        Err(e) if e.matches(&types().blocking_io_error) => 0,
        Err(e) if e.matches(&types().os_error) => {
            call_method(vm, tr, "_fatal", vec![e.exc])?;
            return Ok(Value::None);
        }
        Err(e) => return Err(e),
    };
    if sent < bytes.len() {
        wbuf.push(Value::Bytes(Arc::new(bytes[sent..].to_vec())));
        add_size(bytes.len() - sent);
    }
    Ok(Value::None)
}

/// `StreamWriter.write(self, data)`: `self._transport.write(data)`, without a gil call when
/// the transport's `write` is the native one.
pub(super) fn writer_write(vm: &mut Vm, args: &[Value], _kw: KwArgs) -> PyResult<Value> {
    arity("write", args, 2, 2)?;
    let transport = match inst(&args[0]) {
        Some(i) => get(i, &wkeys().transport),
        None => vm.get_attr(&args[0], &wkeys().transport)?,
    };
    let m = vm.get_attr_str(&transport, "write")?;
    if let Value::BoundMethod(b) = &m {
        if let Value::Builtin(f) = &b.func {
            if std::ptr::fn_addr_eq(
                f.func,
                transport_write as crate::objects::function::NativeFn,
            ) {
                return transport_write(vm, &[transport, args[1].clone()], KwArgs::default());
            }
        }
    }
    vm.call0(&m, vec![args[1].clone()])
}
