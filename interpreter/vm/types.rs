//! The built-in classes, created once per process and shared by every thread.

use std::sync::{Arc, OnceLock};

use crate::objects::class::{c3_mro, Layout};
use crate::objects::{ClassObj, DictObj, Value};

macro_rules! builtin_types {
    ($( $field:ident ),* $(,)?) => {
        pub struct Types {
            $( pub $field: Arc<ClassObj>, )*
            /// Every exception class by name, for the builtins module.
            pub exceptions: Vec<Arc<ClassObj>>,
        }
    };
}

builtin_types!(
    object,
    type_,
    int,
    bool_,
    float,
    str_,
    bytes,
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    slice,
    none_type,
    ellipsis_type,
    not_implemented_type,
    function,
    builtin_function,
    method,
    module,
    generator,
    coroutine,
    async_generator,
    code,
    cell,
    property,
    staticmethod,
    classmethod,
    super_,
    iterator,
    dict_keys,
    dict_values,
    dict_items,
    file,
    base_exception,
    system_exit,
    keyboard_interrupt,
    generator_exit,
    exception,
    stop_iteration,
    stop_async_iteration,
    arithmetic_error,
    zero_division_error,
    overflow_error,
    assertion_error,
    attribute_error,
    eof_error,
    import_error,
    module_not_found_error,
    lookup_error,
    index_error,
    key_error,
    memory_error,
    name_error,
    unbound_local_error,
    os_error,
    file_not_found_error,
    file_exists_error,
    permission_error,
    is_a_directory_error,
    not_a_directory_error,
    timeout_error,
    connection_error,
    connection_refused_error,
    connection_reset_error,
    connection_aborted_error,
    broken_pipe_error,
    interrupted_error,
    child_process_error,
    process_lookup_error,
    blocking_io_error,
    runtime_error,
    not_implemented_error,
    recursion_error,
    syntax_error,
    indentation_error,
    tab_error,
    system_error,
    type_error,
    value_error,
    unicode_error,
    unicode_decode_error,
    unicode_encode_error,
    warning,
    deprecation_warning,
    runtime_warning,
    user_warning,
    buffer_error,
    floating_point_error,
);

static TYPES: OnceLock<Types> = OnceLock::new();

/// The built-in classes. The first call builds them and fills in their methods.
pub fn types() -> &'static Types {
    TYPES.get_or_init(build)
}

pub fn new_class(name: &str, bases: Vec<Arc<ClassObj>>, layout: Layout) -> Arc<ClassObj> {
    let mro_rest = c3_mro(&bases).unwrap_or_default();
    let c = Arc::new(ClassObj {
        name: name.to_string(),
        qualname: name.to_string(),
        bases,
        mro_rest,
        dict: Arc::new(DictObj::new()),
        layout,
        builtin: true,
        hooks: Default::default(),
    });
    c.dict.set_str("__module__", Value::str("builtins"));
    c
}

fn build() -> Types {
    let object = new_class("object", vec![], Layout::Object);
    let o = || vec![object.clone()];
    let other = |name: &str| new_class(name, vec![object.clone()], Layout::Other);
    let int = new_class("int", o(), Layout::Int);
    let bool_ = new_class("bool", vec![int.clone()], Layout::Other);
    let base_exception = new_class("BaseException", o(), Layout::Exception);
    let mut exceptions = vec![base_exception.clone()];
    let mut exc = |name: &str, base: &Arc<ClassObj>| {
        let c = new_class(name, vec![base.clone()], Layout::Exception);
        exceptions.push(c.clone());
        c
    };
    let system_exit = exc("SystemExit", &base_exception);
    let keyboard_interrupt = exc("KeyboardInterrupt", &base_exception);
    let generator_exit = exc("GeneratorExit", &base_exception);
    let exception = exc("Exception", &base_exception);
    let stop_iteration = exc("StopIteration", &exception);
    let stop_async_iteration = exc("StopAsyncIteration", &exception);
    let arithmetic_error = exc("ArithmeticError", &exception);
    let zero_division_error = exc("ZeroDivisionError", &arithmetic_error);
    let overflow_error = exc("OverflowError", &arithmetic_error);
    let floating_point_error = exc("FloatingPointError", &arithmetic_error);
    let assertion_error = exc("AssertionError", &exception);
    let attribute_error = exc("AttributeError", &exception);
    let buffer_error = exc("BufferError", &exception);
    let eof_error = exc("EOFError", &exception);
    let import_error = exc("ImportError", &exception);
    let module_not_found_error = exc("ModuleNotFoundError", &import_error);
    let lookup_error = exc("LookupError", &exception);
    let index_error = exc("IndexError", &lookup_error);
    let key_error = exc("KeyError", &lookup_error);
    let memory_error = exc("MemoryError", &exception);
    let name_error = exc("NameError", &exception);
    let unbound_local_error = exc("UnboundLocalError", &name_error);
    let os_error = exc("OSError", &exception);
    let file_not_found_error = exc("FileNotFoundError", &os_error);
    let file_exists_error = exc("FileExistsError", &os_error);
    let permission_error = exc("PermissionError", &os_error);
    let is_a_directory_error = exc("IsADirectoryError", &os_error);
    let not_a_directory_error = exc("NotADirectoryError", &os_error);
    let timeout_error = exc("TimeoutError", &os_error);
    let connection_error = exc("ConnectionError", &os_error);
    let connection_refused_error = exc("ConnectionRefusedError", &connection_error);
    let connection_reset_error = exc("ConnectionResetError", &connection_error);
    let connection_aborted_error = exc("ConnectionAbortedError", &connection_error);
    let broken_pipe_error = exc("BrokenPipeError", &connection_error);
    let interrupted_error = exc("InterruptedError", &os_error);
    let child_process_error = exc("ChildProcessError", &os_error);
    let process_lookup_error = exc("ProcessLookupError", &os_error);
    let blocking_io_error = exc("BlockingIOError", &os_error);
    let runtime_error = exc("RuntimeError", &exception);
    let not_implemented_error = exc("NotImplementedError", &runtime_error);
    let recursion_error = exc("RecursionError", &runtime_error);
    let syntax_error = exc("SyntaxError", &exception);
    let indentation_error = exc("IndentationError", &syntax_error);
    let tab_error = exc("TabError", &indentation_error);
    let system_error = exc("SystemError", &exception);
    let type_error = exc("TypeError", &exception);
    let value_error = exc("ValueError", &exception);
    let unicode_error = exc("UnicodeError", &value_error);
    let unicode_decode_error = exc("UnicodeDecodeError", &unicode_error);
    let unicode_encode_error = exc("UnicodeEncodeError", &unicode_error);
    let warning = exc("Warning", &exception);
    let deprecation_warning = exc("DeprecationWarning", &warning);
    let runtime_warning = exc("RuntimeWarning", &warning);
    let user_warning = exc("UserWarning", &warning);
    let t = Types {
        type_: new_class("type", o(), Layout::Other),
        float: new_class("float", o(), Layout::Float),
        str_: new_class("str", o(), Layout::Str),
        bytes: new_class("bytes", o(), Layout::Bytes),
        list: new_class("list", o(), Layout::List),
        tuple: new_class("tuple", o(), Layout::Tuple),
        dict: new_class("dict", o(), Layout::Dict),
        set: new_class("set", o(), Layout::Set),
        frozenset: new_class("frozenset", o(), Layout::Set),
        range: other("range"),
        slice: other("slice"),
        none_type: other("NoneType"),
        ellipsis_type: other("ellipsis"),
        not_implemented_type: other("NotImplementedType"),
        function: other("function"),
        builtin_function: other("builtin_function_or_method"),
        method: other("method"),
        module: other("module"),
        generator: other("generator"),
        coroutine: other("coroutine"),
        async_generator: other("async_generator"),
        code: other("code"),
        cell: other("cell"),
        property: other("property"),
        staticmethod: other("staticmethod"),
        classmethod: other("classmethod"),
        super_: other("super"),
        iterator: other("iterator"),
        dict_keys: other("dict_keys"),
        dict_values: other("dict_values"),
        dict_items: other("dict_items"),
        file: other("TextIOWrapper"),
        object,
        int,
        bool_,
        base_exception,
        system_exit,
        keyboard_interrupt,
        generator_exit,
        exception,
        stop_iteration,
        stop_async_iteration,
        arithmetic_error,
        zero_division_error,
        overflow_error,
        assertion_error,
        attribute_error,
        eof_error,
        import_error,
        module_not_found_error,
        lookup_error,
        index_error,
        key_error,
        memory_error,
        name_error,
        unbound_local_error,
        os_error,
        file_not_found_error,
        file_exists_error,
        permission_error,
        is_a_directory_error,
        not_a_directory_error,
        timeout_error,
        connection_error,
        connection_refused_error,
        connection_reset_error,
        connection_aborted_error,
        broken_pipe_error,
        interrupted_error,
        child_process_error,
        process_lookup_error,
        blocking_io_error,
        runtime_error,
        not_implemented_error,
        recursion_error,
        syntax_error,
        indentation_error,
        tab_error,
        system_error,
        type_error,
        value_error,
        unicode_error,
        unicode_decode_error,
        unicode_encode_error,
        warning,
        deprecation_warning,
        runtime_warning,
        user_warning,
        buffer_error,
        floating_point_error,
        exceptions,
    };
    crate::builtins::register_methods(&t);
    t
}

/// The class of a value of a built-in type, borrowed from the static registry (no reference
/// count traffic); `None` for instances, iterators and native objects.
pub fn builtin_type_ref(v: &Value) -> Option<&'static Arc<ClassObj>> {
    let t = types();
    Some(match v {
        Value::None => &t.none_type,
        Value::Bool(_) => &t.bool_,
        Value::Int(_) | Value::BigInt(_) => &t.int,
        Value::Float(_) => &t.float,
        Value::Str(_) => &t.str_,
        Value::Bytes(_) => &t.bytes,
        Value::List(_) => &t.list,
        Value::Tuple(_) => &t.tuple,
        Value::Dict(_) => &t.dict,
        Value::Set(s) => {
            if s.frozen {
                &t.frozenset
            } else {
                &t.set
            }
        }
        Value::Range(_) => &t.range,
        Value::Slice(_) => &t.slice,
        _ => return None,
    })
}

/// `type(v)`.
pub fn type_of(v: &Value) -> Arc<ClassObj> {
    let t = types();
    match v {
        Value::None => t.none_type.clone(),
        Value::Bool(_) => t.bool_.clone(),
        Value::Int(_) | Value::BigInt(_) => t.int.clone(),
        Value::Float(_) => t.float.clone(),
        Value::Str(_) => t.str_.clone(),
        Value::Bytes(_) => t.bytes.clone(),
        Value::List(_) => t.list.clone(),
        Value::Tuple(_) => t.tuple.clone(),
        Value::Dict(_) => t.dict.clone(),
        Value::Set(s) => {
            if s.frozen {
                t.frozenset.clone()
            } else {
                t.set.clone()
            }
        }
        Value::Range(_) => t.range.clone(),
        Value::Slice(_) => t.slice.clone(),
        Value::Ellipsis => t.ellipsis_type.clone(),
        Value::NotImplemented => t.not_implemented_type.clone(),
        Value::Function(_) => t.function.clone(),
        Value::Builtin(_) => t.builtin_function.clone(),
        Value::BoundMethod(_) => t.method.clone(),
        Value::Class(_) => t.type_.clone(),
        Value::Instance(i) => i.class(),
        Value::Module(_) => t.module.clone(),
        Value::Iter(i) => iter_class(i.type_name()),
        Value::Generator(g) => {
            if g.is_coroutine() {
                t.coroutine.clone()
            } else if g.is_asyncgen() {
                t.async_generator.clone()
            } else {
                t.generator.clone()
            }
        }
        Value::Native(n) => n.class(),
        Value::Null => t.none_type.clone(),
    }
}

/// One class per kind of built-in iterator (`list_iterator`, `enumerate`, `zip`, ...), all
/// sharing the methods of the generic iterator class.
fn iter_class(name: &'static str) -> Arc<ClassObj> {
    use std::collections::HashMap;
    static MAP: OnceLock<parking_lot::Mutex<HashMap<&'static str, Arc<ClassObj>>>> =
        OnceLock::new();
    let mut m = MAP.get_or_init(Default::default).lock();
    m.entry(name)
        .or_insert_with(|| new_class(name, vec![types().iterator.clone()], Layout::Other))
        .clone()
}

/// The type's name as error messages show it (`'int' object is not iterable`).
pub fn type_name(v: &Value) -> String {
    match v {
        Value::Iter(i) => i.type_name().to_string(),
        _ => type_of(v).name.clone(),
    }
}
