//! The Rust-shaped IR that `lower` produces and `emit` prints: explicit clones, references,
//! coercions and error propagation, so that emitting is a direct mapping to Rust syntax.

use crate::types::Ty;

#[derive(Clone, Debug)]
pub struct Program {
    /// The Python file's path as the user gave it (tracebacks show it).
    pub file: String,
    pub source: String,
    pub funcs: Vec<Func>,
    /// Module globals that functions share, and class attributes: `thread_local!` cells.
    pub statics: Vec<Static>,
    /// One per class hierarchy.
    pub classes: Vec<ClassType>,
    /// User exception classes: `static EXC_X: ExcClass = ...`, bases first.
    pub exc_classes: Vec<ExcClassDef>,
    /// Generator functions' state machines.
    pub gens: Vec<GenDef>,
    pub module_body: Block,
}

/// A generator function's state machine: `enum NameGen { Start {..}, AtLine4 {..}, Done }`
/// and its `impl Generator` whose `resume` runs from one state to the next.
#[derive(Clone, Debug)]
pub struct GenDef {
    /// The generator function's id (`Ty::Gen(id)` is a `PyGen<enum>`).
    pub func: u32,
    pub name: String,
    pub py_name: String,
    /// Python's qualified name (`Class.method`, `outer.<locals>.inner`), for `repr`.
    pub qualname: String,
    pub line: u32,
    pub yield_ty: Ty,
    pub ret_ty: Ty,
    /// What `send` takes: `None` (`()`), a scalar, or `Dyn` (see `Types::sent`).
    pub sent_ty: Ty,
    /// `Start` first, then one per suspension point; `Done` is implicit.
    pub states: Vec<GenState>,
    /// The body of `resume(&mut self, input: Input<Sent>)`.
    pub resume: Block,
    /// The body cannot raise: iterated where it is made, it yields plain values.
    pub infallible: bool,
    /// `resume` is small and cannot resume itself: always inlined into the code that steps
    /// the generator (`#[inline(always)]`), so a consumer's loop runs the state machine inline.
    pub inline: bool,
    /// A recursive generator run flat (`lower/generators.rs`, `flat_points`): it implements
    /// `FlatGenerator`, and its objects are `PyGen<Flat<enum>>`.
    pub flat: bool,
}

#[derive(Clone, Debug)]
pub struct GenState {
    pub name: String,
    /// What the state is, for its doc comment (`suspended at `yield a` (line 4)`).
    pub doc: String,
    /// Exactly what is live across the suspension: locals, `for` iterators, the exception
    /// being handled, a `yield from`'s sub-iterator.
    pub fields: Vec<(String, FieldTy)>,
    /// The states resuming from here can reach (for `--emit states`); "Done" included.
    pub next: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldTy {
    Plain(Ty),
    /// A variable Python may read unbound: `Option<T>`.
    Optional(Ty),
    /// `yield from` over a plain iterable of this item type: `DelegateIter<PyIter<T>>`.
    DelegateIter(Ty),
    /// `yield from` over a value known only at run time (a generator gets the whole protocol):
    /// `DelegateValue`.
    DelegateValue,
    /// How the protected part of a `try` ended, while its `finally` runs: `Completion<R>`.
    Completion(Ty),
    /// A variable of an enclosing function, shared with it: `PyCell<T>`.
    Cell(Ty),
    /// The iterator of a `for` loop whose body pauses, by what it walks.
    ForIter(ForIter),
}

/// The iterator a generator keeps for a `for` loop across its pauses: unboxed where the
/// iterable's type says what it is.
#[derive(Clone, Debug, PartialEq)]
pub enum ForIter {
    /// Over a dynamic value: `ValueIter`, items `PyResult<Value>`.
    Values,
    /// Over a list: `PyListIter<T>`, items `T`.
    List(Ty),
    /// Over `range(...)`: `RangeIter`, items `Int`.
    Range,
    /// Anything else: a `PyIter<T>`, items `PyResult<T>`.
    Boxed(Ty),
}

impl ForIter {
    /// Whether its items are `PyResult`s.
    pub fn fallible(&self) -> bool {
        matches!(self, ForIter::Values | ForIter::Boxed(_))
    }
}

/// A user exception class: `static NAME: ExcClass = ExcClass { name, base };`.
#[derive(Clone, Debug)]
pub struct ExcClassDef {
    pub static_name: String,
    pub name: String,
    /// `ExcType::Builtin(Exc::Exception)` or `ExcType::Class(&EXC_BASE)`.
    pub base: Expr,
}

/// The Rust type of a class hierarchy: `type Point = Instance<PointData>;` with `PointData`
/// holding every attribute, and the runtime hooks for its dunder methods.
#[derive(Clone, Debug)]
pub struct ClassType {
    pub name: String,
    /// (tag, Python class name) of every class of the hierarchy.
    pub names: Vec<(u32, String)>,
    /// Attribute fields (Rust name, type); each is stored as an `Option`.
    pub fields: Vec<(String, Ty)>,
    /// (hook, [(tags, function)]): `str`, `repr`, `bool`, `eq` implementations by class.
    pub hooks: Vec<(String, Vec<(Vec<u32>, String)>)>,
    /// Methods callable on an instance held in a dynamic value: (name, body over `obj` and
    /// `args: Vec<Value>`, giving `PyResult<Value>`).
    pub dyn_methods: Vec<(String, Block)>,
    /// Attributes readable through a dynamic value: (Python name, Rust field or getter
    /// function, whether it is a getter).
    pub attrs: Vec<(String, String, bool)>,
    /// The fields of the machine-word version of an instance kept in place
    /// (`lower/attr_ranges.rs`), when there is one.
    pub small_fields: Option<Vec<(String, Ty)>>,
}

/// How a function takes its first parameter (a method's `self`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfParam {
    /// By value, like every other parameter.
    Owned,
    /// By reference (`self_: &T`).
    Ref,
    /// By mutable reference (an exception's `__init__`).
    Mut,
    /// An instance made and consumed on the spot, by mutable reference
    /// (`self_: &mut LocalInstance<RootData>`): see `lower/local_objects.rs`.
    Local,
    /// The same with machine-word attributes (`self_: &mut LocalInstance<RootSmallData>`):
    /// see `lower/attr_ranges.rs`.
    LocalSmall,
}

#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    /// The Python name, for the doc comment.
    pub py_name: String,
    pub line: u32,
    pub params: Vec<(String, Ty)>,
    pub ret: Ty,
    pub body: Block,
    /// How the first parameter is taken.
    pub self_param: SelfParam,
    /// Variables of enclosing functions, received first as shared cells (`count: &PyCell<T>`).
    pub captures: Vec<(String, Ty)>,
}

#[derive(Clone, Debug)]
pub struct Static {
    pub name: String,
    pub ty: Ty,
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub tail: Option<Box<Expr>>,
}

impl Block {
    pub fn new(stmts: Vec<Stmt>) -> Block {
        Block { stmts, tail: None }
    }

    pub fn with_tail(stmts: Vec<Stmt>, tail: Expr) -> Block {
        Block { stmts, tail: Some(Box::new(tail)) }
    }
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let [mut] name[: ty] [= init];` (`optional`: the variable may be unbound, stored as
    /// `Option<ty>`).
    Let { name: String, ty: Option<Ty>, init: Option<Expr>, mutable: bool, optional: bool },
    /// `let pattern = value;`
    LetPat { pat: Pat, value: Expr },
    /// `let pattern = value else { els };` (`els` diverges).
    LetElse { pat: Pat, value: Expr, els: Block },
    Assign { place: Expr, value: Expr },
    /// `place op= value;` for Rust's compound assignment operators.
    CompoundAssign { place: Expr, op: BinOp, value: Expr },
    Expr(Expr),
    If { cond: Expr, then: Block, els: Option<Block> },
    While { label: Option<String>, cond: Expr, body: Block },
    Loop { label: Option<String>, body: Block },
    For { label: Option<String>, pat: Pat, iter: Expr, body: Block },
    /// `'label: { ... }` (a loop's `else` runs at its end; `break 'label` skips it).
    Labeled { label: String, body: Block },
    Break(Option<String>),
    Continue(Option<String>),
    Return(Expr),
    /// `break 'label value;` (leaving a labeled block with a value).
    BreakWith(String, Expr),
    /// `match value { pattern => block, ... }`.
    Match { value: Expr, arms: Vec<(Pat, Block)> },
}

#[derive(Clone, Debug)]
pub enum Pat {
    Ident(String),
    /// `mut name`.
    Mut(String),
    Tuple(Vec<Pat>),
    /// `Path` or `Path(p, ...)`, e.g. `Completion::Return(value)`, `Err(err)`.
    Variant(String, Vec<Pat>),
    /// `_`.
    Wild,
    /// `0 | 2 | 5`.
    Ints(Vec<u32>),
    /// `Path { field: pat, ... }` (a struct-like enum variant, every field named).
    Struct(String, Vec<(String, Pat)>),
    /// `Path { field: pat, .. }`: some of its fields (by reference when matching a reference).
    StructRest(String, Vec<(String, Pat)>),
}

/// Where an exception raised inside a `try` goes: its labeled block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catch {
    pub label: String,
    /// The block yields a `Completion` (a `finally` follows) rather than a `PyResult<()>`.
    pub completion: bool,
}

impl Catch {
    /// The value that leaves the block with error `err`.
    pub fn wrap(&self, err: Expr) -> Expr {
        let ctor = if self.completion { "Completion::Raise" } else { "Err" };
        Expr::call(ctor, vec![err])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    BitAnd,
    BitOr,
    BitXor,
    Shr,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Not,
    Neg,
}

#[derive(Clone, Debug)]
pub enum Expr {
    /// `Int::Small(n)`.
    Int(i64),
    /// `Int::big("digits")` for literals beyond i64.
    BigInt(String),
    Float(f64),
    Bool(bool),
    /// `PyStr::from("...")`.
    Str(String),
    /// A Rust `&'static str` literal.
    StrLit(String),
    Unit,
    Var(String),
    /// A path such as `Value::None` or `print`.
    Path(String),
    Call(Box<Expr>, Vec<Expr>),
    Method(Box<Expr>, String, Vec<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `start..end`.
    Range(Box<Expr>, Box<Expr>),
    Ref(Box<Expr>),
    /// An iterator made in one of two versions (`lower/attr_ranges.rs`): after `setup`, `small`
    /// when `test` holds, else `usual`. As a value, a `Versioned` enum; as what a `for` loop
    /// iterates, the loop itself is written twice, once over each (so that each version's
    /// state lives in registers).
    Versions { setup: Vec<Stmt>, test: Box<Expr>, small: Box<Expr>, usual: Box<Expr> },
    /// `expr as ty` (for `bool as u8 as f64` style conversions).
    Cast(Box<Expr>, &'static str),
    /// `expr.at("func", line)?`: propagate a Python exception, recording the frame. Inside a
    /// `try` the error goes to the handlers instead: `match .. { Err(e) => break 'label .. }`.
    Try { expr: Box<Expr>, func: String, line: u32, catch: Option<Catch> },
    /// `expr?` without a frame (the error already carries this frame's line).
    Question(Box<Expr>),
    Block(Block),
    If(Box<Expr>, Block, Block),
    Tuple(Vec<Expr>),
    Field(Box<Expr>, usize),
    /// `[a, b, c]`.
    Array(Vec<Expr>),
    /// `vec![a, b, c]`.
    Vec(Vec<Expr>),
    /// `Ok(expr)`.
    Ok(Box<Expr>),
    /// `|params| body` (parameters untyped).
    Closure(Vec<Pat>, Box<Expr>),
    /// `Completion::<R>::Normal`: the value a `try` with `finally` ends with normally.
    CompletionNormal(Ty),
    /// `'label: { ... }` as an expression.
    LabeledBlock(String, Block),
    /// `<ty>::method(args)`: an associated function of a concrete type.
    TypedCall(Ty, String, Vec<Expr>),
    /// `expr.name`.
    NamedField(Box<Expr>, String),
    /// `expr[i]` with a constant index (a Rust `Vec`).
    Index(Box<Expr>, usize),
    /// `match expr { pat => block, ... }` as an expression.
    MatchExpr(Box<Expr>, Vec<(Pat, Block)>),
    /// `&mut expr`.
    RefMut(Box<Expr>),
    /// `move || body` (a closure owning what it captures).
    MoveClosure(Box<Expr>),
    /// `move |params| body` (a closure owning what it captures: a lazy iterator's callback).
    MoveClosureWith(Vec<Pat>, Box<Expr>),
    /// `*expr`.
    Deref(Box<Expr>),
    /// A plain Rust integer literal (a line number, a radix).
    RawInt(i64),
    /// An `i64` literal with its type written out (`5i64`), where nothing else would make it
    /// one (Rust would take an `i32`).
    I64(i64),
    /// `<T as FromValue>::from_value(expr)`: unboxing a `Value` (fallible).
    FromValue(Box<Expr>, Ty),
    /// `Input::<T>::Next`: resuming with `next` a generator (or `yield from` iterable) whose
    /// `send` takes `T`, where Rust cannot infer `T`.
    NextInput(Ty),
    /// `Path { field: value, .. }` (a struct-like enum variant).
    Struct(String, Vec<(String, Expr)>),
    /// `move |params| body` (a closure owning what it captures).
    MoveFn(Vec<Pat>, Box<Expr>),
    /// `PyCell::<T>::unbound()`, or `PyCell::new(value)`: a variable closures share.
    NewCell(Ty, Option<Box<Expr>>),
}

impl Expr {
    pub fn call(path: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(Box::new(Expr::Path(path.to_string())), args)
    }

    pub fn method(self, name: &str, args: Vec<Expr>) -> Expr {
        Expr::Method(Box::new(self), name.to_string(), args)
    }

    pub fn reference(self) -> Expr {
        Expr::Ref(Box::new(self))
    }

    pub fn binary(op: BinOp, l: Expr, r: Expr) -> Expr {
        Expr::Binary(op, Box::new(l), Box::new(r))
    }

    pub fn not(self) -> Expr {
        Expr::Unary(UnOp::Not, Box::new(self))
    }

    /// Whether evaluating this has no side effects (so it may be skipped or repeated).
    pub fn is_pure(&self) -> bool {
        match self {
            Expr::Int(_) | Expr::BigInt(_) | Expr::Float(_) | Expr::Bool(_) | Expr::Str(_) | Expr::StrLit(_) | Expr::Unit | Expr::Var(_) | Expr::Path(_) => true,
            Expr::Ref(e) | Expr::Field(e, _) => e.is_pure(),
            Expr::Method(recv, name, args) if name == "clone" && args.is_empty() => recv.is_pure(),
            _ => false,
        }
    }
}
