//! The abstract syntax tree: what the parser builds and the compiler reads.
//!
//! Every statement and expression carries a `Span` of byte offsets into the
//! source; the compiler turns those into line numbers for tracebacks and `dis`.

use num_bigint::BigInt;

/// Byte offsets `[start, end)` into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: one or more targets.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `x: int = 3` (the annotation is evaluated and discarded, as gil keeps no `__annotations__`).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    Break,
    Continue,
    Pass,
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Delete(Vec<Expr>),
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    /// `import a.b as c, d`
    Import(Vec<Alias>),
    /// `from ..mod import a as b` ; `names` is `None` for `import *`.
    ImportFrom {
        module: Option<String>,
        names: Option<Vec<Alias>>,
        level: usize,
    },
}

#[derive(Debug, Clone)]
pub struct FunctionDef {
    pub name: String,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub is_async: bool,
    /// The return annotation, if any (evaluated for nothing; kept for completeness).
    pub returns: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct ClassDef {
    pub name: String,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub struct ExceptHandler {
    /// `None` for a bare `except:`.
    pub typ: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct Alias {
    /// Dotted name, e.g. `os.path`.
    pub name: String,
    pub asname: Option<String>,
}

/// A function's parameter list, in Python's order:
/// `def f(a, b=1, /, c=2, *args, d, e=3, **kwargs)`.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// Positional-only parameters (before `/`).
    pub posonly: Vec<Param>,
    /// Ordinary positional-or-keyword parameters.
    pub args: Vec<Param>,
    pub vararg: Option<String>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    pub kwarg: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub annotation: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Name(String),
    Constant(Constant),
    /// An f-string: literal pieces and formatted values, in order.
    JoinedStr(Vec<FStringPart>),
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`: two or more values.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `ops.len() == comparators.len()`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// Positional arguments may include `Starred` (`*xs`); a keyword with `arg: None` is `**kw`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    /// `value[index]`; the index may be a `Slice` or a `Tuple` containing slices.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// `lower:upper:step`, only inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    Starred(Box<Expr>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `keys[i] == None` means `**values[i]` (dict unpacking).
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda {
        params: Box<Params>,
        body: Box<Expr>,
    },
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Await(Box<Expr>),
    /// `(target := value)`
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
}

#[derive(Debug, Clone)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    /// Imaginary literals (`2j`) are not in the subset; the lexer reports them.
    Str(String),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone)]
pub enum FStringPart {
    Literal(String),
    Formatted {
        value: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The spec after `:`, which may itself contain `{nested}` fields.
        format_spec: Option<Vec<FStringPart>>,
        /// `f"{x=}"` debugging form: the source text `x=` to print before the value.
        debug_text: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Keyword {
    /// `None` for `**mapping`.
    pub arg: Option<String>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// A parsed module: the statements of one file.
#[derive(Debug, Clone)]
pub struct Module {
    pub body: Vec<Stmt>,
}
