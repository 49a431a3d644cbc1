//! Glue around the generated `lalrpop` parser: helpers the grammar actions call, parse-time checks
//! (assignment targets, argument order, parameter lists) and translation of lalrpop errors into
//! Python-style `SyntaxError`s.

use lalrpop_util::{lalrpop_mod, ParseError};

use super::ast::*;
use super::error::{line_col, SyntaxError, SyntaxErrorKind};
use super::fstring;
use super::layout::{err, Layout};
use super::lexer::{StrLit, Tok};

lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused)]
    grammar,
    "/python.rs"
);

pub type PResult<T> = Result<T, ParseError<usize, Tok, SyntaxError>>;

/// What the single start rule produces: a module, or (after `START_EXPR`) one expression.
pub enum Top {
    Module(Vec<Stmt>),
    Expr(Expr),
}

/// One call argument, before sorting into positional and keyword lists.
pub enum Arg {
    Pos(Expr),
    /// A bare generator expression (only legal as the sole argument).
    Gen(Expr),
    Kw(Keyword),
}

/// One item of a parameter list, before validation.
pub enum ParamItem {
    Plain(Param),
    Star(Option<Param>, usize),
    DStar(Param),
    Slash(usize),
}

// ------------------------------------------------------------------ entry points

pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    if let Some(i) = source.find('\0') {
        return Err(err("source code cannot contain null bytes", i));
    }
    match run(source, 0, false)? {
        Top::Module(body) => Ok(Module { body }),
        Top::Expr(e) => Err(err("invalid syntax", e.span.start as usize)),
    }
}

/// Parses `source` as one expression; `base` is its byte offset in the enclosing file (used for
/// f-string fields so that spans point into the file).
pub fn parse_expression(source: &str, base: usize) -> Result<Expr, SyntaxError> {
    if let Some(i) = source.find('\0') {
        return Err(err("source code cannot contain null bytes", base + i));
    }
    match run(source, base, true)? {
        Top::Expr(e) => Ok(e),
        Top::Module(_) => Err(err("invalid syntax", base)),
    }
}

fn run(src: &str, base: usize, expr_mode: bool) -> Result<Top, SyntaxError> {
    let mut layout = Layout::new(src, base, expr_mode);
    let result = grammar::TopParser::new().parse(&mut layout);
    result.map_err(|e| translate(e, &layout, src, base))
}

fn readable(expected: &str) -> String {
    let t = expected.trim();
    if let Some(inner) = t
        .strip_prefix("\"\\\"")
        .and_then(|s| s.strip_suffix("\\\"\""))
    {
        return format!("'{inner}'");
    }
    if let Some(inner) = t.strip_prefix("\"\"").and_then(|s| s.strip_suffix("\"\"")) {
        return format!("'{inner}'");
    }
    let t = t.trim_matches('"');
    match t {
        "NEWLINE" => "newline".into(),
        "INDENT" => "an indented block".into(),
        "DEDENT" => "dedent".into(),
        "name" => "identifier".into(),
        "int" | "float" => "number".into(),
        "string" => "string".into(),
        other => format!("'{}'", other.trim_matches('"')),
    }
}

fn header_desc(tok: &Tok) -> String {
    match tok {
        Tok::Def | Tok::Async => "function definition".into(),
        Tok::Class => "class definition".into(),
        Tok::If => "'if' statement".into(),
        Tok::Elif => "'elif' statement".into(),
        Tok::Else => "'else' statement".into(),
        Tok::While => "'while' statement".into(),
        Tok::For => "'for' statement".into(),
        Tok::Try => "'try' statement".into(),
        Tok::Except => "'except' statement".into(),
        Tok::Finally => "'finally' statement".into(),
        Tok::With => "'with' statement".into(),
        _ => "statement".into(),
    }
}

fn translate(
    e: ParseError<usize, Tok, SyntaxError>,
    layout: &Layout<'_>,
    src: &str,
    base: usize,
) -> SyntaxError {
    let wants = |expected: &[String], what: &str| {
        expected
            .iter()
            .any(|x| x.trim_matches(|c| c == '"' || c == '\\') == what)
    };
    let indented_block = |offset: usize, incomplete: bool| {
        let message = match &layout.block_header {
            Some((tok, off)) if *off >= base => format!(
                "expected an indented block after {} on line {}",
                header_desc(tok),
                line_col(src, off - base).0
            ),
            _ => "expected an indented block".to_string(),
        };
        SyntaxError {
            kind: SyntaxErrorKind::Indentation,
            message,
            offset,
            incomplete,
        }
    };
    match e {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => err("invalid syntax", location),
        ParseError::UnrecognizedEof { location, expected } => {
            if wants(&expected, "INDENT") {
                return indented_block(location, true);
            }
            let mut e = err("invalid syntax", location);
            if wants(&expected, "except") && wants(&expected, "finally") {
                e.message = "expected 'except' or 'finally' block".into();
            } else if expected.len() == 1 {
                e.message = format!("invalid syntax. Expected {}", readable(&expected[0]));
            }
            e.incomplete = true;
            e
        }
        ParseError::UnrecognizedToken {
            token: (s, tok, _),
            expected,
        } => {
            if tok == Tok::Indent {
                return SyntaxError {
                    kind: SyntaxErrorKind::Indentation,
                    message: "unexpected indent".into(),
                    offset: s,
                    incomplete: false,
                };
            }
            // A DEDENT synthesized at the end of the input: the block simply isn't finished yet.
            let at_end = tok == Tok::Dedent && s >= base + src.len();
            if wants(&expected, "INDENT") {
                return indented_block(s, at_end);
            }
            let colon = expected.iter().any(|x| readable(x) == "':'");
            if tok == Tok::Equal && colon {
                return err(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    s,
                );
            }
            if colon && (tok == Tok::Newline || expected.len() == 1) {
                return err("expected ':'", s);
            }
            if wants(&expected, "except") && wants(&expected, "finally") {
                let mut e = err("expected 'except' or 'finally' block", s);
                e.incomplete = at_end;
                return e;
            }
            let mut e = if expected.len() == 1 {
                err(
                    format!("invalid syntax. Expected {}", readable(&expected[0])),
                    s,
                )
            } else {
                err("invalid syntax", s)
            };
            e.incomplete = at_end;
            e
        }
        ParseError::ExtraToken { token: (s, _, _) } => err("invalid syntax", s),
    }
}

// ------------------------------------------------------------------ small builders

fn fail<T>(message: impl Into<String>, offset: u32) -> PResult<T> {
    Err(ParseError::User {
        error: err(message, offset as usize),
    })
}

pub fn stmt(kind: StmtKind, lo: usize, hi: usize) -> Stmt {
    Stmt {
        kind,
        span: Span::new(lo, hi),
    }
}

pub fn expr(kind: ExprKind, lo: usize, hi: usize) -> Expr {
    Expr {
        kind,
        span: Span::new(lo, hi),
    }
}

pub fn bin(left: Expr, op: BinOp, right: Expr, lo: usize, hi: usize) -> Expr {
    expr(
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
        lo,
        hi,
    )
}

pub fn unary(op: UnaryOp, operand: Expr, lo: usize, hi: usize) -> Expr {
    expr(
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
        lo,
        hi,
    )
}

pub fn boolop(op: BoolOp, first: Expr, rest: Vec<Expr>, lo: usize, hi: usize) -> Expr {
    let mut values = Vec::with_capacity(rest.len() + 1);
    values.push(first);
    values.extend(rest);
    expr(ExprKind::BoolOp { op, values }, lo, hi)
}

pub fn compare(left: Expr, rest: Vec<(CmpOp, Expr)>, lo: usize, hi: usize) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    expr(
        ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        },
        lo,
        hi,
    )
}

pub fn tuple_or_single(mut v: Vec<Expr>, comma: bool, lo: usize, hi: usize) -> Expr {
    if v.len() == 1 && !comma {
        v.pop()
            .unwrap_or_else(|| expr(ExprKind::Tuple(vec![]), lo, hi))
    } else {
        expr(ExprKind::Tuple(v), lo, hi)
    }
}

pub fn paren(v: Vec<Expr>, comma: bool, lo: usize, hi: usize) -> PResult<Expr> {
    if v.len() == 1 && !comma {
        if let ExprKind::Starred(_) = v[0].kind {
            return fail("cannot use starred expression here", v[0].span.start);
        }
    }
    Ok(tuple_or_single(v, comma, lo, hi))
}

pub fn dict(items: Vec<(Option<Expr>, Expr)>, lo: usize, hi: usize) -> Expr {
    let (keys, values) = items.into_iter().unzip();
    expr(ExprKind::Dict { keys, values }, lo, hi)
}

pub fn param(
    name: String,
    annotation: Option<Expr>,
    default: Option<Expr>,
    lo: usize,
    hi: usize,
) -> Param {
    Param {
        name,
        default,
        annotation,
        span: Span::new(lo, hi),
    }
}

// ------------------------------------------------------------------ targets

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Assign,
    Del,
    Other,
}

fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::True) => "True",
        ExprKind::Constant(Constant::False) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        _ => "expression",
    }
}

fn check_target(e: &Expr, ctx: Ctx, top: bool) -> PResult<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Starred(inner) if ctx != Ctx::Del => check_target(inner, ctx, false),
        ExprKind::Tuple(v) | ExprKind::List(v) => {
            let stars = v
                .iter()
                .filter(|x| matches!(x.kind, ExprKind::Starred(_)))
                .count();
            if stars > 1 && ctx != Ctx::Del {
                return fail("multiple starred expressions in assignment", e.span.start);
            }
            for x in v {
                check_target(x, ctx, false)?;
            }
            Ok(())
        }
        _ => {
            let desc = describe(e);
            let hint = matches!(
                &e.kind,
                ExprKind::Constant(Constant::None | Constant::True | Constant::False)
            );
            let msg = match ctx {
                Ctx::Del => format!("cannot delete {desc}"),
                Ctx::Assign if top && !hint => {
                    format!("cannot assign to {desc} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {desc}"),
            };
            fail(msg, e.span.start)
        }
    }
}

pub fn expr_stmt(e: Expr, lo: usize, hi: usize) -> PResult<Stmt> {
    if let ExprKind::Starred(_) = e.kind {
        return fail("can't use starred expression here", e.span.start);
    }
    Ok(stmt(StmtKind::Expr(e), lo, hi))
}

pub fn assign(first: Expr, mut rest: Vec<Expr>, lo: usize, hi: usize) -> PResult<Stmt> {
    let value = rest
        .pop()
        .unwrap_or_else(|| expr(ExprKind::Constant(Constant::None), hi, hi));
    let mut targets = Vec::with_capacity(rest.len() + 1);
    targets.push(first);
    targets.extend(rest);
    for t in &targets {
        if let ExprKind::Starred(_) = t.kind {
            return fail(
                "starred assignment target must be in a list or tuple",
                t.span.start,
            );
        }
        check_target(t, Ctx::Assign, true)?;
    }
    if let ExprKind::Starred(_) = value.kind {
        return fail("can't use starred expression here", value.span.start);
    }
    Ok(stmt(StmtKind::Assign { targets, value }, lo, hi))
}

pub fn aug_assign(target: Expr, op: BinOp, value: Expr, lo: usize, hi: usize) -> PResult<Stmt> {
    match target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        _ => {
            return fail(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    describe(&target)
                ),
                target.span.start,
            )
        }
    }
    Ok(stmt(StmtKind::AugAssign { target, op, value }, lo, hi))
}

pub fn ann_assign(
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
    lo: usize,
    hi: usize,
) -> PResult<Stmt> {
    match target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        ExprKind::Tuple(_) => {
            return fail(
                "only single target (not tuple) can be annotated",
                target.span.start,
            )
        }
        ExprKind::List(_) => {
            return fail(
                "only single target (not list) can be annotated",
                target.span.start,
            )
        }
        _ => return fail("illegal target for annotation", target.span.start),
    }
    Ok(stmt(
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        },
        lo,
        hi,
    ))
}

pub fn del(t: Expr, lo: usize, hi: usize) -> PResult<Stmt> {
    let targets = match t.kind {
        ExprKind::Tuple(v) => v,
        kind => vec![Expr { kind, span: t.span }],
    };
    for t in &targets {
        check_target(t, Ctx::Del, true)?;
    }
    Ok(stmt(StmtKind::Delete(targets), lo, hi))
}

// ------------------------------------------------------------------ compound statements

fn end_of(body: &[Stmt], default: usize) -> usize {
    body.last().map_or(default, |s| s.span.end as usize)
}

pub fn if_chain(
    lo: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    let mut orelse = orelse.unwrap_or_default();
    for (elo, t, b) in elifs.into_iter().rev() {
        let hi = end_of(&orelse, end_of(&b, elo));
        orelse = vec![stmt(
            StmtKind::If {
                test: t,
                body: b,
                orelse,
            },
            elo,
            hi,
        )];
    }
    let hi = end_of(&orelse, end_of(&body, lo));
    stmt(StmtKind::If { test, body, orelse }, lo, hi)
}

pub fn while_stmt(lo: usize, test: Expr, body: Vec<Stmt>, orelse: Option<Vec<Stmt>>) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let hi = end_of(&orelse, end_of(&body, lo));
    stmt(StmtKind::While { test, body, orelse }, lo, hi)
}

pub fn for_stmt(
    lo: usize,
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
) -> PResult<Stmt> {
    check_target(&target, Ctx::Other, true)?;
    let orelse = orelse.unwrap_or_default();
    let hi = end_of(&orelse, end_of(&body, lo));
    Ok(stmt(
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async: false,
        },
        lo,
        hi,
    ))
}

pub fn try_stmt(
    lo: usize,
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Option<Vec<Stmt>>,
    finalbody: Option<Vec<Stmt>>,
) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let finalbody = finalbody.unwrap_or_default();
    let mut hi = end_of(&body, lo);
    if let Some(h) = handlers.last() {
        hi = h.span.end as usize;
    }
    hi = end_of(&finalbody, end_of(&orelse, hi));
    stmt(
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        },
        lo,
        hi,
    )
}

pub fn handler(lo: usize, t: Option<(Expr, Option<String>)>, body: Vec<Stmt>) -> ExceptHandler {
    let hi = end_of(&body, lo);
    let (typ, name) = match t {
        Some((e, n)) => (Some(e), n),
        None => (None, None),
    };
    ExceptHandler {
        typ,
        name,
        body,
        span: Span::new(lo, hi),
    }
}

pub fn with_stmt(lo: usize, items: Vec<WithItem>, body: Vec<Stmt>) -> PResult<Stmt> {
    for it in &items {
        if let Some(t) = &it.target {
            check_target(t, Ctx::Other, true)?;
        }
    }
    let hi = end_of(&body, lo);
    Ok(stmt(
        StmtKind::With {
            items,
            body,
            is_async: false,
        },
        lo,
        hi,
    ))
}

fn build_params(items: Vec<ParamItem>, lambda: bool) -> PResult<Params> {
    let mut p = Params::default();
    let mut state = 0; // 0: positional, 1: after `*`, 2: after `**`
    let mut seen_default = false;
    let mut slash = false;
    let mut bare_star: Option<usize> = None;
    let mut names: Vec<(String, u32)> = Vec::new();
    let what = if lambda {
        "lambda"
    } else {
        "function definition"
    };
    for item in items {
        if state == 2 {
            let off = match &item {
                ParamItem::Plain(x) | ParamItem::DStar(x) => x.span.start as usize,
                ParamItem::Star(_, o) | ParamItem::Slash(o) => *o,
            };
            return fail("arguments cannot follow var-keyword argument", off as u32);
        }
        match item {
            ParamItem::Slash(off) => {
                if state >= 1 {
                    return fail("/ must be ahead of *", off as u32);
                }
                if slash {
                    return fail("/ may appear only once", off as u32);
                }
                if p.args.is_empty() {
                    return fail("at least one argument must precede /", off as u32);
                }
                slash = true;
                p.posonly = std::mem::take(&mut p.args);
            }
            ParamItem::Plain(param) => {
                names.push((param.name.clone(), param.span.start));
                if state == 0 {
                    if param.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return fail(
                            "non-default argument follows default argument",
                            param.span.start,
                        );
                    }
                    p.args.push(param);
                } else {
                    p.kwonly.push(param);
                }
            }
            ParamItem::Star(opt, off) => {
                if state == 1 {
                    return fail("* argument may appear only once", off as u32);
                }
                state = 1;
                match opt {
                    Some(param) => {
                        names.push((param.name.clone(), param.span.start));
                        p.vararg = Some(param.name);
                    }
                    None => bare_star = Some(off),
                }
            }
            ParamItem::DStar(param) => {
                names.push((param.name.clone(), param.span.start));
                p.kwarg = Some(param.name);
                state = 2;
            }
        }
    }
    if let Some(off) = bare_star {
        if p.kwonly.is_empty() {
            return fail("named arguments must follow bare *", off as u32);
        }
    }
    for (i, (n, off)) in names.iter().enumerate() {
        if names[..i].iter().any(|(m, _)| m == n) {
            return fail(format!("duplicate argument '{n}' in {what}"), *off);
        }
    }
    Ok(p)
}

pub fn lambda(items: Vec<ParamItem>, body: Expr, lo: usize, hi: usize) -> PResult<Expr> {
    let params = build_params(items, true)?;
    Ok(expr(
        ExprKind::Lambda {
            params: Box::new(params),
            body: Box::new(body),
        },
        lo,
        hi,
    ))
}

pub fn func_def(
    lo: usize,
    name: String,
    items: Vec<ParamItem>,
    returns: Option<Expr>,
    body: Vec<Stmt>,
) -> PResult<Stmt> {
    let params = build_params(items, false)?;
    let hi = end_of(&body, lo);
    Ok(stmt(
        StmtKind::FunctionDef(Box::new(FunctionDef {
            name,
            params,
            body,
            decorators: vec![],
            is_async: false,
            returns,
        })),
        lo,
        hi,
    ))
}

fn split_args(args: Vec<Arg>) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
    let n = args.len();
    let mut pos = Vec::new();
    let mut kws: Vec<Keyword> = Vec::new();
    let mut seen_kw = false;
    let mut seen_dstar = false;
    for a in args {
        match a {
            Arg::Gen(g) => {
                if n != 1 {
                    return fail("Generator expression must be parenthesized", g.span.start);
                }
                pos.push(g);
            }
            Arg::Pos(e) => {
                let starred = matches!(e.kind, ExprKind::Starred(_));
                if seen_dstar {
                    let msg = if starred {
                        "iterable argument unpacking follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument unpacking"
                    };
                    return fail(msg, e.span.start);
                }
                if seen_kw && !starred {
                    return fail("positional argument follows keyword argument", e.span.start);
                }
                pos.push(e);
            }
            Arg::Kw(k) => {
                match &k.arg {
                    None => seen_dstar = true,
                    Some(name) => {
                        seen_kw = true;
                        if kws.iter().any(|o| o.arg.as_deref() == Some(name)) {
                            return fail(
                                format!("keyword argument repeated: {name}"),
                                k.span.start,
                            );
                        }
                    }
                }
                kws.push(k);
            }
        }
    }
    Ok((pos, kws))
}

pub fn call(func: Expr, args: Vec<Arg>, lo: usize, hi: usize) -> PResult<Expr> {
    let (args, keywords) = split_args(args)?;
    Ok(expr(
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
        lo,
        hi,
    ))
}

pub fn class_def(lo: usize, name: String, args: Vec<Arg>, body: Vec<Stmt>) -> PResult<Stmt> {
    let (bases, keywords) = split_args(args)?;
    let hi = end_of(&body, lo);
    Ok(stmt(
        StmtKind::ClassDef(Box::new(ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators: vec![],
        })),
        lo,
        hi,
    ))
}

pub fn decorate(decorators: Vec<Expr>, mut s: Stmt) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.decorators = decorators,
        StmtKind::ClassDef(c) => c.decorators = decorators,
        _ => {}
    }
    s
}

pub fn make_async(mut s: Stmt, lo: usize) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.is_async = true,
        StmtKind::For { is_async, .. } | StmtKind::With { is_async, .. } => *is_async = true,
        _ => {}
    }
    s.span.start = lo as u32;
    s
}

// ------------------------------------------------------------------ strings

pub fn strings(parts: Vec<StrLit>, lo: usize, hi: usize) -> PResult<Expr> {
    if parts.iter().all(|p| matches!(p, StrLit::Bytes(_))) {
        let mut out = Vec::new();
        for p in parts {
            if let StrLit::Bytes(b) = p {
                out.extend(b);
            }
        }
        return Ok(expr(ExprKind::Constant(Constant::Bytes(out)), lo, hi));
    }
    if parts.iter().all(|p| matches!(p, StrLit::Str(_))) {
        let mut out = String::new();
        for p in parts {
            if let StrLit::Str(s) = p {
                out.push_str(&s);
            }
        }
        return Ok(expr(ExprKind::Constant(Constant::Str(out)), lo, hi));
    }
    let mut out: Vec<FStringPart> = Vec::new();
    for p in parts {
        let pieces = match p {
            StrLit::Str(s) => vec![FStringPart::Literal(s)],
            StrLit::FStr { body, raw, offset } => {
                fstring::parse(&body, raw, offset).map_err(|error| ParseError::User { error })?
            }
            StrLit::Bytes(_) => return fail("cannot mix bytes and nonbytes literals", lo as u32),
        };
        for piece in pieces {
            fstring::push_part(&mut out, piece);
        }
    }
    Ok(expr(ExprKind::JoinedStr(out), lo, hi))
}
