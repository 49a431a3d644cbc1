//! Calling things: argument binding for gil functions, natives, bound methods, classes, and
//! the creation of functions and classes.

use std::any::Any;
use std::sync::Arc;

use crate::objects::class::{ExcState, Layout, Payload};
use crate::objects::function::KwArgs;
use crate::objects::native::NativeObj;
use crate::objects::{CellObj, ClassObj, DictObj, FunctionObj, InstanceObj, StrObj, Value};

use super::frame::Frame;
use super::generator::GeneratorObj;
use super::run::Exec;
use super::types::{type_name, types};
use super::{CodeConst, PyErr, PyResult, Vm};

/// A closure cell handed around as a value (a class body returns its `__class__` cell).
pub struct CellRef(pub Arc<CellObj>);

impl NativeObj for CellRef {
    fn class(&self) -> Arc<ClassObj> {
        types().cell.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Vm {
    /// Calls any callable value.
    pub fn call(&mut self, callee: &Value, mut args: Vec<Value>, kw: KwArgs) -> PyResult<Value> {
        match callee {
            Value::Function(func) => {
                let frame = self.bind_frame(func, args, kw)?;
                if func.code.flags.generator || func.code.flags.coroutine {
                    return Ok(Value::Generator(Arc::new(GeneratorObj::new(
                        frame,
                        func.clone(),
                    ))));
                }
                self.run_frame(frame)
            }
            Value::Builtin(b) => {
                if self.profiling {
                    return self.prof_call_native(b, &args, kw);
                }
                (b.func)(self, &args, kw)
            }
            Value::BoundMethod(m) => {
                args.insert(0, m.receiver.clone());
                let f = m.func.clone();
                self.call(&f, args, kw)
            }
            Value::Class(cls) => self.instantiate(cls, args, kw),
            Value::Instance(_) | Value::Native(_) => {
                let cls = super::types::type_of(callee);
                match cls.lookup("__call__") {
                    Some(f) => {
                        args.insert(0, callee.clone());
                        self.call(&f, args, kw)
                    }
                    None => Err(PyErr::type_error(format!(
                        "'{}' object is not callable",
                        type_name(callee)
                    ))),
                }
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object is not callable",
                type_name(callee)
            ))),
        }
    }

    /// Convenience: positional arguments only.
    pub fn call0(&mut self, callee: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call(callee, args, KwArgs::default())
    }

    /// Runs a function frame to its return value.
    pub fn run_frame(&mut self, frame: Box<Frame>) -> PyResult<Value> {
        match self.execute(frame) {
            Exec::Returned(v) => Ok(v),
            Exec::Raised(e) => Err(e),
            Exec::Yielded(..) => Err(PyErr::runtime_error("yield outside a generator frame")),
        }
    }

    /// The fast path: positional arguments only, no `*args`/`**kw`/keyword-only parameters.
    #[inline]
    pub(crate) fn simple_frame(
        &mut self,
        func: &Arc<FunctionObj>,
        args: &[Value],
    ) -> Option<Box<Frame>> {
        let code = &func.code;
        let flags = code.flags;
        if flags.varargs
            || flags.varkw
            || flags.generator
            || flags.coroutine
            || code.kwonlycount != 0
        {
            return None;
        }
        let argc = code.argcount as usize;
        let n = args.len();
        let ndef = func.defaults.len();
        if n > argc || n + ndef < argc {
            return None;
        }
        let mut frame = self.alloc_frame(code, &func.globals);
        for (slot, a) in frame.locals.iter_mut().zip(args) {
            *slot = Some(a.fast_clone());
        }
        for i in n..argc {
            frame.locals[i] = Some(func.defaults[i - (argc - ndef)].clone());
        }
        self.finish_frame(func, &mut frame);
        Some(frame)
    }

    /// Copies closure cells and captured parameters into a new frame.
    #[inline]
    fn finish_frame(&self, func: &FunctionObj, frame: &mut Frame) {
        if !func.closure.is_empty() {
            frame.cells.extend(func.closure.iter().cloned());
        }
        for &(slot, cell) in &func.code.cell_params {
            *frame.cells[cell as usize].value.lock() = frame.locals[slot as usize].clone();
        }
    }

    /// Full argument binding, with CPython's error messages.
    pub(crate) fn bind_frame(
        &mut self,
        func: &Arc<FunctionObj>,
        mut args: Vec<Value>,
        mut kw: KwArgs,
    ) -> PyResult<Box<Frame>> {
        let code = func.code.clone();
        let qual = func.qualname();
        let argc = code.argcount as usize;
        let posonly = code.posonlycount as usize;
        let kwonly = code.kwonlycount as usize;
        let mut frame = self.alloc_frame(&code, &func.globals);
        let mut slot = argc + kwonly;
        // Positional arguments.
        let extra: Vec<Value> = if args.len() > argc {
            args.split_off(argc)
        } else {
            Vec::new()
        };
        let npos = args.len();
        for (i, a) in args.into_iter().enumerate() {
            frame.locals[i] = Some(a);
        }
        if code.flags.varargs {
            frame.locals[slot] = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let given = npos + extra.len();
            let ndef = func.defaults.len();
            let takes = if ndef > 0 {
                format!("from {} to {}", argc - ndef, argc)
            } else {
                argc.to_string()
            };
            let kwgiven = kw.0.len();
            let plural = if argc == 1 && ndef == 0 { "" } else { "s" };
            let msg = if kwgiven > 0 {
                format!(
                    "{qual}() takes {takes} positional argument{plural} but {given} positional argument{} (and {kwgiven} keyword-only argument{}) were given",
                    if given == 1 { "" } else { "s" },
                    if kwgiven == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{qual}() takes {takes} positional argument{plural} but {given} {} given",
                    if given == 1 { "was" } else { "were" }
                )
            };
            return Err(PyErr::type_error(msg));
        }
        // Keyword arguments.
        let kwdict = if code.flags.varkw {
            Some(Arc::new(DictObj::new()))
        } else {
            None
        };
        let mut posonly_as_kw = Vec::new();
        for (name, v) in kw.0.drain(..) {
            let idx = code.varnames[..argc + kwonly]
                .iter()
                .position(|n| n.as_str() == name.as_str());
            match idx {
                Some(i) if i >= posonly => {
                    if frame.locals[i].is_some() {
                        return Err(PyErr::type_error(format!(
                            "{qual}() got multiple values for argument '{}'",
                            name.as_str()
                        )));
                    }
                    frame.locals[i] = Some(v);
                }
                _ => match &kwdict {
                    Some(d) => {
                        self.dict_set(d, Value::Str(name), v)?;
                    }
                    None => {
                        if let Some(i) = idx {
                            let _ = i;
                            posonly_as_kw.push(name.as_str().to_string());
                            continue;
                        }
                        return Err(PyErr::type_error(format!(
                            "{qual}() got an unexpected keyword argument '{}'",
                            name.as_str()
                        )));
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(PyErr::type_error(format!(
                "{qual}() got some positional-only arguments passed as keyword arguments: '{}'",
                posonly_as_kw.join(", ")
            )));
        }
        if let Some(d) = kwdict {
            frame.locals[slot] = Some(Value::Dict(d));
        }
        // Defaults, then report what is still missing.
        let ndef = func.defaults.len();
        let mut missing = Vec::new();
        for i in 0..argc {
            if frame.locals[i].is_none() {
                if i >= argc - ndef {
                    frame.locals[i] = Some(func.defaults[i - (argc - ndef)].clone());
                } else {
                    missing.push(code.varnames[i].as_str().to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&qual, &missing, "positional"));
        }
        for i in argc..argc + kwonly {
            if frame.locals[i].is_none() {
                let name = code.varnames[i].as_str();
                match func.kwdefaults.iter().find(|(k, _)| k.as_str() == name) {
                    Some((_, v)) => frame.locals[i] = Some(v.clone()),
                    None => missing.push(name.to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&qual, &missing, "keyword-only"));
        }
        self.finish_frame(func, &mut frame);
        Ok(frame)
    }

    /// `MakeFunction`: builds a function from a code constant, defaults and closure cells.
    pub(crate) fn make_function(&mut self, f: &mut Frame, i: u32) -> PyResult<Value> {
        let code = match &f.code.consts[i as usize] {
            Value::Native(n) => match n.as_any().downcast_ref::<CodeConst>() {
                Some(c) => c.0.clone(),
                None => return Err(PyErr::runtime_error("bad code constant")),
            },
            _ => return Err(PyErr::runtime_error("bad code constant")),
        };
        let kwdefaults = if code.flags.has_kwdefaults {
            match f.pop() {
                Value::Dict(d) => d
                    .lock()
                    .items()
                    .into_iter()
                    .filter_map(|(k, v)| match k {
                        Value::Str(s) => Some((s, v)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if code.flags.has_defaults {
            match f.pop() {
                Value::Tuple(t) => (*t).clone(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let closure = code
            .closure_from
            .iter()
            .map(|&ci| {
                f.cells
                    .get(ci as usize)
                    .cloned()
                    .unwrap_or_else(|| Arc::new(CellObj::default()))
            })
            .collect();
        let func = FunctionObj {
            code,
            globals: f.globals.clone(),
            defaults,
            kwdefaults,
            closure,
            dict: Arc::new(DictObj::new()),
        };
        if let Some(m) = f.globals.get_str("__name__") {
            func.dict.set_str("__module__", m);
        }
        Ok(Value::Function(Arc::new(func)))
    }

    /// Calling a class: `__new__` then `__init__`.
    pub fn instantiate(
        &mut self,
        cls: &Arc<ClassObj>,
        args: Vec<Value>,
        kw: KwArgs,
    ) -> PyResult<Value> {
        let t = types();
        if Arc::ptr_eq(cls, &t.type_) && args.len() == 1 && kw.is_empty() {
            return Ok(Value::Class(super::types::type_of(&args[0])));
        }
        let new = cls.lookup("__new__");
        let init = cls.lookup("__init__");
        let obj = match &new {
            Some(Value::Builtin(b)) if b.name == "__new__" && b.owner == Some("object") => {
                let user_init =
                    !matches!(&init, Some(Value::Builtin(b)) if b.owner == Some("object"));
                if !user_init && (!args.is_empty() || !kw.is_empty()) {
                    return Err(PyErr::type_error(format!(
                        "{}() takes no arguments",
                        cls.name
                    )));
                }
                self.new_instance(cls)
            }
            Some(newf) => {
                let newf = match newf {
                    Value::Native(n) => {
                        match n.as_any().downcast_ref::<super::attr::StaticMethod>() {
                            Some(s) => s.0.clone(),
                            None => newf.clone(),
                        }
                    }
                    _ => newf.clone(),
                };
                let mut nargs = Vec::with_capacity(args.len() + 1);
                nargs.push(Value::Class(cls.clone()));
                nargs.extend(args.iter().cloned());
                let kw2 = KwArgs(kw.0.clone());
                self.call(&newf, nargs, kw2)?
            }
            None => self.new_instance(cls),
        };
        // Built-in types build the whole value in `__new__`. Otherwise `__init__` runs only
        // when `__new__` returned an instance of the class.
        if cls.builtin || !super::types::type_of(&obj).is_subclass(cls) {
            return Ok(obj);
        }
        if let Some(init) = init {
            if matches!(&init, Value::Builtin(b) if b.owner == Some("object")) {
                return Ok(obj);
            }
            let mut iargs = Vec::with_capacity(args.len() + 1);
            iargs.push(obj.clone());
            iargs.extend(args);
            let r = self.call(&init, iargs, kw)?;
            if !r.is_none() {
                return Err(PyErr::type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(&r)
                )));
            }
        }
        Ok(obj)
    }

    /// A bare instance of `cls`, carrying the payload its built-in base needs.
    pub fn new_instance(&mut self, cls: &Arc<ClassObj>) -> Value {
        let payload = match cls.layout {
            Layout::Exception => Payload::Exception(parking_lot::Mutex::new(ExcState::default())),
            Layout::Dict => Payload::Builtin(Value::Dict(Arc::new(DictObj::new()))),
            Layout::List => Payload::Builtin(Value::list(Vec::new())),
            Layout::Set => {
                Payload::Builtin(Value::Set(Arc::new(crate::objects::SetObj::new(false))))
            }
            _ => Payload::None,
        };
        let inst = InstanceObj::new(cls.clone(), payload);
        if cls.layout == Layout::Exception {
            inst.dict.set_str("args", Value::tuple(vec![]));
        }
        Value::Instance(Arc::new(inst))
    }

    /// `class` statements: runs the body in a fresh namespace and builds the class.
    pub fn build_class(&mut self, args: &[Value], mut kw: KwArgs) -> PyResult<Value> {
        let (Some(Value::Function(body)), Some(Value::Str(name))) = (args.first(), args.get(1))
        else {
            return Err(PyErr::type_error("__build_class__: bad arguments"));
        };
        let bases: Vec<Value> = args[2..].to_vec();
        let metaclass = kw.take("metaclass");
        let ns = Arc::new(DictObj::new());
        let mut frame = self.alloc_frame(&body.code, &body.globals);
        frame.namespace = Some(ns.clone());
        frame.cells.extend(body.closure.iter().cloned());
        let cell = self.run_frame(frame)?;
        if let Some(meta) = metaclass {
            if !matches!(&meta, Value::Class(c) if Arc::ptr_eq(c, &types().type_)) {
                let nsv = Value::Dict(ns);
                return self.call0(
                    &meta,
                    vec![Value::Str(name.clone()), Value::tuple(bases), nsv],
                );
            }
        }
        let cls = self.create_class(name.as_str(), &bases, &ns)?;
        if let Value::Native(n) = &cell {
            if let Some(c) = n.as_any().downcast_ref::<CellRef>() {
                *c.0.value.lock() = Some(Value::Class(cls.clone()));
            }
        }
        // `__set_name__` on descriptors, as type.__new__ does.
        for (k, v) in cls.dict.lock().items() {
            if let Value::Instance(_) = &v {
                if let Some(f) = super::types::type_of(&v).lookup("__set_name__") {
                    self.call0(&f, vec![v.clone(), Value::Class(cls.clone()), k])?;
                }
            }
        }
        // `__init_subclass__` on the parent.
        if let Some(parent) = cls.mro_rest.first() {
            if let Some(hook) = parent.lookup("__init_subclass__") {
                if !matches!(hook, Value::Builtin(_)) {
                    let hook = self.bind_descriptor(hook, None, &cls)?;
                    self.call(&hook, vec![], kw)?;
                }
            }
        }
        Ok(Value::Class(cls))
    }

    /// `type(name, bases, dict)` and the end of `class` statements.
    pub fn create_class(
        &mut self,
        name: &str,
        bases: &[Value],
        ns: &DictObj,
    ) -> PyResult<Arc<ClassObj>> {
        let t = types();
        let mut base_classes = Vec::new();
        for b in bases {
            match b {
                Value::Class(c) => {
                    if c.layout == Layout::Other && !Arc::ptr_eq(c, &t.object) {
                        return Err(PyErr::type_error(format!(
                            "type '{}' is not an acceptable base type",
                            c.name
                        )));
                    }
                    base_classes.push(c.clone())
                }
                other => {
                    return Err(PyErr::type_error(format!(
                        "bases must be types, not '{}'",
                        type_name(other)
                    )))
                }
            }
        }
        if base_classes.is_empty() {
            base_classes.push(t.object.clone());
        }
        let mro_rest = crate::objects::class::c3_mro(&base_classes).map_err(PyErr::type_error)?;
        let layout = mro_rest
            .iter()
            .map(|c| c.layout)
            .find(|l| *l != Layout::Object)
            .unwrap_or(Layout::Object);
        let qualname = match ns.get_str("__qualname__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => name.to_string(),
        };
        let dict = Arc::new(DictObj::from_table(ns.lock().clone()));
        if dict.get_str("__module__").is_none() {
            if let Some(m) = self
                .frames
                .last()
                .and_then(|f| f.globals.get_str("__name__"))
            {
                dict.set_str("__module__", m);
            }
        }
        // `__hash__ = None` is honoured by lookup; defining `__eq__` alone makes instances
        // unhashable, as in Python.
        if dict.get_str("__eq__").is_some() && dict.get_str("__hash__").is_none() {
            dict.set_str("__hash__", Value::None);
        }
        Ok(Arc::new(ClassObj {
            name: name.to_string(),
            qualname,
            bases: base_classes,
            mro_rest,
            dict,
            layout,
            builtin: false,
            hooks: Default::default(),
        }))
    }

    /// Turns `(name, value)` pairs of a `**kwargs` dict into keyword arguments.
    pub fn kwargs_from_dict(&mut self, d: &DictObj) -> PyResult<KwArgs> {
        let mut out = Vec::new();
        for (k, v) in d.lock().items() {
            match k {
                Value::Str(s) => out.push((s, v)),
                _ => return Err(PyErr::type_error("keywords must be strings")),
            }
        }
        Ok(KwArgs(out))
    }
}

fn missing_args(qual: &str, missing: &[String], kind: &str) -> PyErr {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    PyErr::type_error(format!(
        "{qual}() missing {} required {kind} argument{}: {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

/// Allocates a `str` value (helper for natives).
pub fn strobj(s: &str) -> Arc<StrObj> {
    Arc::new(StrObj::new(s))
}
