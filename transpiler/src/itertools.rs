//! The `itertools` module: which calls are itertools calls, and their arguments by parameter.
//! Read by `infer` (element types) and `lower` (runtime calls); both agree through [`arrange`].
//!
//! Unlike the functions of [`crate::modules`], these take iterables (lowered by the machinery
//! `for` loops use) and functions (lowered as closures, see `lower/callables.rs`), and return
//! lazy iterators (`Ty::Iter`, the runtime's `PyIter`).

use crate::ast::{Expr, ExprKind, Keyword};
use crate::resolve::{Binding, Resolution};

/// The functions `from itertools import ...` accepts.
pub const FUNCTIONS: &[&str] = &[
    "count", "islice", "chain", "takewhile", "dropwhile", "accumulate", "zip_longest", "product", "permutations",
    "combinations", "groupby", "cycle", "repeat", "tee",
];

/// The itertools function a call's callee names (`count`, `itertools.count`,
/// `chain.from_iterable`, `itertools.chain.from_iterable`).
pub fn callee(res: &Resolution, func: &Expr) -> Option<&'static str> {
    let direct = |e: &Expr| -> Option<&'static str> {
        match &e.kind {
            ExprKind::Name(_) => match res.names.get(&e.id) {
                Some(Binding::Imported(m, n)) if m == "itertools" => FUNCTIONS.iter().copied().find(|f| f == n),
                _ => None,
            },
            ExprKind::Attribute { value, attr } => match (&value.kind, res.names.get(&value.id)) {
                (ExprKind::Name(_), Some(Binding::Module(m))) if m == "itertools" => FUNCTIONS.iter().copied().find(|f| f == attr),
                _ => None,
            },
            _ => None,
        }
    };
    if let ExprKind::Attribute { value, attr } = &func.kind {
        if attr == "from_iterable" && direct(value) == Some("chain") {
            return Some("chain.from_iterable");
        }
    }
    direct(func)
}

/// A call's arguments by role: the iterables (in order) and the other parameters by name.
#[derive(Debug)]
pub struct Args<'a> {
    pub iterables: Vec<&'a Expr>,
    pub named: Vec<(&'static str, &'a Expr)>,
}

impl<'a> Args<'a> {
    pub fn get(&self, name: &str) -> Option<&'a Expr> {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }

    /// An argument given as Python's `None` counts as not given (the default).
    pub fn given(&self, name: &str) -> Option<&'a Expr> {
        self.get(name).filter(|e| !matches!(e.kind, ExprKind::None))
    }
}

/// Puts the arguments of `itertools.name(...)` in their roles, or says why the call is refused
/// (CPython's `TypeError`s for wrong argument counts, keywords the function does not take).
pub fn arrange<'a>(name: &str, args: &'a [Expr], keywords: &'a [Keyword]) -> Result<Args<'a>, String> {
    // (positional parameters, keyword-capable parameters, whether all positionals are iterables)
    let (params, keyword_ok, varargs): (&[&'static str], &[&'static str], bool) = match name {
        "count" => (&["start", "step"], &["start", "step"], false),
        "islice" => (&["iterable", "start", "stop", "step"], &[], false),
        "chain" => (&[], &[], true),
        "chain.from_iterable" => (&["iterable"], &[], false),
        "takewhile" | "dropwhile" => (&["predicate", "iterable"], &[], false),
        "accumulate" => (&["iterable", "func"], &["iterable", "func", "initial"], false),
        "zip_longest" => (&[], &["fillvalue"], true),
        "product" => (&[], &["repeat"], true),
        "permutations" => (&["iterable", "r"], &["iterable", "r"], false),
        "combinations" => (&["iterable", "r"], &["iterable", "r"], false),
        "groupby" => (&["iterable", "key"], &["iterable", "key"], false),
        "cycle" => (&["iterable"], &[], false),
        "repeat" => (&["object", "times"], &["object", "times"], false),
        "tee" => (&["iterable", "n"], &[], false),
        _ => return Err(format!("`itertools.{name}` is not supported yet")),
    };
    let mut out = Args { iterables: Vec::new(), named: Vec::new() };
    if varargs {
        out.iterables = args.iter().collect();
    } else {
        if args.len() > params.len() {
            return Err(format!("{name}() takes at most {} positional arguments", params.len()));
        }
        let positional: Vec<&'static str> = if name == "islice" && args.len() == 2 {
            vec!["iterable", "stop"]
        } else {
            params[..args.len()].to_vec()
        };
        for (p, a) in positional.into_iter().zip(args) {
            out.named.push((p, a));
        }
    }
    for k in keywords {
        let Some(p) = keyword_ok.iter().find(|p| **p == k.name) else {
            return Err(format!("{name}() got an unexpected keyword argument '{}'", k.name));
        };
        if out.get(p).is_some() {
            return Err(format!("{name}() got multiple values for argument '{p}'"));
        }
        out.named.push((p, &k.value));
    }
    if let Some(pos) = out.named.iter().position(|(n, _)| *n == "iterable") {
        let (_, it) = out.named.remove(pos);
        out.iterables.push(it);
    }
    let required: &[&str] = match name {
        "islice" => &["stop"],
        "takewhile" | "dropwhile" => &["predicate"],
        "combinations" => &["r"],
        "repeat" => &["object"],
        _ => &[],
    };
    for r in required {
        if out.get(r).is_none() {
            return Err(format!("{name}() missing required argument '{r}'"));
        }
    }
    let needs_iterable = !varargs && params.contains(&"iterable");
    if needs_iterable && out.iterables.is_empty() {
        return Err(format!("{name}() missing required argument 'iterable'"));
    }
    Ok(out)
}
