//! py2rust's own Python AST: what the front end produces and every later pass reads.
//!
//! Architecture invariant: only `frontend` knows the parser crate; this AST is ours, so the
//! parser can be replaced without touching the passes. Every expression has an [`ExprId`]
//! (dense, per module) so later passes can keep side tables (types, symbols) indexed by it.

use crate::source::Span;
use num_bigint::BigInt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

#[derive(Clone, Debug)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// How many expression ids were handed out (side tables are this long).
    pub expr_count: u32,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    FunctionDef(FunctionDef),
    ClassDef(ClassDef),
    Return(Option<Expr>),
    /// `a = b = value`: targets left to right.
    Assign { targets: Vec<Expr>, value: Expr },
    AugAssign { target: Expr, op: BinOp, value: Expr },
    /// `x: T = v` (the annotation is only a hint).
    AnnAssign { target: Expr, annotation: Expr, value: Option<Expr> },
    For { target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Expr(Expr),
    Pass,
    Break,
    Continue,
    /// `import a.b as c`: (dotted module name, alias).
    Import(Vec<(String, Option<String>)>),
    /// `from m import a as b`: module, (name, alias).
    ImportFrom { module: String, names: Vec<(String, Option<String>)> },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Try { body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt> },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise { exc: Option<Expr>, cause: Option<Expr> },
    Assert { test: Expr, msg: Option<Expr> },
    /// `del a[i], b[j:k]`.
    Delete(Vec<Expr>),
    /// `with a as x, b:` (one item per manager, outermost first).
    With { items: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt> },
}

/// An `except` clause.
#[derive(Clone, Debug)]
pub struct Handler {
    /// The exception class (or tuple of classes); `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ClassDef {
    pub name: String,
    pub bases: Vec<Expr>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    /// The span of the `class Name(...)` header.
    pub header: Span,
}

#[derive(Clone, Debug)]
pub struct FunctionDef {
    pub name: String,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    /// The span of the `def name(...)` header, for diagnostics and tracebacks.
    pub header: Span,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub annotation: Option<Expr>,
    pub span: Span,
    pub kind: ParamKind,
}

/// How a parameter receives its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// By position or by keyword.
    Positional,
    /// `*args`: the extra positional arguments, as a tuple.
    VarArgs,
    /// After `*` or `*args`: by keyword only.
    KeywordOnly,
    /// `**kwargs`: the extra keyword arguments, as a dict.
    VarKeywords,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: ExprId,
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Int(BigInt),
    Float(f64),
    Str(String),
    Bool(bool),
    None,
    Name(String),
    BinOp { op: BinOp, left: Box<Expr>, right: Box<Expr> },
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `a and b and c` / `a or b`.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `a < b <= c`: `left`, then (op, right) pairs.
    Compare { left: Box<Expr>, ops: Vec<(CmpOp, Expr)> },
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    Lambda { params: Vec<Param>, body: Box<Expr> },
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    /// `(elt for x in xs if c)`.
    GenExp { elt: Box<Expr>, generators: Vec<Comprehension> },
    Dict(Vec<(Expr, Expr)>),
    Set(Vec<Expr>),
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension> },
    SetComp { elt: Box<Expr>, generators: Vec<Comprehension> },
    Subscript { value: Box<Expr>, index: Box<Expr> },
    Attribute { value: Box<Expr>, attr: String },
    /// An f-string: literal text and formatted values, in order.
    FString(Vec<FStringPart>),
    /// `a:b:c`, only as a subscript's index.
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>>, step: Option<Box<Expr>> },
    /// `*xs`, as a call argument or an assignment target (`a, *rest = xs`).
    Starred(Box<Expr>),
    /// `yield value` (a generator function's suspension point).
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
}

#[derive(Clone, Debug)]
pub struct Keyword {
    /// The parameter's name; `**` for a `**mapping` argument.
    pub name: String,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub enum FStringPart {
    Literal(String),
    Value { value: Expr, conversion: Conversion, spec: Vec<FStringPart> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

impl BinOp {
    /// The Python spelling, for messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

impl Keyword {
    /// A `**mapping` argument.
    pub fn is_unpacking(&self) -> bool {
        self.name == "**"
    }
}

/// Calls `f` on every statement list nested in `stmts` (bodies of defs included), depth first.
pub fn walk_stmts<'a>(stmts: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in stmts {
        f(s);
        match &s.kind {
            StmtKind::FunctionDef(def) => walk_stmts(&def.body, f),
            StmtKind::For { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => {
                walk_stmts(body, f);
                walk_stmts(orelse, f);
            }
            StmtKind::With { body, .. } => walk_stmts(body, f),
            StmtKind::ClassDef(c) => walk_stmts(&c.body, f),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                walk_stmts(body, f);
                for h in handlers {
                    walk_stmts(&h.body, f);
                }
                walk_stmts(orelse, f);
                walk_stmts(finalbody, f);
            }
            _ => {}
        }
    }
}

/// Whether a function body is a generator's: it has a `yield` of its own (not one of a nested
/// `def` or class). Statement-level yields are the only supported forms, and the only ones
/// looked for: a `yield` elsewhere is refused when lowered.
pub fn has_yield(stmts: &[Stmt]) -> bool {
    let is_yield = |e: &Expr| matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_));
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Expr(e) => is_yield(e),
        StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => is_yield(value),
        StmtKind::AnnAssign { value: Some(v), .. } => is_yield(v),
        StmtKind::Return(Some(v)) => is_yield(v),
        StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            has_yield(body) || has_yield(orelse)
        }
        StmtKind::With { body, .. } => has_yield(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            has_yield(body) || handlers.iter().any(|h| has_yield(&h.body)) || has_yield(orelse) || has_yield(finalbody)
        }
        _ => false,
    })
}
