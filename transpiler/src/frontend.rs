//! Front end: parses Python source with `rustpython-parser` and converts its tree into our
//! [`crate::ast`], refusing constructs outside the supported subset with a diagnostic.
//!
//! Architecture invariant: this is the only module that imports the parser crate. Parsing never
//! panics: errors come back as [`Diagnostic`]s.

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use rustpython_parser::ast as py;
use rustpython_parser::ast::Ranged;
use rustpython_parser::text_size::TextRange;

/// Parses and converts a whole module.
pub fn parse_module(file: &SourceFile) -> Result<Module, Vec<Diagnostic>> {
    let parsed = std::panic::catch_unwind(|| {
        rustpython_parser::parse(&file.text, rustpython_parser::Mode::Module, &file.path)
    });
    let suite = match parsed {
        Ok(Ok(py::Mod::Module(m))) => m.body,
        Ok(Ok(_)) => return Err(vec![Diagnostic::syntax(Span::default(), "not a module")]),
        Ok(Err(e)) => {
            let at = u32::from(e.offset);
            return Err(vec![Diagnostic::syntax(Span::new(at, at), syntax_message(&e.error))]);
        }
        Err(_) => return Err(vec![Diagnostic::syntax(Span::default(), "the parser failed on this file")]),
    };
    let mut conv = Converter { next_id: 0, diags: Vec::new(), at: None };
    let body = conv.stmts(suite);
    if conv.diags.is_empty() {
        Ok(Module { body, expr_count: conv.next_id })
    } else {
        Err(conv.diags)
    }
}

fn syntax_message(e: &rustpython_parser::ParseErrorType) -> String {
    use rustpython_parser::ParseErrorType as P;
    match e {
        P::Eof => "unexpected end of file".to_string(),
        P::UnrecognizedToken(tok, _) => format!("invalid syntax: unexpected {tok}"),
        P::ExtraToken(tok) => format!("invalid syntax: unexpected {tok}"),
        P::InvalidToken => "invalid token".to_string(),
        other => other.to_string(),
    }
}

fn span(r: TextRange) -> Span {
    Span::new(u32::from(r.start()), u32::from(r.end()))
}

struct Converter {
    next_id: u32,
    diags: Vec<Diagnostic>,
    /// Set while converting code py2rust wrote itself (a dataclass's methods): every span is
    /// this one.
    at: Option<TextRange>,
}

impl Converter {
    fn unsupported(&mut self, r: TextRange, what: &str, why: &str) {
        self.diags.push(Diagnostic::unsupported(span(r), what, why));
    }

    /// The span of `r`, or of the code py2rust wrote (see `at`).
    fn sp(&self, r: TextRange) -> Span {
        span(self.at.unwrap_or(r))
    }

    fn mk(&mut self, kind: ExprKind, r: TextRange) -> Expr {
        let id = ExprId(self.next_id);
        self.next_id += 1;
        Expr { id, kind, span: self.sp(r) }
    }

    /// `@dataclass(order=True)`: the `__lt__`/`__le__`/`__gt__`/`__ge__` CPython generates
    /// (comparing the fields as tuples), written as Python and converted like the user's
    /// code, every span at the decorator.
    fn dataclass_ordering(&mut self, c: &py::StmtClassDef) -> Vec<Stmt> {
        let order = c.decorator_list.iter().find_map(|d| match d {
            py::Expr::Call(call) if matches!(&*call.func, py::Expr::Name(n) if n.id.as_str() == "dataclass") => {
                call.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "order")).map(|k| (k.range, &k.value))
            }
            _ => None,
        });
        let Some((at, value)) = order else { return Vec::new() };
        if !matches!(value, py::Expr::Constant(k) if matches!(k.value, py::Constant::Bool(true))) {
            return Vec::new();
        }
        if !c.bases.is_empty() {
            self.unsupported(at, "`@dataclass(order=True)` on a subclass", "ordering by inherited fields is not supported yet");
            return Vec::new();
        }
        let mut fields = Vec::new();
        for s in &c.body {
            if let py::Stmt::AnnAssign(a) = s {
                if let py::Expr::Name(n) = &*a.target {
                    fields.push(n.id.to_string());
                }
            }
            if let py::Stmt::FunctionDef(f) = s {
                if matches!(f.name.as_str(), "__lt__" | "__le__" | "__gt__" | "__ge__") {
                    self.unsupported(at, "`@dataclass(order=True)` with its own ordering method", "CPython raises TypeError for this class");
                    return Vec::new();
                }
            }
        }
        let own: Vec<String> = fields.iter().map(|f| format!("self.{f}, ")).collect();
        let other: Vec<String> = fields.iter().map(|f| format!("other.{f}, ")).collect();
        let mut src = String::new();
        for (name, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
            src.push_str(&format!("def {name}(self, other):\n    return ({}) {op} ({})\n", own.concat(), other.concat()));
        }
        let Ok(py::Mod::Module(m)) = rustpython_parser::parse(&src, rustpython_parser::Mode::Module, "<dataclass>") else { return Vec::new() };
        self.at = Some(at);
        let out = self.stmts(m.body);
        self.at = None;
        out
    }

    fn stmts(&mut self, body: Vec<py::Stmt>) -> Vec<Stmt> {
        body.into_iter().filter_map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: py::Stmt) -> Option<Stmt> {
        use py::Stmt as S;
        let r = s.range();
        let kind = match s {
            S::FunctionDef(f) => {
                if !f.type_params.is_empty() {
                    self.unsupported(r, "type parameters", "PEP 695 type parameters are not Python 3.11");
                }
                let header_end = f.body.first().map_or(r.end(), |b| b.range().start());
                let params = self.params(*f.args, r);
                let decorators = self.elements(f.decorator_list);
                StmtKind::FunctionDef(FunctionDef {
                    name: f.name.to_string(),
                    params,
                    decorators,
                    body: self.stmts(f.body),
                    header: if self.at.is_some() { self.sp(r) } else { Span::new(u32::from(r.start()), u32::from(header_end)) },
                })
            }
            S::Return(x) => StmtKind::Return(x.value.map(|v| self.expr(*v))),
            S::Assign(a) => StmtKind::Assign {
                targets: a.targets.into_iter().map(|t| self.target(t)).collect(),
                value: self.expr(*a.value),
            },
            S::AugAssign(a) => StmtKind::AugAssign {
                target: self.target(*a.target),
                op: binop(a.op),
                value: self.expr(*a.value),
            },
            S::AnnAssign(a) => StmtKind::AnnAssign {
                target: self.target(*a.target),
                annotation: self.annotation(*a.annotation),
                value: a.value.map(|v| self.expr(*v)),
            },
            S::For(f) => StmtKind::For {
                target: self.target(*f.target),
                iter: self.expr(*f.iter),
                body: self.stmts(f.body),
                orelse: self.stmts(f.orelse),
            },
            S::While(w) => StmtKind::While {
                test: self.expr(*w.test),
                body: self.stmts(w.body),
                orelse: self.stmts(w.orelse),
            },
            S::If(i) => StmtKind::If {
                test: self.expr(*i.test),
                body: self.stmts(i.body),
                orelse: self.stmts(i.orelse),
            },
            S::Expr(e) => StmtKind::Expr(self.expr(*e.value)),
            S::Pass(_) => StmtKind::Pass,
            S::Break(_) => StmtKind::Break,
            S::Continue(_) => StmtKind::Continue,
            S::Import(i) => StmtKind::Import(
                i.names.into_iter().map(|a| (a.name.to_string(), a.asname.map(|n| n.to_string()))).collect(),
            ),
            S::ImportFrom(i) => {
                if i.level.map_or(0, |l| l.to_u32()) > 0 {
                    self.unsupported(r, "relative imports", "py2rust compiles a single file");
                    return None;
                }
                StmtKind::ImportFrom {
                    module: i.module.map(|m| m.to_string()).unwrap_or_default(),
                    names: i.names.into_iter().map(|a| (a.name.to_string(), a.asname.map(|n| n.to_string()))).collect(),
                }
            }
            S::Global(g) => StmtKind::Global(g.names.into_iter().map(|n| n.to_string()).collect()),
            S::Nonlocal(g) => StmtKind::Nonlocal(g.names.into_iter().map(|n| n.to_string()).collect()),
            S::ClassDef(c) => {
                if let Some(k) = c.keywords.first() {
                    self.unsupported(k.range, "class keywords (metaclasses)", "metaclasses and class keyword arguments are not supported");
                }
                let header_end = c.body.first().map_or(r.end(), |b| b.range().start());
                let ordering = self.dataclass_ordering(&c);
                let mut body = self.stmts(c.body);
                body.extend(ordering);
                StmtKind::ClassDef(ClassDef {
                    name: c.name.to_string(),
                    bases: self.elements(c.bases),
                    decorators: self.elements(c.decorator_list),
                    body,
                    header: if self.at.is_some() { self.sp(r) } else { Span::new(u32::from(r.start()), u32::from(header_end)) },
                })
            }
            S::AsyncFunctionDef(_) => return self.refuse(r, "`async def`", "async functions are not supported yet"),
            S::Delete(d) => StmtKind::Delete(d.targets.into_iter().map(|t| self.expr(t)).collect()),
            S::TypeAlias(_) => return self.refuse(r, "`type` aliases", "PEP 695 type aliases are not Python 3.11"),
            S::AsyncFor(_) => return self.refuse(r, "`async for`", "async iteration is not supported yet"),
            S::With(w) => StmtKind::With {
                items: w.items.into_iter().map(|i| (self.expr(i.context_expr), i.optional_vars.map(|v| self.target(*v)))).collect(),
                body: self.stmts(w.body),
            },
            S::AsyncWith(_) => return self.refuse(r, "`async with`", "async context managers are not supported yet"),
            S::Match(_) => return self.refuse(r, "`match`", "structural pattern matching is not supported yet"),
            S::Raise(x) => StmtKind::Raise { exc: x.exc.map(|e| self.expr(*e)), cause: x.cause.map(|e| self.expr(*e)) },
            S::Try(t) => StmtKind::Try {
                body: self.stmts(t.body),
                handlers: t
                    .handlers
                    .into_iter()
                    .map(|h| {
                        let py::ExceptHandler::ExceptHandler(h) = h;
                        Handler { typ: h.type_.map(|e| self.expr(*e)), name: h.name.map(|n| n.to_string()), span: self.sp(h.range), body: self.stmts(h.body) }
                    })
                    .collect(),
                orelse: self.stmts(t.orelse),
                finalbody: self.stmts(t.finalbody),
            },
            S::TryStar(_) => return self.refuse(r, "`except*`", "exception groups are not supported yet"),
            S::Assert(a) => StmtKind::Assert { test: self.expr(*a.test), msg: a.msg.map(|m| self.expr(*m)) },
        };
        Some(Stmt { kind, span: self.sp(r) })
    }

    fn refuse<T>(&mut self, r: TextRange, what: &str, why: &str) -> Option<T> {
        self.unsupported(r, what, why);
        None
    }

    fn params(&mut self, args: py::Arguments, whole: TextRange) -> Vec<Param> {
        if !args.posonlyargs.is_empty() {
            self.unsupported(whole, "positional-only parameters", "not supported yet");
        }
        let mut out: Vec<Param> = Vec::new();
        for a in args.args {
            out.push(self.param(a.def, a.default.map(|d| *d), ParamKind::Positional));
        }
        if let Some(v) = args.vararg {
            out.push(self.param(*v, None, ParamKind::VarArgs));
        }
        for a in args.kwonlyargs {
            out.push(self.param(a.def, a.default.map(|d| *d), ParamKind::KeywordOnly));
        }
        if let Some(k) = args.kwarg {
            out.push(self.param(*k, None, ParamKind::VarKeywords));
        }
        out
    }

    fn param(&mut self, a: py::Arg, default: Option<py::Expr>, kind: ParamKind) -> Param {
        Param {
            name: a.arg.to_string(),
            span: self.sp(a.range),
            annotation: a.annotation.map(|t| self.annotation(*t)),
            default: default.map(|d| self.expr(d)),
            kind,
        }
    }

    /// Annotations are hints: kept as expressions, never a reason to refuse.
    fn annotation(&mut self, e: py::Expr) -> Expr {
        let r = e.range();
        match e {
            py::Expr::Name(n) => self.mk(ExprKind::Name(n.id.to_string()), r),
            _ => self.mk(ExprKind::None, r),
        }
    }

    fn target(&mut self, e: py::Expr) -> Expr {
        let r = e.range();
        match e {
            py::Expr::Name(_) | py::Expr::Subscript(_) => self.expr(e),
            py::Expr::Tuple(t) => {
                let elts = t.elts.into_iter().map(|x| self.target(x)).collect();
                self.mk(ExprKind::Tuple(elts), r)
            }
            py::Expr::List(t) => {
                let elts = t.elts.into_iter().map(|x| self.target(x)).collect();
                self.mk(ExprKind::Tuple(elts), r)
            }
            py::Expr::Attribute(_) => self.expr(e),
            py::Expr::Starred(st) => {
                let inner = Box::new(self.target(*st.value));
                self.mk(ExprKind::Starred(inner), r)
            }
            _ => {
                self.diags.push(Diagnostic::syntax(span(r), "cannot assign to this expression"));
                self.mk(ExprKind::None, r)
            }
        }
    }

    fn boxed(&mut self, e: py::Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn expr(&mut self, e: py::Expr) -> Expr {
        use py::Expr as E;
        let r = e.range();
        let kind = match e {
            E::Constant(c) => match c.value {
                py::Constant::None => ExprKind::None,
                py::Constant::Bool(b) => ExprKind::Bool(b),
                py::Constant::Str(s) => ExprKind::Str(s),
                py::Constant::Int(i) => ExprKind::Int(i),
                py::Constant::Float(f) => ExprKind::Float(f),
                py::Constant::Bytes(_) => return self.refused(r, "bytes literals", "`bytes` is not supported yet"),
                py::Constant::Complex { .. } => return self.refused(r, "complex numbers", "`complex` is not supported"),
                py::Constant::Ellipsis => return self.refused(r, "`...`", "Ellipsis is not supported yet"),
                py::Constant::Tuple(_) => return self.refused(r, "constant tuples", "not supported"),
            },
            E::Name(n) => ExprKind::Name(n.id.to_string()),
            E::BinOp(b) => ExprKind::BinOp { op: binop(b.op), left: self.boxed(*b.left), right: self.boxed(*b.right) },
            E::UnaryOp(u) => ExprKind::UnaryOp {
                op: match u.op {
                    py::UnaryOp::Not => UnaryOp::Not,
                    py::UnaryOp::USub => UnaryOp::Neg,
                    py::UnaryOp::UAdd => UnaryOp::Pos,
                    py::UnaryOp::Invert => UnaryOp::Invert,
                },
                operand: self.boxed(*u.operand),
            },
            E::BoolOp(b) => ExprKind::BoolOp {
                op: match b.op {
                    py::BoolOp::And => BoolOp::And,
                    py::BoolOp::Or => BoolOp::Or,
                },
                values: b.values.into_iter().map(|v| self.expr(v)).collect(),
            },
            E::Compare(c) => ExprKind::Compare {
                left: self.boxed(*c.left),
                ops: c.ops.into_iter().zip(c.comparators).map(|(op, x)| (cmpop(op), self.expr(x))).collect(),
            },
            E::Call(c) => {
                let func = self.boxed(*c.func);
                let mut args = Vec::new();
                for a in c.args {
                    match a {
                        E::Starred(s) => {
                            let inner = self.boxed(*s.value);
                            args.push(self.mk(ExprKind::Starred(inner), s.range));
                        }
                        other => args.push(self.expr(other)),
                    }
                }
                let mut keywords = Vec::new();
                for k in c.keywords {
                    match k.arg {
                        Some(name) => {
                            let span = self.sp(k.range);
                            keywords.push(Keyword { name: name.to_string(), span, value: self.expr(k.value) })
                        }
                        // `**d`: kept as a keyword named `**` (see `ast::Keyword`).
                        None => {
                            let span = self.sp(k.range);
                            keywords.push(Keyword { name: "**".into(), span, value: self.expr(k.value) })
                        }
                    }
                }
                ExprKind::Call { func, args, keywords }
            }
            E::IfExp(i) => ExprKind::IfExp { test: self.boxed(*i.test), body: self.boxed(*i.body), orelse: self.boxed(*i.orelse) },
            E::Lambda(l) => {
                let params = self.params(*l.args, r);
                ExprKind::Lambda { params, body: self.boxed(*l.body) }
            }
            E::List(l) => ExprKind::List(self.display_elements(l.elts)),
            E::Tuple(t) => ExprKind::Tuple(self.elements(t.elts)),
            E::ListComp(c) => ExprKind::ListComp { elt: self.boxed(*c.elt), generators: self.comprehensions(c.generators) },
            E::Subscript(s) => {
                let index = match *s.slice {
                    E::Slice(sl) => {
                        let kind = ExprKind::Slice {
                            lower: sl.lower.map(|x| self.boxed(*x)),
                            upper: sl.upper.map(|x| self.boxed(*x)),
                            step: sl.step.map(|x| self.boxed(*x)),
                        };
                        Box::new(self.mk(kind, sl.range))
                    }
                    other => self.boxed(other),
                };
                ExprKind::Subscript { value: self.boxed(*s.value), index }
            }
            E::Attribute(a) => ExprKind::Attribute { value: self.boxed(*a.value), attr: a.attr.to_string() },
            E::JoinedStr(j) => ExprKind::FString(self.fstring_parts(j.values)),
            E::FormattedValue(f) => ExprKind::FString(self.fstring_parts(vec![E::FormattedValue(f)])),
            E::Dict(d) => {
                let mut pairs = Vec::new();
                for (k, v) in d.keys.into_iter().zip(d.values) {
                    match k {
                        Some(k) => pairs.push((self.expr(k), self.expr(v))),
                        None => self.unsupported(v.range(), "`**` in a dict display", "dict unpacking is not supported yet"),
                    }
                }
                ExprKind::Dict(pairs)
            }
            E::Set(st) => ExprKind::Set(self.elements(st.elts)),
            E::SetComp(c) => ExprKind::SetComp { elt: self.boxed(*c.elt), generators: self.comprehensions(c.generators) },
            E::DictComp(c) => ExprKind::DictComp { key: self.boxed(*c.key), value: self.boxed(*c.value), generators: self.comprehensions(c.generators) },
            E::GeneratorExp(g) => ExprKind::GenExp { elt: self.boxed(*g.elt), generators: self.comprehensions(g.generators) },
            E::Await(_) => return self.refused(r, "`await`", "async is not supported yet"),
            E::Yield(y) => ExprKind::Yield(y.value.map(|v| self.boxed(*v))),
            E::YieldFrom(y) => ExprKind::YieldFrom(self.boxed(*y.value)),
            E::NamedExpr(_) => return self.refused(r, "`:=`", "assignment expressions are not supported yet"),
            E::Starred(_) => return self.refused(r, "`*` unpacking", "starred expressions are not supported yet"),
            E::Slice(_) => return self.refused(r, "slices", "slicing is not supported yet"),
        };
        self.mk(kind, r)
    }

    fn refused(&mut self, r: TextRange, what: &str, why: &str) -> Expr {
        self.unsupported(r, what, why);
        self.mk(ExprKind::None, r)
    }

    /// The items of a list display, where `*iterable` may appear.
    fn display_elements(&mut self, elts: Vec<py::Expr>) -> Vec<Expr> {
        elts.into_iter()
            .map(|x| match x {
                py::Expr::Starred(s) => {
                    let inner = self.boxed(*s.value);
                    self.mk(ExprKind::Starred(inner), s.range)
                }
                other => self.expr(other),
            })
            .collect()
    }

    fn elements(&mut self, elts: Vec<py::Expr>) -> Vec<Expr> {
        elts.into_iter().map(|x| self.expr(x)).collect()
    }

    fn comprehensions(&mut self, gens: Vec<py::Comprehension>) -> Vec<Comprehension> {
        gens.into_iter()
            .map(|g| {
                if g.is_async {
                    self.unsupported(g.iter.range(), "async comprehensions", "async is not supported yet");
                }
                Comprehension { target: self.target(g.target), iter: self.expr(g.iter), ifs: self.elements(g.ifs) }
            })
            .collect()
    }

    fn fstring_parts(&mut self, values: Vec<py::Expr>) -> Vec<FStringPart> {
        let mut parts = Vec::new();
        for v in values {
            match v {
                py::Expr::Constant(py::ExprConstant { value: py::Constant::Str(s), .. }) => parts.push(FStringPart::Literal(s)),
                py::Expr::FormattedValue(f) => {
                    let conversion = match f.conversion {
                        py::ConversionFlag::None => Conversion::None,
                        py::ConversionFlag::Str => Conversion::Str,
                        py::ConversionFlag::Repr => Conversion::Repr,
                        py::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    let spec = match f.format_spec {
                        Some(s) => match *s {
                            py::Expr::JoinedStr(j) => self.fstring_parts(j.values),
                            other => self.fstring_parts(vec![other]),
                        },
                        None => Vec::new(),
                    };
                    parts.push(FStringPart::Value { value: self.expr(*f.value), conversion, spec });
                }
                py::Expr::JoinedStr(j) => parts.extend(self.fstring_parts(j.values)),
                other => {
                    let r = other.range();
                    self.unsupported(r, "this f-string part", "unexpected f-string content");
                }
            }
        }
        parts
    }
}

fn binop(op: py::Operator) -> BinOp {
    use py::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::Div,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
        O::BitAnd => BinOp::BitAnd,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: py::CmpOp) -> CmpOp {
    use py::CmpOp as C;
    match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::NotEq,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::LtE,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::GtE,
        C::Is => CmpOp::Is,
        C::IsNot => CmpOp::IsNot,
        C::In => CmpOp::In,
        C::NotIn => CmpOp::NotIn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Module, Vec<Diagnostic>> {
        parse_module(&SourceFile::new("t.py", src))
    }

    #[test]
    fn converts_a_class() {
        let m = parse("class A(B):\n    x = 1\n    def f(self):\n        return self.x\n").unwrap();
        let StmtKind::ClassDef(c) = &m.body[0].kind else { panic!() };
        assert_eq!((c.name.as_str(), c.bases.len(), c.body.len()), ("A", 1, 2));
    }

    #[test]
    fn converts_a_function() {
        let m = parse("def f(a, b=2):\n    return a + b\nprint(f(1))\n").unwrap();
        assert_eq!(m.body.len(), 2);
        let StmtKind::FunctionDef(def) = &m.body[0].kind else { panic!() };
        assert_eq!(def.name, "f");
        assert_eq!(def.params.len(), 2);
        assert!(def.params[1].default.is_some());
    }

    #[test]
    fn syntax_error_is_a_diagnostic() {
        let errs = parse("x = (1,\n").unwrap_err();
        assert_eq!(errs[0].kind, crate::diag::DiagKind::Syntax);
    }

    #[test]
    fn unsupported_construct_is_refused_with_its_span() {
        let errs = parse("x = 1\nmatch x:\n    case 1:\n        pass\n").unwrap_err();
        assert_eq!(errs[0].kind, crate::diag::DiagKind::Unsupported);
        assert_eq!(errs[0].span.start, 6);
    }
}
