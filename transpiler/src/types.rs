//! The type lattice inference works in, and the concrete types later passes read.

use crate::resolve::{ClassId, FuncId};

/// A concrete Python type as the code generator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// No value reaches here (yet): the bottom of the lattice.
    Never,
    Int,
    Float,
    Bool,
    Str,
    None,
    List(Box<Ty>),
    Dict(Box<Ty>, Box<Ty>),
    Set(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A lazy iterator with this item type (`enumerate(...)`, `iter(xs)`).
    Iter(Box<Ty>),
    /// A `range` object (the runtime's `PyRange`; a `for` over `range(...)` never makes one).
    Range,
    /// A module-level function, called directly.
    Func(FuncId),
    /// A generator object of this generator function (the runtime's `PyGen` over the
    /// function's state-machine enum).
    Gen(FuncId),
    /// An imported module such as `sys`.
    Module(String),
    /// An exception instance (`except E as e`, `ValueError("x")`): the runtime's `PyErr`.
    Exc,
    /// An instance of a user class, by the root of its hierarchy (all classes of one hierarchy
    /// share one Rust type).
    Obj(ClassId),
    /// A user class itself, as a value (`Point`, `cls`).
    Class(ClassId),
    /// An open text file (the runtime's `PyFile`).
    File,
    /// `None` or a value of this scalar type (`int`, `float`, `bool`, `str`): what a `yield`
    /// receives when every `send` passes that type, as `next()` gives `None` (Rust's `Option`).
    /// Only variables and the operations that handle the `None` case exactly (arithmetic and
    /// comparisons, raising CPython's `TypeError`; `is None`) see this type; everywhere else
    /// such a value is read as a `Value`.
    Opt(Box<Ty>),
    /// The runtime's dynamic value: several types really meet here.
    Dyn,
    /// An `int` kept in a machine word (`i64`). Inference never produces it: only the lowering
    /// gives it to the variables it proves always fit (`lower/machine_ints.rs`).
    I64,
    /// A generator object held by one variable that only steps it (`acc = accumulator()`,
    /// `acc.send(x)`): owned there (`OwnedGen`). Only the lowering gives it, to such variables
    /// (`lower/owned_gens.rs`); everything else sees the variable as `Gen`.
    OwnedGen(crate::resolve::FuncId),
}

impl Ty {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool)
    }

    /// Values Rust copies implicitly (no `.clone()` needed).
    pub fn is_copy(&self) -> bool {
        matches!(self, Ty::Float | Ty::Bool | Ty::None | Ty::Never | Ty::I64)
    }

    /// The Python name, for messages.
    pub fn python_name(&self) -> String {
        match self {
            Ty::Never => "<nothing>".into(),
            Ty::Int | Ty::I64 => "int".into(),
            Ty::Float => "float".into(),
            Ty::Bool => "bool".into(),
            Ty::Str => "str".into(),
            Ty::None => "None".into(),
            Ty::List(t) => format!("list[{}]", t.python_name()),
            Ty::Dict(k, v) => format!("dict[{}, {}]", k.python_name(), v.python_name()),
            Ty::Set(t) => format!("set[{}]", t.python_name()),
            Ty::Tuple(ts) => format!("tuple[{}]", ts.iter().map(Ty::python_name).collect::<Vec<_>>().join(", ")),
            Ty::Iter(t) => format!("Iterator[{}]", t.python_name()),
            Ty::Func(_) => "function".into(),
            Ty::Gen(_) | Ty::OwnedGen(_) => "generator".into(),
            Ty::Range => "range".into(),
            Ty::Module(m) => format!("module {m}"),
            Ty::Exc => "BaseException".into(),
            Ty::Obj(_) => "object".into(),
            Ty::Class(_) => "type".into(),
            Ty::File => "TextIOWrapper".into(),
            Ty::Opt(t) => format!("{} | None", t.python_name()),
            Ty::Dyn => "object".into(),
        }
    }
}
