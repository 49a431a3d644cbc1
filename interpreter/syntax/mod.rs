//! Source text to AST: `logos` lexer → layout pass (NEWLINE/INDENT/DEDENT) → `lalrpop` parser.

pub mod ast;
pub mod error;
pub mod fstring;
pub mod layout;
pub mod lexer;
pub mod parser;

pub use error::{SyntaxError, SyntaxErrorKind};

/// Parses a whole file (or a `-c` string) into a module.
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    parser::parse_module(source)
}

/// Parses a single expression (for `eval` and f-string fields).
pub fn parse_expression(source: &str) -> Result<ast::Expr, SyntaxError> {
    parser::parse_expression(source, 0)
}

#[cfg(test)]
mod tests {
    use super::ast::*;
    use super::*;

    fn ok(src: &str) -> Vec<Stmt> {
        match parse_module(src) {
            Ok(m) => m.body,
            Err(e) => panic!("{src:?}: {} at {}", e.message, e.offset),
        }
    }

    fn fail(src: &str) -> SyntaxError {
        match parse_module(src) {
            Ok(m) => panic!("{src:?} parsed: {m:?}"),
            Err(e) => e,
        }
    }

    fn expr(src: &str) -> Expr {
        parse_expression(src).unwrap_or_else(|e| panic!("{src:?}: {}", e.message))
    }

    /// A compact S-expression rendering for precedence tests.
    fn show(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Constant(Constant::Int(i)) => i.to_string(),
            ExprKind::Constant(Constant::Str(s)) => format!("{s:?}"),
            ExprKind::BinOp { left, op, right } => {
                format!("({:?} {} {})", op, show(left), show(right))
            }
            ExprKind::UnaryOp { op, operand } => format!("({:?} {})", op, show(operand)),
            ExprKind::BoolOp { op, values } => format!(
                "({:?} {})",
                op,
                values.iter().map(show).collect::<Vec<_>>().join(" ")
            ),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let mut s = format!("(Cmp {}", show(left));
                for (o, c) in ops.iter().zip(comparators) {
                    s += &format!(" {:?} {}", o, show(c));
                }
                s + ")"
            }
            ExprKind::Tuple(v) => format!(
                "(Tuple {})",
                v.iter().map(show).collect::<Vec<_>>().join(" ")
            ),
            ExprKind::Starred(v) => format!("*{}", show(v)),
            ExprKind::IfExp { test, body, orelse } => {
                format!("(If {} {} {})", show(test), show(body), show(orelse))
            }
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn precedence() {
        assert_eq!(show(&expr("-2**2")), "(Neg (Pow 2 2))");
        assert_eq!(show(&expr("2**-1")), "(Pow 2 (Neg 1))");
        assert_eq!(show(&expr("2**3**2")), "(Pow 2 (Pow 3 2))");
        assert_eq!(show(&expr("not a == b")), "(Not (Cmp a Eq b))");
        assert_eq!(show(&expr("a or b and c")), "(Or a (And b c))");
        assert_eq!(show(&expr("1 < x < 3")), "(Cmp 1 Lt x Lt 3)");
        assert_eq!(
            show(&expr("a not in b is not c")),
            "(Cmp a NotIn b IsNot c)"
        );
        assert_eq!(show(&expr("a + b * c - d")), "(Sub (Add a (Mul b c)) d)");
        assert_eq!(
            show(&expr("a | b ^ c & d << e")),
            "(BitOr a (BitXor b (BitAnd c (LShift d e))))"
        );
        assert_eq!(
            show(&expr("a if b else c if d else e")),
            "(If b a (If d c e))"
        );
        assert_eq!(
            show(&expr("a @ b // c % d / e")),
            "(Div (Mod (FloorDiv (MatMul a b) c) d) e)"
        );
        assert_eq!(show(&expr("~-+a")), "(Invert (Neg (Pos a)))");
        assert_eq!(show(&expr("a, *b")), "(Tuple a *b)");
    }

    #[test]
    fn simple_statements() {
        let b = ok("a = b = 1\na, *b = xs\n(a, b) = [c, d] = e\nx += 1\nx **= 2\ny //= 3\nx: int = 1\ny: str\n");
        assert_eq!(b.len(), 8);
        match &b[0].kind {
            StmtKind::Assign { targets, .. } => assert_eq!(targets.len(), 2),
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            b[3].kind,
            StmtKind::AugAssign { op: BinOp::Add, .. }
        ));
        assert!(matches!(
            b[4].kind,
            StmtKind::AugAssign { op: BinOp::Pow, .. }
        ));
        assert!(matches!(
            b[6].kind,
            StmtKind::AnnAssign { value: Some(_), .. }
        ));
        assert!(matches!(b[7].kind, StmtKind::AnnAssign { value: None, .. }));
        let b = ok("pass; break; continue\nreturn\nreturn 1, 2\nglobal a, b\nnonlocal c\ndel a, b[0], c.d\nassert x, 'msg'\nraise\nraise X\nraise X from Y\n");
        assert_eq!(b.len(), 12);
        match &b[7].kind {
            StmtKind::Delete(t) => assert_eq!(t.len(), 3),
            k => panic!("{k:?}"),
        }
        assert!(matches!(b[11].kind, StmtKind::Raise { cause: Some(_), .. }));
        let b = ok("import a.b as c, d\nfrom .x import a as b, c\nfrom x import (a, b,)\nfrom x import *\nfrom ... import y\nfrom .. a import b\n");
        match &b[0].kind {
            StmtKind::Import(v) => {
                assert_eq!(v[0].name, "a.b");
                assert_eq!(v[0].asname.as_deref(), Some("c"));
            }
            k => panic!("{k:?}"),
        }
        match &b[1].kind {
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                assert_eq!(module.as_deref(), Some("x"));
                assert_eq!(*level, 1);
                assert_eq!(names.as_ref().map(|n| n.len()), Some(2));
            }
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            b[3].kind,
            StmtKind::ImportFrom { names: None, .. }
        ));
        assert!(matches!(
            b[4].kind,
            StmtKind::ImportFrom {
                level: 3,
                module: None,
                ..
            }
        ));
        assert!(matches!(b[5].kind, StmtKind::ImportFrom { level: 2, .. }));
    }

    #[test]
    fn compound_statements() {
        let src = "\
if a:
    x = 1
elif b:
    pass
else:
    y = 2
while x: pass
else: pass
for i, (a, b) in items:
    continue
else:
    pass
try:
    f()
except (A, B) as e:
    pass
except E:
    pass
except:
    raise
else:
    pass
finally:
    done()
try:
    pass
finally:
    pass
with a as b, c as d:
    pass
@a.b(c)
@d
def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:
    return a
class C(B, metaclass=M):
    def m(self, *, k): ...
async def g():
    async for x in y:
        await z
    async with a: pass
def h(): yield from x
";
        let b = ok(src);
        assert_eq!(b.len(), 10);
        match &b[0].kind {
            StmtKind::If { orelse, .. } => {
                assert!(matches!(orelse[0].kind, StmtKind::If { .. }));
            }
            k => panic!("{k:?}"),
        }
        match &b[2].kind {
            StmtKind::For { target, .. } => assert!(matches!(target.kind, ExprKind::Tuple(_))),
            k => panic!("{k:?}"),
        }
        match &b[3].kind {
            StmtKind::Try {
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                assert_eq!(handlers.len(), 3);
                assert_eq!(handlers[0].name.as_deref(), Some("e"));
                assert!(handlers[2].typ.is_none());
                assert_eq!(orelse.len(), 1);
                assert_eq!(finalbody.len(), 1);
            }
            k => panic!("{k:?}"),
        }
        match &b[6].kind {
            StmtKind::FunctionDef(f) => {
                assert_eq!(f.decorators.len(), 2);
                let p = &f.params;
                assert_eq!(p.posonly.len(), 2);
                assert_eq!(p.args.len(), 1);
                assert_eq!(p.vararg.as_deref(), Some("args"));
                assert_eq!(p.kwonly.len(), 2);
                assert_eq!(p.kwarg.as_deref(), Some("kw"));
                assert!(f.returns.is_some());
            }
            k => panic!("{k:?}"),
        }
        match &b[7].kind {
            StmtKind::ClassDef(c) => {
                assert_eq!(c.bases.len(), 1);
                assert_eq!(c.keywords[0].arg.as_deref(), Some("metaclass"));
            }
            k => panic!("{k:?}"),
        }
        match &b[8].kind {
            StmtKind::FunctionDef(f) => {
                assert!(f.is_async);
                assert!(matches!(
                    f.body[0].kind,
                    StmtKind::For { is_async: true, .. }
                ));
                assert!(matches!(
                    f.body[1].kind,
                    StmtKind::With { is_async: true, .. }
                ));
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn expressions() {
        for src in [
            "f(a, *b, c=1, **d)",
            "sum(x for x in y)",
            "a.b[1:2, 3]",
            "a[::2]",
            "a[i, j]",
            "(1,)",
            "()",
            "[1, *a]",
            "{1: 2, **d}",
            "{1, 2}",
            "{}",
            "[x for x in y if x for z in x]",
            "{k: v for k, v in d}",
            "{x async for x in y}",
            "(x for x in y)",
            "(x := 5)",
            "lambda: 0",
            "lambda x, *a, k=1, **kw: x",
            "...",
            "None",
            "True and False",
            "'a' 'b'",
            "b'x' b'y'",
            "1_000 + 0x_ff + 0o17 + 0b1 + 1.5 + 1e10 + .5 + 5. + 1_0.0_1",
            "await x",
            "(yield)",
            "(yield from x)",
            "x[a:b:c]",
            "f(*[] or [2], *a if b else c)",
            "tuple[*ts]",
        ] {
            expr(src);
        }
        match expr("a[1:2, 3]").kind {
            ExprKind::Subscript { index, .. } => match index.kind {
                ExprKind::Tuple(v) => assert!(matches!(v[0].kind, ExprKind::Slice { .. })),
                k => panic!("{k:?}"),
            },
            k => panic!("{k:?}"),
        }
        match expr("'a' 'b'").kind {
            ExprKind::Constant(Constant::Str(s)) => assert_eq!(s, "ab"),
            k => panic!("{k:?}"),
        }
        match expr("0xff").kind {
            ExprKind::Constant(Constant::Int(i)) => assert_eq!(i, 255.into()),
            k => panic!("{k:?}"),
        }
        ok("x = yield\ny = yield a, b\nyield from z\nyield\n");
        ok("print(*a)\nx = a, b\nfor x in 1, 2: pass\nx = [*a, *b]\n");
    }

    fn s(src: &str) -> String {
        match expr(src).kind {
            ExprKind::Constant(Constant::Str(s)) => s,
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn strings() {
        assert_eq!(
            s(r#""a\n\t\\\'\"\r\0\x41\u1234\U0001F600\101""#),
            "a\n\t\\'\"\r\0A\u{1234}\u{1F600}A"
        );
        assert_eq!(s(r#"r"a\n""#), "a\\n");
        assert_eq!(s("'''a\nb'''"), "a\nb");
        assert_eq!(s(r#"U"x""#), "x");
        assert_eq!(s("\"a\\\nb\""), "ab");
        match expr(r#"rb"\x41" Br'\n' b"\x41\n""#).kind {
            ExprKind::Constant(Constant::Bytes(b)) => assert_eq!(b, b"\\x41\\nA\n"),
            k => panic!("{k:?}"),
        }
        assert!(parse_expression("b'a' 'b'")
            .unwrap_err()
            .message
            .contains("mix bytes"));
        assert!(parse_expression("'\\N{DASH}'").is_err());
        assert!(parse_expression("b'\u{e9}'").is_err());
    }

    fn fparts(src: &str) -> Vec<FStringPart> {
        match expr(src).kind {
            ExprKind::JoinedStr(p) => p,
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn fstrings() {
        let p = fparts(r#"f"a{x!r}b{{c}}""#);
        assert_eq!(p.len(), 3);
        assert!(matches!(
            &p[1],
            FStringPart::Formatted {
                conversion: Some('r'),
                ..
            }
        ));
        assert!(matches!(&p[2], FStringPart::Literal(s) if s == "b{c}"));
        let p = fparts(r#"f"{n:>{w}}""#);
        match &p[0] {
            FStringPart::Formatted {
                format_spec: Some(spec),
                ..
            } => {
                assert!(matches!(&spec[0], FStringPart::Literal(s) if s == ">"));
                assert!(matches!(&spec[1], FStringPart::Formatted { .. }));
            }
            other => panic!("{other:?}"),
        }
        let p = fparts(r#"f"{d['k']}{x[1:2]}{a != b}{x=}""#);
        assert_eq!(p.len(), 4);
        match &p[3] {
            FStringPart::Formatted {
                debug_text,
                conversion,
                ..
            } => {
                assert_eq!(debug_text.as_deref(), Some("x="));
                assert_eq!(*conversion, Some('r'));
            }
            other => panic!("{other:?}"),
        }
        // spans of field expressions point into the file
        let src = "x = 1\ny = f'ab{foo}'\n";
        let b = ok(src);
        match &b[1].kind {
            StmtKind::Assign { value, .. } => match &value.kind {
                ExprKind::JoinedStr(p) => match &p[1] {
                    FStringPart::Formatted { value, .. } => {
                        assert_eq!(
                            &src[value.span.start as usize..value.span.end as usize],
                            "foo"
                        )
                    }
                    other => panic!("{other:?}"),
                },
                k => panic!("{k:?}"),
            },
            k => panic!("{k:?}"),
        }
        fparts(r#"f'{a}' 'b' f"{c:{d}.{e}f}" rf'\n{x}'"#);
        assert!(parse_expression("f'{x'")
            .unwrap_err()
            .message
            .contains("expecting '}'"));
        assert!(parse_expression("f'{}'")
            .unwrap_err()
            .message
            .contains("empty expression"));
        assert!(parse_expression("f'}'")
            .unwrap_err()
            .message
            .contains("single '}'"));
        assert!(parse_expression("f'{x!z}'").is_err());
        assert!(parse_expression("f'{a:{b:{c}}}'").is_err());
        assert!(parse_expression("f'{1+}'").is_err());
    }

    #[test]
    fn layout() {
        let b = ok("x = (1 +\n  2)\ny = [1,\n# comment\n   2]\nz = 1 + \\\n  2\n\n   # odd comment\nif x:\n\n        # c\n    pass\n  # c\nw = 3");
        assert_eq!(b.len(), 5);
        let b = ok("if a:\n\tif b:\n\t\tpass\n\tx = 1\n");
        assert_eq!(b.len(), 1);
        ok("");
        ok("\n\n# just a comment\n");
        ok("x = 1\r\ny = 2\r\n");
    }

    #[test]
    fn spans() {
        let src = "a = 1\n\nif b:\n    c = 2\n";
        let b = ok(src);
        let (line, _) = error::line_col(src, b[1].span.start as usize);
        assert_eq!(line, 3);
        match &b[1].kind {
            StmtKind::If { body, .. } => {
                assert_eq!(error::line_col(src, body[0].span.start as usize), (4, 5));
            }
            k => panic!("{k:?}"),
        }
        match &b[0].kind {
            StmtKind::Assign { value, .. } => assert_eq!(value.span, Span::new(4, 5)),
            k => panic!("{k:?}"),
        }
    }

    fn msg(src: &str) -> String {
        fail(src).message
    }

    #[test]
    fn errors() {
        assert_eq!(
            msg("f() = 1"),
            "cannot assign to function call here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(
            msg("x = 1\n1 = x"),
            "cannot assign to literal here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(fail("x = 1\n1 = x").offset, 6);
        assert_eq!(
            msg("f(a=1, b)"),
            "positional argument follows keyword argument"
        );
        assert_eq!(
            msg("f(x for x in y, 1)"),
            "Generator expression must be parenthesized"
        );
        assert_eq!(
            msg("def f(a=1, b): pass"),
            "non-default argument follows default argument"
        );
        assert_eq!(
            msg("def f(a, a): pass"),
            "duplicate argument 'a' in function definition"
        );
        assert_eq!(
            msg("f() += 1"),
            "'function call' is an illegal expression for augmented assignment"
        );
        assert_eq!(msg("del f()"), "cannot delete function call");
        assert_eq!(msg("x = 2j"), "imaginary numbers are not supported in gil");
        assert_eq!(
            msg("x = 'abc"),
            "unterminated string literal (detected at line 1)"
        );
        let e = fail("x = '''abc\n\n");
        assert_eq!(
            e.message,
            "unterminated triple-quoted string literal (detected at line 3)"
        );
        assert!(e.incomplete);
        let e = fail("x = (1,\n 2");
        assert_eq!(e.message, "'(' was never closed");
        assert!(e.incomplete);
        assert_eq!(e.offset, 4);
        assert_eq!(
            msg("x = (1]"),
            "closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(msg("x = 1)"), "unmatched ')'");
        assert_eq!(msg("if x\n  pass"), "expected ':'");
        assert_eq!(msg("x = 1\0"), "source code cannot contain null bytes");
        assert_eq!(msg("x = $"), "invalid character '$' (U+0024)");
        assert_eq!(msg("x = 1 +"), "invalid syntax");
        assert_eq!(msg("x = 01"), "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        let e = fail("if x:\n    a\n  b\n");
        assert_eq!(e.kind, SyntaxErrorKind::Indentation);
        assert_eq!(
            e.message,
            "unindent does not match any outer indentation level"
        );
        let e = fail("a\n    b\n");
        assert_eq!(e.kind, SyntaxErrorKind::Indentation);
        assert_eq!(e.message, "unexpected indent");
        let e = fail("x = 1\nif x:\npass\n");
        assert_eq!(e.kind, SyntaxErrorKind::Indentation);
        assert_eq!(
            e.message,
            "expected an indented block after 'if' statement on line 2"
        );
        let e = fail("def f():\n");
        assert_eq!(
            e.message,
            "expected an indented block after function definition on line 1"
        );
        assert!(e.incomplete);
        let e = fail("for x in y:\n    if x:\n");
        assert!(e.incomplete);
        assert!(!fail("x = (1 +)").incomplete);
        let e = fail("try:\n  pass\n");
        assert_eq!(e.message, "expected 'except' or 'finally' block");
        assert!(e.incomplete);
        assert_eq!(msg("x = *a"), "can't use starred expression here");
        assert_eq!(
            msg("*a = b"),
            "starred assignment target must be in a list or tuple"
        );
        assert_eq!(msg("True = 1"), "cannot assign to True");
        assert_eq!(
            msg("f(**k, a)"),
            "positional argument follows keyword argument unpacking"
        );
        assert_eq!(msg("class C\n  pass"), "expected ':'");
        assert_eq!(
            msg("if x = 1: pass"),
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let e = fail(&"[".repeat(10_000));
        assert_eq!(e.message, "too many nested parentheses");
        let e = fail(&format!("{}x", "not ".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        let e = fail(&format!("{}x", "- ".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        let e = fail(&format!("x = a{}", "+a".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        let e = fail(&format!("x = a{}", ".a".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        let e = fail(&format!("x = a{}", "[0]".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        let e = fail(&format!("x = {}0", "lambda: ".repeat(100_000)));
        assert_eq!(e.message, "too many nested expressions");
        // but long flat constructs are fine
        ok(&format!("x = [{}]", "1+1, ".repeat(20_000)));
        ok(&format!("x = a{}\n", " and a".repeat(500)));
        // indentation depth is limited too
        let mut src = String::new();
        for i in 0..150 {
            src += &" ".repeat(i);
            src += "if x:\n";
        }
        assert!(parse_module(&src).is_err());
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut state: u64 = 0x2545F4914F6CDD1D;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        };
        let alphabet =
            b"()[]{}:;,.=+-*/%<>!@&|^~'\"\\\n\t #abcxyz019_fFrRbBjJe ifelsedefwhileforinnotlambda";
        for i in 0..2000 {
            let len = (next() % 60) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if i % 2 == 0 {
                        alphabet[(r as usize) % alphabet.len()]
                    } else {
                        r as u8
                    }
                })
                .collect();
            let src = String::from_utf8_lossy(&bytes);
            let _ = parse_module(&src);
            let _ = parse_expression(&src);
        }
    }

    #[test]
    fn big_junk_is_fast() {
        let junk = "x = (a + b) * c[1:2] if d else 'str' # comment\n".repeat(25_000);
        let t = std::time::Instant::now();
        let m = parse_module(&junk).unwrap();
        assert_eq!(m.body.len(), 25_000);
        let junk2 = "$ ".repeat(500_000);
        assert!(parse_module(&junk2).is_err());
        let junk3 = "a b c ".repeat(200_000);
        assert!(parse_module(&junk3).is_err());
        assert!(t.elapsed().as_secs() < 20);
    }
}

#[cfg(test)]
mod corpus {
    /// `GIL_PARSE_FILES="a.py b.py" cargo test corpus -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn parse_files_from_env() {
        let files = std::env::var("GIL_PARSE_FILES").unwrap_or_default();
        let (mut good, mut bad) = (0, 0);
        for f in files.split_whitespace() {
            let Ok(src) = std::fs::read_to_string(f) else {
                continue;
            };
            match super::parse_module(&src) {
                Ok(_) => good += 1,
                Err(e) => {
                    bad += 1;
                    let (l, c) = super::error::line_col(&src, e.offset);
                    println!("{f}:{l}:{c}: {}: {}", e.type_name(), e.message);
                }
            }
        }
        println!("ok {good}, failed {bad}");
    }

    fn lines(src: &str, body: &[super::ast::Stmt], out: &mut Vec<usize>) {
        use super::ast::StmtKind::*;
        for s in body {
            out.push(super::error::line_col(src, s.span.start as usize).0);
            match &s.kind {
                If { body, orelse, .. } | While { body, orelse, .. } | For { body, orelse, .. } => {
                    lines(src, body, out);
                    lines(src, orelse, out);
                }
                With { body, .. } => lines(src, body, out),
                FunctionDef(f) => lines(src, &f.body, out),
                ClassDef(c) => lines(src, &c.body, out),
                Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    lines(src, body, out);
                    for h in handlers {
                        lines(src, &h.body, out);
                    }
                    lines(src, orelse, out);
                    lines(src, finalbody, out);
                }
                _ => {}
            }
        }
    }

    /// Prints the error for each line of `GIL_ERR_CASES` (with `\\n` for newlines).
    #[test]
    #[ignore]
    fn show_errors() {
        let cases = std::env::var("GIL_ERR_CASES").unwrap_or_default();
        for c in cases.lines() {
            let src = c.replace("\\n", "\n");
            match super::parse_module(&src) {
                Ok(_) => println!("{c:30} => ok"),
                Err(e) => {
                    let (l, col) = super::error::line_col(&src, e.offset);
                    println!(
                        "{c:30} => {}: {} ({l}:{col}) incomplete={}",
                        e.type_name(),
                        e.message,
                        e.incomplete
                    )
                }
            }
        }
    }

    /// Prints the sorted start lines of all statements of `GIL_LINES_FILE`.
    #[test]
    #[ignore]
    fn statement_lines() {
        let f = std::env::var("GIL_LINES_FILE").unwrap_or_default();
        let src = std::fs::read_to_string(f).unwrap_or_default();
        let m = super::parse_module(&src).unwrap();
        let mut out = Vec::new();
        lines(&src, &m.body, &mut out);
        out.sort();
        println!("LINES {out:?}");
    }
}
