//! Classes (built-in and user-defined) and their instances.

use std::sync::Arc;

use parking_lot::Mutex;

use super::{DictObj, Value};
use crate::bytecode::Code;

/// Which built-in layout the instances of a class carry (the first built-in base in the MRO).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Object,
    Exception,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    /// Types whose values are not instances (functions, modules, ...): not subclassable.
    Other,
}

pub struct ClassObj {
    pub name: String,
    pub qualname: String,
    pub bases: Vec<Arc<ClassObj>>,
    /// The method resolution order without the class itself (C3 linearisation).
    pub mro_rest: Vec<Arc<ClassObj>>,
    pub dict: Arc<DictObj>,
    pub layout: Layout,
    pub builtin: bool,
    /// What `__hash__` and `__eq__` resolve to, for dict and set keys (see `key_hooks`).
    pub hooks: KeyHooksCache,
}

/// How instances of a class behave as dict and set keys.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KeyHooks {
    pub hash: HashHook,
    /// `__eq__` is gil code (so equal keys must be found by calling it).
    pub user_eq: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HashHook {
    /// `object.__hash__` (identity, or the built-in value of a `str`/`int`/`tuple` subclass).
    Default,
    /// `__hash__ = None`.
    Unhashable,
    /// Anything else: look it up and call it.
    Custom,
}

/// `KeyHooks` packed with the `mro_versions` they were read at, in one atomic word (no lock
/// on the hot path, never a torn read).
#[derive(Default)]
pub struct KeyHooksCache(std::sync::atomic::AtomicU64);

impl ClassObj {
    /// The sum of the versions of the dicts along the MRO. Each dict's version only grows and
    /// any change bumps it, so an unchanged sum means nothing on the MRO changed: the check
    /// for caches of what a lookup along the MRO found.
    pub fn mro_versions(&self) -> u64 {
        self.mro_rest
            .iter()
            .fold(self.dict.version(), |a, c| a.wrapping_add(c.dict.version()))
    }

    /// `KeyHooks` of this class, cached: a dict operation with an instance key looked up
    /// `__hash__` and `__eq__` along the MRO, hashing their names, every time.
    pub fn key_hooks(&self) -> KeyHooks {
        use std::sync::atomic::Ordering::Relaxed;
        let versions = self.mro_versions();
        // 0 is "empty": the stored word is (versions + 1) << 3 | flags.
        let tag = versions.wrapping_add(1) << 3;
        let word = self.hooks.0.load(Relaxed);
        if word != 0 && word & !7 == tag {
            return KeyHooks {
                hash: match (word >> 1) & 3 {
                    0 => HashHook::Default,
                    1 => HashHook::Unhashable,
                    _ => HashHook::Custom,
                },
                user_eq: word & 1 != 0,
            };
        }
        let hash = match self.lookup("__hash__") {
            Some(Value::None) => HashHook::Unhashable,
            Some(Value::Builtin(b)) if b.owner == Some("object") => HashHook::Default,
            None => HashHook::Default,
            Some(_) => HashHook::Custom,
        };
        let user_eq = !self.builtin
            && matches!(
                self.lookup("__eq__"),
                Some(Value::Function(_)) | Some(Value::BoundMethod(_))
            );
        let code = match hash {
            HashHook::Default => 0,
            HashHook::Unhashable => 1,
            HashHook::Custom => 2,
        };
        self.hooks
            .0
            .store(tag | code << 1 | user_eq as u64, Relaxed);
        KeyHooks { hash, user_eq }
    }

    /// Looks `name` up along the MRO (the class first).
    pub fn lookup(&self, name: &str) -> Option<Value> {
        // Hashed once for the whole MRO (every attribute access of an instance comes here).
        let h = super::str::hash_str(name);
        if let Some(v) = self.dict.get_str_hashed(name, h) {
            return Some(v);
        }
        self.mro_rest
            .iter()
            .find_map(|c| c.dict.get_str_hashed(name, h))
    }

    pub fn is_subclass(self: &Arc<Self>, other: &Arc<ClassObj>) -> bool {
        Arc::ptr_eq(self, other) || self.mro_rest.iter().any(|c| Arc::ptr_eq(c, other))
    }

    /// The full MRO including the class itself.
    pub fn mro(self: &Arc<Self>) -> Vec<Arc<ClassObj>> {
        let mut v = vec![self.clone()];
        v.extend(self.mro_rest.iter().cloned());
        v
    }
}

/// One line of a traceback: the code object and the line executing in it.
#[derive(Clone)]
pub struct TraceEntry {
    pub code: Arc<Code>,
    pub line: u32,
}

/// State every exception instance carries besides its attributes.
#[derive(Default)]
pub struct ExcState {
    pub traceback: Vec<TraceEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

/// Extra data an instance carries.
pub enum Payload {
    None,
    Exception(Mutex<ExcState>),
    /// The built-in value of a subclass of a built-in type (`class D(dict)`).
    Builtin(Value),
}

pub struct InstanceObj {
    pub class: Mutex<Arc<ClassObj>>,
    pub dict: Arc<DictObj>,
    pub payload: Payload,
}

impl InstanceObj {
    pub fn new(class: Arc<ClassObj>, payload: Payload) -> InstanceObj {
        InstanceObj {
            class: Mutex::new(class),
            dict: Arc::new(DictObj::new()),
            payload,
        }
    }

    pub fn class(&self) -> Arc<ClassObj> {
        self.class.lock().clone()
    }

    pub fn exc_state(&self) -> Option<&Mutex<ExcState>> {
        match &self.payload {
            Payload::Exception(s) => Some(s),
            _ => None,
        }
    }

    pub fn builtin_value(&self) -> Option<&Value> {
        match &self.payload {
            Payload::Builtin(v) => Some(v),
            _ => None,
        }
    }
}

/// C3 linearisation of `bases`; `Err` names the conflict as CPython does.
pub fn c3_mro(bases: &[Arc<ClassObj>]) -> Result<Vec<Arc<ClassObj>>, String> {
    let mut seqs: Vec<Vec<Arc<ClassObj>>> = bases.iter().map(|b| b.mro()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Arc<ClassObj>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Arc::ptr_eq(c, head)));
            if in_tail {
                None
            } else {
                Some(head.clone())
            }
        });
        let Some(c) = candidate else {
            let names: Vec<String> = bases.iter().map(|b| b.name.clone()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if Arc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}
