//! The standard-library modules py2rust supports: one table from `module.attribute` to the
//! runtime function or constant that implements it, read by `resolve` (what may be imported),
//! `infer` (result types) and `lower` (how to call it).

use crate::types::Ty;

/// How an argument is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    Owned,
    Ref,
}

/// A call of a module function: the runtime function, the type each argument is converted to
/// and how it is passed, the result type, and whether it can raise.
#[derive(Clone, Debug)]
pub struct ModCall {
    pub rust: &'static str,
    pub args: Vec<(Ty, Pass)>,
    pub ret: Ty,
    pub fallible: bool,
}

/// A module constant (`math.pi`): a runtime path (or a function called with no arguments).
#[derive(Clone, Debug)]
pub struct ModConst {
    pub rust: &'static str,
    pub ty: Ty,
    /// `rust` is a function to call (`os.sep` may be computed), not a constant.
    pub call: bool,
}

/// Modules `import` accepts.
pub const MODULES: &[&str] = &["sys", "math", "typing", "dataclasses", "__future__", "collections.abc"];

pub fn is_module(name: &str) -> bool {
    MODULES.contains(&name)
}

/// Modules whose names matter only to annotations and decorators (anything may be imported).
pub fn is_annotation_module(name: &str) -> bool {
    matches!(name, "typing" | "__future__" | "collections.abc")
}

/// `module.name(args)` with arguments of these types.
pub fn call(module: &str, name: &str, args: &[Ty]) -> Option<ModCall> {
    let num = |t: &Ty| matches!(t, Ty::Int | Ty::Float | Ty::Bool);
    let f = |rust: &'static str, args: Vec<(Ty, Pass)>, ret: Ty, fallible: bool| Some(ModCall { rust, args, ret, fallible });
    match (module, name, args) {
        ("math", "sqrt", [a]) if num(a) => f("math_sqrt", vec![(Ty::Float, Pass::Owned)], Ty::Float, true),
        _ => None,
    }
}

/// `module.name` as a value.
pub fn constant(module: &str, name: &str) -> Option<ModConst> {
    let c = |rust: &'static str, ty: Ty| Some(ModConst { rust, ty, call: false });
    match (module, name) {
        ("math", "pi") => c("MATH_PI", Ty::Float),
        ("math", "e") => c("MATH_E", Ty::Float),
        _ => None,
    }
}

/// Whether `from module import name` is supported.
pub fn exports(module: &str, name: &str) -> bool {
    is_annotation_module(module) || (module, name) == ("dataclasses", "dataclass") || constant(module, name).is_some() || has_function(module, name)
}

/// Whether the module has a function of this name (for any arguments).
pub fn has_function(module: &str, name: &str) -> bool {
    const ANY: &[&[Ty]] = &[&[], &[Ty::Int], &[Ty::Float], &[Ty::Int, Ty::Int], &[Ty::Float, Ty::Float], &[Ty::Dyn], &[Ty::Dyn, Ty::Dyn], &[Ty::Str]];
    ANY.iter().any(|args| call(module, name, args).is_some())
}
