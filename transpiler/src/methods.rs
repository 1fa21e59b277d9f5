//! Methods of builtin types (`str`, `list`) that map one-to-one onto runtime methods: one table,
//! read by `infer` (result types, what flows into a list) and `lower` (how to call them).

use crate::types::Ty;

/// How an argument is passed to the runtime method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// `&Int`.
    Int,
    /// `&PyStr`.
    Str,
    /// `bool`: the argument's truthiness (an int or bool flag such as `keepends`).
    Bool,
    /// `Option<&PyStr>` (absent: `None`).
    OptStr,
    /// `Option<&Int>` (absent or `None`: `None`), e.g. the `start`/`end` of `str.find`.
    OptInt,
    /// The list's element, owned (it flows into the list).
    Elem,
    /// `&T` of the list's element type (a dict's key type, a set's element type).
    ElemRef,
    /// A dict's value, owned.
    Value,
    /// `&Self`: another container of the same type.
    SameRef,
}

/// The result type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    None,
    Int,
    Bool,
    Str,
    ListOfStr,
    /// `(str, str, str)` (`partition`).
    StrTriple,
    /// The list's element type.
    Elem,
    /// A list of the receiver's type.
    SameList,
    /// A dict's value type.
    Value,
    /// A dict's (key, value) pair.
    Pair,
}

#[derive(Clone, Copy, Debug)]
pub struct Method {
    /// The runtime method's name.
    pub rust: &'static str,
    pub args: &'static [Arg],
    /// How many of `args` may be left out (trailing `OptStr`s).
    pub optional: usize,
    pub ret: Ret,
    pub fallible: bool,
}

const fn m(rust: &'static str, args: &'static [Arg], optional: usize, ret: Ret, fallible: bool) -> Method {
    Method { rust, args, optional, ret, fallible }
}

/// The method `name` of a `str` called with `nargs` arguments.
pub fn str_method(name: &str, nargs: usize) -> Option<Method> {
    use Arg::*;
    let found = match (name, nargs) {
        ("upper" | "lower" | "swapcase" | "capitalize" | "title", _) => m(static_name(name), &[], 0, Ret::Str, false),
        ("strip" | "lstrip" | "rstrip", _) => m(static_name(name), &[OptStr], 1, Ret::Str, false),
        ("split", 0 | 1) => m("split", &[OptStr], 1, Ret::ListOfStr, true),
        ("split", _) => m("split_n", &[OptStr, Int], 0, Ret::ListOfStr, true),
        ("rsplit", 0 | 1) => m("rsplit_all", &[OptStr], 1, Ret::ListOfStr, true),
        ("rsplit", _) => m("rsplit_n", &[OptStr, Int], 0, Ret::ListOfStr, true),
        ("splitlines", 0) => m("splitlines_plain", &[], 0, Ret::ListOfStr, false),
        ("splitlines", _) => m("splitlines", &[Bool], 0, Ret::ListOfStr, false),
        ("partition" | "rpartition", _) => m(static_name(name), &[Str], 0, Ret::StrTriple, true),
        ("startswith" | "endswith", 0 | 1) => m(static_name(name), &[Str], 0, Ret::Bool, false),
        ("startswith", _) => m("startswith_range", &[Str, OptInt, OptInt], 1, Ret::Bool, false),
        ("endswith", _) => m("endswith_range", &[Str, OptInt, OptInt], 1, Ret::Bool, false),
        ("find", 2..) => m("find_range", &[Str, OptInt, OptInt], 1, Ret::Int, false),
        ("rfind", 2..) => m("rfind_range", &[Str, OptInt, OptInt], 1, Ret::Int, false),
        ("count", 2..) => m("count_range", &[Str, OptInt, OptInt], 1, Ret::Int, false),
        ("index", 2..) => m("index_range", &[Str, OptInt, OptInt], 1, Ret::Int, true),
        ("rindex", 2..) => m("rindex_range", &[Str, OptInt, OptInt], 1, Ret::Int, true),
        ("removeprefix" | "removesuffix", _) => m(static_name(name), &[Str], 0, Ret::Str, false),
        ("istitle" | "isprintable" | "isascii", _) => m(static_name(name), &[], 0, Ret::Bool, false),
        ("expandtabs", _) => m("expandtabs", &[OptInt], 1, Ret::Str, true),
        ("replace", 0..=2) => m("replace", &[Str, Str], 0, Ret::Str, false),
        ("replace", _) => m("replace_n", &[Str, Str, Int], 0, Ret::Str, true),
        ("find" | "rfind" | "count", _) => m(static_name(name), &[Str], 0, Ret::Int, false),
        ("index" | "rindex", _) => m(static_name(name), &[Str], 0, Ret::Int, true),
        ("isdigit" | "isalpha" | "isalnum" | "isspace" | "isupper" | "islower" | "isdecimal" | "isnumeric", _) => {
            m(static_name(name), &[], 0, Ret::Bool, false)
        }
        ("ljust" | "rjust" | "center", _) => m(static_name(name), &[Int, OptStr], 1, Ret::Str, true),
        ("zfill", _) => m("zfill", &[Int], 0, Ret::Str, true),
        _ => return None,
    };
    arity_ok(&found, nargs).then_some(found)
}

/// The position of the keyword argument `keyword` of the `str` method `name` (most str methods
/// take positional arguments only).
pub fn str_keyword(name: &str, keyword: &str) -> Option<usize> {
    match (name, keyword) {
        ("split" | "rsplit", "sep") => Some(0),
        ("split" | "rsplit", "maxsplit") => Some(1),
        ("splitlines", "keepends") => Some(0),
        ("expandtabs", "tabsize") => Some(0),
        _ => None,
    }
}

/// The arguments of a call in parameter order: the positional ones, then each keyword at its
/// parameter's position (`position` of a keyword's name), with gaps where a parameter is left
/// out. `None` when a keyword is not a parameter or repeats one.
pub fn arg_slots<'a, T>(args: &'a [T], keywords: impl IntoIterator<Item = (&'a str, &'a T)>, position: impl Fn(&str) -> Option<usize>) -> Option<Vec<Option<&'a T>>> {
    let mut slots: Vec<Option<&T>> = args.iter().map(Some).collect();
    for (name, value) in keywords {
        let i = position(name)?;
        if slots.len() <= i {
            slots.resize(i + 1, None);
        }
        if slots[i].is_some() {
            return None;
        }
        slots[i] = Some(value);
    }
    Some(slots)
}

/// The method `name` of a `list` called with `nargs` arguments.
pub fn list_method(name: &str, nargs: usize) -> Option<Method> {
    use Arg::*;
    let found = match (name, nargs) {
        ("append", _) => m("append", &[Elem], 0, Ret::None, false),
        ("insert", _) => m("insert", &[Int, Elem], 0, Ret::None, true),
        ("pop", 0) => m("pop", &[], 0, Ret::Elem, true),
        ("pop", _) => m("pop_at", &[Int], 0, Ret::Elem, true),
        ("remove", _) => m("remove", &[ElemRef], 0, Ret::None, true),
        ("index", _) => m("index", &[ElemRef], 0, Ret::Int, true),
        ("count", _) => m("count", &[ElemRef], 0, Ret::Int, false),
        ("reverse", _) => m("reverse", &[], 0, Ret::None, false),
        ("clear", _) => m("clear", &[], 0, Ret::None, false),
        ("copy", _) => m("copy", &[], 0, Ret::SameList, false),
        ("sort", _) => m("sort", &[], 0, Ret::None, true),
        _ => return None,
    };
    arity_ok(&found, nargs).then_some(found)
}

/// The method `name` of a `dict` called with `nargs` arguments (`get` is special: its result
/// may be `None`).
pub fn dict_method(name: &str, nargs: usize) -> Option<Method> {
    use Arg::*;
    let found = match (name, nargs) {
        ("pop", 1) => m("pop", &[ElemRef], 0, Ret::Value, true),
        ("pop", _) => m("pop_or", &[ElemRef, Value], 0, Ret::Value, true),
        ("setdefault", _) => m("setdefault", &[Elem, Value], 0, Ret::Value, true),
        ("update", _) => m("update", &[SameRef], 0, Ret::None, true),
        ("clear", _) => m("clear", &[], 0, Ret::None, false),
        ("copy", _) => m("copy", &[], 0, Ret::SameList, false),
        ("popitem", _) => m("popitem", &[], 0, Ret::Pair, true),
        _ => return None,
    };
    arity_ok(&found, nargs).then_some(found)
}

/// The method `name` of a `set` called with `nargs` arguments.
pub fn set_method(name: &str, nargs: usize) -> Option<Method> {
    use Arg::*;
    let found = match name {
        "add" => m("add", &[Elem], 0, Ret::None, true),
        "discard" => m("discard", &[ElemRef], 0, Ret::None, true),
        "remove" => m("remove", &[ElemRef], 0, Ret::None, true),
        "pop" => m("pop", &[], 0, Ret::Elem, true),
        "clear" => m("clear", &[], 0, Ret::None, false),
        "copy" => m("copy", &[], 0, Ret::SameList, false),
        "union" | "intersection" | "difference" | "symmetric_difference" => m(set_name(name), &[SameRef], 0, Ret::SameList, false),
        "update" | "intersection_update" | "difference_update" | "symmetric_difference_update" => m(set_name(name), &[SameRef], 0, Ret::None, false),
        "issubset" | "issuperset" | "isdisjoint" => m(set_name(name), &[SameRef], 0, Ret::Bool, false),
        _ => return None,
    };
    arity_ok(&found, nargs).then_some(found)
}

fn set_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "union", "intersection", "difference", "symmetric_difference", "update", "intersection_update",
        "difference_update", "symmetric_difference_update", "issubset", "issuperset", "isdisjoint",
    ];
    NAMES.iter().copied().find(|n| *n == name).unwrap_or("")
}

/// The method a set operator calls: `a | b` is `a.union(&b)`.
pub fn set_operator(op: crate::ast::BinOp) -> Option<&'static str> {
    use crate::ast::BinOp::*;
    Some(match op {
        BitOr => "union",
        BitAnd => "intersection",
        Sub => "difference",
        BitXor => "symmetric_difference",
        _ => return None,
    })
}

fn arity_ok(m: &Method, nargs: usize) -> bool {
    nargs <= m.args.len() && nargs + m.optional >= m.args.len()
}

/// Python's method names that are also the runtime's (all of the above but a few).
fn static_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "upper", "lower", "swapcase", "strip", "lstrip", "rstrip", "startswith", "endswith", "find", "rfind", "count",
        "index", "rindex", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isdecimal", "isnumeric",
        "ljust", "rjust", "center", "capitalize", "title", "partition", "rpartition", "removeprefix", "removesuffix",
        "istitle", "isprintable", "isascii",
    ];
    NAMES.iter().copied().find(|n| *n == name).unwrap_or("")
}

/// The Python type a method's result has, given the receiver's type.
pub fn ret_ty(ret: Ret, recv: &Ty) -> Ty {
    match ret {
        Ret::None => Ty::None,
        Ret::Int => Ty::Int,
        Ret::Bool => Ty::Bool,
        Ret::Str => Ty::Str,
        Ret::ListOfStr => Ty::List(Box::new(Ty::Str)),
        Ret::StrTriple => Ty::Tuple(vec![Ty::Str; 3]),
        Ret::Elem => match recv {
            Ty::List(e) | Ty::Set(e) | Ty::Dict(e, _) => (**e).clone(),
            _ => Ty::Dyn,
        },
        Ret::SameList => recv.clone(),
        Ret::Value => match recv {
            Ty::Dict(_, v) => (**v).clone(),
            _ => Ty::Dyn,
        },
        Ret::Pair => match recv {
            Ty::Dict(k, v) => Ty::Tuple(vec![(**k).clone(), (**v).clone()]),
            _ => Ty::Dyn,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arity_selects_the_overload() {
        assert_eq!(list_method("pop", 0).unwrap().rust, "pop");
        assert_eq!(list_method("pop", 1).unwrap().rust, "pop_at");
        assert!(str_method("strip", 0).is_some() && str_method("strip", 1).is_some());
        assert!(str_method("replace", 1).is_none());
        assert_eq!(str_method("isdigit", 0).unwrap().rust, "isdigit");
    }
}
