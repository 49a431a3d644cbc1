//! `import`: native modules, then the embedded `stdlib/`, then the main script's directory,
//! then each directory of `GILPATH`, then each string the program put in `sys.path`. A module runs once and is cached in `sys.modules`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::objects::{DictObj, ModuleObj, StrObj, Value};

use super::frame::Frame;
use super::types::types;
use super::{PyErr, PyResult, Vm};

include!(concat!(env!("OUT_DIR"), "/stdlib_files.rs"));

/// Where a module's source came from.
enum Found {
    Native,
    Source {
        path: String,
        code: String,
        is_package: bool,
    },
}

impl Vm {
    pub fn import_name(
        &mut self,
        name: &str,
        fromlist: &Value,
        level: &Value,
        globals: &DictObj,
    ) -> PyResult<Value> {
        let level = match level {
            Value::Int(i) => *i as usize,
            _ => 0,
        };
        let full = if level > 0 {
            let pkg = match globals.get_str("__package__") {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => String::new(),
            };
            let mut parts: Vec<&str> = if pkg.is_empty() {
                vec![]
            } else {
                pkg.split('.').collect()
            };
            if level - 1 > parts.len() || pkg.is_empty() {
                return Err(PyErr::new(
                    &types().import_error,
                    "attempted relative import with no known parent package",
                ));
            }
            parts.truncate(parts.len() - (level - 1));
            let base = parts.join(".");
            if name.is_empty() {
                base
            } else {
                format!("{base}.{name}")
            }
        } else {
            name.to_string()
        };
        let mut module = Value::None;
        let mut top = Value::None;
        let mut prefix = String::new();
        for (i, part) in full.split('.').enumerate() {
            if i > 0 {
                prefix.push('.');
            }
            prefix.push_str(part);
            module = self.import_one(&prefix, &module)?;
            if i == 0 {
                top = module.clone();
            }
        }
        if fromlist.is_none() {
            Ok(top)
        } else {
            Ok(module)
        }
    }

    /// Imports `full` (whose parent, if any, is `parent`), running it if needed.
    fn import_one(&mut self, full: &str, parent: &Value) -> PyResult<Value> {
        if let Some(m) = self.interp.modules.get_str(full) {
            return Ok(m);
        }
        let short = full.rsplit('.').next().unwrap_or(full);
        let found = self.find_module(full, short, parent)?;
        let module = match found {
            Found::Native => crate::modules::make_native(self, full)?,
            Found::Source {
                path,
                code,
                is_package,
            } => self.exec_module_source(full, &path, &code, is_package)?,
        };
        if let Value::Module(p) = parent {
            p.dict.set_str(short, module.clone());
        }
        Ok(module)
    }

    fn find_module(&mut self, full: &str, short: &str, parent: &Value) -> PyResult<Found> {
        if crate::modules::is_native(full) {
            return Ok(Found::Native);
        }
        // Submodules live in the parent package's directory.
        if let Value::Module(p) = parent {
            if let Some(Value::List(paths)) = p.dict.get_str("__path__") {
                for dir in paths.snapshot() {
                    if let Value::Str(d) = dir {
                        if let Some(f) = find_in_dir(Path::new(d.as_str()), short) {
                            return Ok(f);
                        }
                    }
                }
            }
            if let Some(f) = stdlib_source(full) {
                return Ok(f);
            }
            return Err(not_found(full));
        }
        if let Some(f) = stdlib_source(full) {
            return Ok(f);
        }
        let mut dirs: Vec<PathBuf> = Vec::new();
        if let Some(d) = self.interp.main_dir.lock().clone() {
            dirs.push(d);
        }
        if let Ok(p) = std::env::var("GILPATH") {
            dirs.extend(std::env::split_paths(&p));
        }
        // `sys.path` starts empty (the directories above are implicit); entries a program
        // adds, as in `sys.path.insert(0, parent)`, are searched too.
        if let Some(Value::Module(sys)) = self.interp.modules.get_str("sys") {
            if let Some(Value::List(paths)) = sys.dict.get_str("path") {
                for p in paths.snapshot() {
                    if let Value::Str(d) = p {
                        dirs.push(PathBuf::from(d.as_str()));
                    }
                }
            }
        }
        for d in dirs {
            if let Some(f) = find_in_dir(&d, short) {
                return Ok(f);
            }
        }
        Err(not_found(full))
    }

    /// Runs a module's source as `name`, registered in `sys.modules` before it runs so that a
    /// circular import sees the partly initialised module.
    pub fn exec_module_source(
        &mut self,
        name: &str,
        path: &str,
        source: &str,
        is_package: bool,
    ) -> PyResult<Value> {
        let dict = Arc::new(DictObj::new());
        dict.set_str("__name__", Value::str(name));
        dict.set_str("__file__", Value::str(path));
        let package = if is_package {
            name.to_string()
        } else {
            name.rsplit_once('.').map(|p| p.0).unwrap_or("").to_string()
        };
        dict.set_str("__package__", Value::string(package));
        dict.set_str("__builtins__", Value::Dict(self.interp.builtins.clone()));
        if is_package {
            let dir = Path::new(path)
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            dict.set_str("__path__", Value::list(vec![Value::string(dir)]));
        }
        let module = Value::Module(Arc::new(ModuleObj {
            name: name.to_string(),
            dict: dict.clone(),
        }));
        self.interp.modules.set_str(name, module.clone());
        let r = self.run_source_in(path, source, dict);
        if let Err(e) = r {
            self.interp.modules.del_str(name);
            return Err(e);
        }
        Ok(module)
    }

    /// Parses, compiles and runs `source` with `globals` as its namespace.
    pub fn run_source_in(
        &mut self,
        path: &str,
        source: &str,
        globals: Arc<DictObj>,
    ) -> PyResult<Value> {
        let code = crate::run::compile_source(path, source, false)
            .map_err(|e| crate::run::syntax_error_value(&e, path, source))?;
        let frame = Frame::new(code, globals, Vec::new());
        self.run_frame(frame)
    }

    pub fn import_from(&mut self, module: &Value, name: &Arc<StrObj>) -> PyResult<Value> {
        if let Some(v) = self.get_attr_opt(module, name)? {
            return Ok(v);
        }
        if let Value::Module(m) = module {
            let full = format!("{}.{}", m.name, name.as_str());
            if let Ok(v) = self.import_one(&full, module) {
                return Ok(v);
            }
            let file = match m.dict.get_str("__file__") {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => "unknown location".into(),
            };
            let partial = self.interp.modules.get_str(&m.name).is_some();
            let msg = if partial && m.dict.get_str("__initializing__").is_some() {
                format!(
                    "cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import) ({file})",
                    name.as_str(),
                    m.name
                )
            } else {
                format!(
                    "cannot import name '{}' from '{}' ({file})",
                    name.as_str(),
                    m.name
                )
            };
            return Err(PyErr::new(&types().import_error, msg));
        }
        Err(PyErr::new(
            &types().import_error,
            format!("cannot import name '{}'", name.as_str()),
        ))
    }

    pub fn import_star(&mut self, module: &Value, target: &DictObj) -> PyResult<()> {
        let Value::Module(m) = module else {
            return Ok(());
        };
        if let Some(all) = m.dict.get_str("__all__") {
            for n in self.collect(&all)? {
                if let Value::Str(s) = &n {
                    let v = self.import_from(module, s)?;
                    target.set_strkey(s, v);
                }
            }
            return Ok(());
        }
        for (k, v) in m.dict.lock().items() {
            if let Value::Str(s) = &k {
                if !s.as_str().starts_with('_') {
                    target.set_strkey(s, v);
                }
            }
        }
        Ok(())
    }
}

fn not_found(name: &str) -> PyErr {
    let e = PyErr::new(
        &types().module_not_found_error,
        format!("No module named '{name}'"),
    );
    if let Value::Instance(i) = &e.exc {
        i.dict.set_str("name", Value::str(name));
    }
    e
}

fn stdlib_source(full: &str) -> Option<Found> {
    let path = full.replace('.', "/");
    for (name, is_pkg) in [
        (format!("{path}.py"), false),
        (format!("{path}/__init__.py"), true),
    ] {
        if let Some((_, code)) = STDLIB_FILES.iter().find(|(n, _)| *n == name) {
            return Some(Found::Source {
                path: format!("<stdlib>/{name}"),
                code: code.to_string(),
                is_package: is_pkg,
            });
        }
    }
    None
}

fn find_in_dir(dir: &Path, short: &str) -> Option<Found> {
    let candidates = [
        (dir.join(format!("{short}.py")), false),
        (dir.join(format!("{short}.gil")), false),
        (dir.join(short).join("__init__.py"), true),
        (dir.join(short).join("__init__.gil"), true),
    ];
    for (p, is_package) in candidates {
        if p.is_file() {
            let code = std::fs::read_to_string(&p).ok()?;
            return Some(Found::Source {
                path: p.display().to_string(),
                code,
                is_package,
            });
        }
    }
    // A folder without `__init__` is a namespace package.
    let d = dir.join(short);
    if d.is_dir()
        && d.read_dir()
            .map(|mut r| r.next().is_some())
            .unwrap_or(false)
    {
        return Some(Found::Source {
            path: d.join("__init__.py").display().to_string(),
            code: String::new(),
            is_package: true,
        });
    }
    None
}

/// The names `import` finds without a search path: the native modules and the embedded `stdlib/`
/// (for the REPL's completion of module names).
pub fn builtin_module_names() -> Vec<String> {
    let mut names: Vec<String> = crate::modules::native_names().map(String::from).collect();
    for (file, _) in STDLIB_FILES {
        let name = file
            .strip_suffix("/__init__.py")
            .or_else(|| file.strip_suffix(".py"));
        if let Some(n) = name {
            if !n.contains("tests") {
                names.push(n.replace('/', "."));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}
