//! The standard-library modules py2rust supports: one table from `module.attribute` to the
//! runtime function or constant that implements it, read by `resolve` (what may be imported),
//! `infer` (result types) and `lower` (how to call it).
//!
//! A call `module.name(args)` goes through two steps, both here so `infer` and `lower` agree:
//! [`arrange`] puts positional and keyword arguments in parameter order (filling a parameter
//! skipped by keywords with its default), then [`call`] picks the runtime function for the
//! argument types: the type each argument is converted to and how it is passed, literal
//! arguments appended after them, and the result type.
//!
//! Exactness rules of the table: numbers go to `math_*` as they are (`impl MathArg` takes
//! `Int`, `f64`, `bool` and `Value`), so ints stay exact (`math.floor(10**30)`) and a `str`
//! raises CPython's `TypeError` from the runtime; functions whose parameter is an `int` in
//! CPython take `&Int`; a `str` that is only read is passed as `&str` or `&PyStr`.

use crate::types::Ty;

/// How an argument is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// By value (converted to the type first).
    Owned,
    /// `&x`.
    Ref,
    /// `x.as_str()`: a `&str` (the argument is a `str`).
    Str,
    /// An `Option<T>`: `None` when the argument is Python's `None`, else `Some(x)`.
    OptOwned,
    /// `Option<&T>`: `None`, or `Some(&x)`.
    OptRef,
    /// `Option<&str>`: `None`, or `Some(x.as_str())`.
    OptStr,
    /// Not passed: an argument the chosen runtime function does without (always a `None` or
    /// a default the runtime has no use for, such as `os.mkdir`'s `mode`); not evaluated.
    Skip,
}

impl Pass {
    /// An `Option` parameter (Python's `None` becomes Rust's `None`).
    pub fn is_optional(self) -> bool {
        matches!(self, Pass::OptOwned | Pass::OptRef | Pass::OptStr)
    }
}

/// A literal argument: a parameter's default or a constant the runtime function needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lit {
    /// Python's `None` (Rust `()` passed by value, `None` for an optional parameter).
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Lit {
    pub fn ty(&self) -> Ty {
        match self {
            Lit::None => Ty::None,
            Lit::Bool(_) => Ty::Bool,
            Lit::Int(_) => Ty::Int,
            Lit::Float(_) => Ty::Float,
        }
    }
}

/// How the result type relates to the arguments (`infer` keeps list element types shared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Exactly `ret`.
    Plain,
    /// An element of argument `i` (`random.choice(xs)` is an element of `xs`, same type).
    ElemOf(usize),
    /// A new list of elements of argument `i` (`random.sample(xs, k)`).
    ListOfElem(usize),
}

/// A call of a module function: the runtime function, the type each argument is converted to
/// and how it is passed, the result type, and whether it can raise.
#[derive(Clone, Debug)]
pub struct ModCall {
    pub rust: &'static str,
    /// One per argument, in parameter order (after [`arrange`]).
    pub args: Vec<(Ty, Pass)>,
    /// Literal arguments appended after `args` (defaults the runtime function wants spelled out).
    pub extra: Vec<(Lit, Pass)>,
    /// `args` are passed together as one slice `&[a, b, ...]` (variadic functions).
    pub packed: bool,
    pub ret: Ty,
    pub shape: Shape,
    /// The runtime function returns an `Option<T>` (or another `IntoValue`) that becomes a
    /// `Value` (`ret` is `Dyn`): `os.getenv` is a `str` or `None`.
    pub boxed: bool,
    pub fallible: bool,
}

impl ModCall {
    fn new(rust: &'static str, args: Vec<(Ty, Pass)>, ret: Ty, fallible: bool) -> ModCall {
        ModCall { rust, args, extra: Vec::new(), packed: false, ret, shape: Shape::Plain, boxed: false, fallible }
    }

    fn with(mut self, lit: Lit, pass: Pass) -> ModCall {
        self.extra.push((lit, pass));
        self
    }

    fn packed(mut self) -> ModCall {
        self.packed = true;
        self
    }

    fn shape(mut self, shape: Shape) -> ModCall {
        self.shape = shape;
        self
    }

    fn boxed(mut self) -> ModCall {
        self.boxed = true;
        self
    }
}

/// How a module constant is produced.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    /// A runtime constant (`MATH_PI`).
    Path(&'static str),
    /// A runtime function called without arguments (`sys_maxsize()`).
    Call(&'static str),
    /// A `str` literal (`os.sep`).
    Str(&'static str),
}

/// A module constant (`math.pi`).
#[derive(Clone, Debug)]
pub struct ModConst {
    pub value: ConstValue,
    pub ty: Ty,
}

/// Modules `import` accepts.
pub const MODULES: &[&str] =
    &["sys", "math", "random", "time", "os", "os.path", "tempfile", "typing", "dataclasses", "__future__", "collections.abc", "itertools", "collections", "functools", "io"];

pub fn is_module(name: &str) -> bool {
    MODULES.contains(&name)
}

/// Modules whose names matter only to annotations and decorators (anything may be imported).
pub fn is_annotation_module(name: &str) -> bool {
    matches!(name, "typing" | "__future__" | "collections.abc")
}

/// An attribute of a module that is itself a namespace of functions for the table:
/// `os.path.join(...)` calls `("os.path", "join")`, `os.environ.get(...)` calls
/// `("os.environ", "get")`, `sys.stdout.write(...)` calls `("sys.stdout", "write")`.
pub fn submodule(module: &str, attr: &str) -> Option<&'static str> {
    match (module, attr) {
        ("os", "path") => Some("os.path"),
        ("os", "environ") => Some("os.environ"),
        ("sys", "stdout") => Some("sys.stdout"),
        ("sys", "stderr") => Some("sys.stderr"),
        _ => None,
    }
}

/// The functions of each module (what `from module import name` accepts, besides constants).
/// Every name has at least one entry in [`call`] (a unit test checks).
fn functions(module: &str) -> &'static [&'static str] {
    match module {
        "math" => &[
            "sqrt", "exp", "exp2", "expm1", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
            "asinh", "acosh", "atanh", "cbrt", "fabs", "erf", "erfc", "degrees", "radians", "log2", "log10", "log", "atan2",
            "copysign", "pow", "fmod", "remainder", "nextafter", "ldexp", "ulp", "modf", "frexp", "floor", "ceil", "trunc",
            "isinf", "isnan", "isfinite", "isclose", "hypot", "fsum", "prod", "gcd", "lcm", "factorial", "perm", "comb",
            "isqrt",
        ],
        "random" => &[
            "seed", "random", "getrandbits", "randrange", "randint", "choice", "shuffle", "sample", "choices", "uniform",
            "triangular", "gauss", "normalvariate", "lognormvariate", "expovariate", "paretovariate", "weibullvariate",
        ],
        "time" => &["time", "time_ns", "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time", "sleep"],
        "os" => &["getcwd", "chdir", "listdir", "mkdir", "makedirs", "rmdir", "remove", "unlink", "rename", "replace", "getpid", "getenv"],
        "os.path" => &[
            "join", "exists", "isfile", "isdir", "isabs", "basename", "dirname", "split", "splitext", "normpath", "abspath",
            "getsize", "expanduser",
        ],
        "os.environ" => &["get"],
        "tempfile" => &["gettempdir", "mkdtemp"],
        "sys" => &["getrecursionlimit", "setrecursionlimit", "get_int_max_str_digits", "set_int_max_str_digits"],
        "sys.stdout" | "sys.stderr" => &["write", "flush"],
        // Called through `crate::itertools` (iterables and functions as arguments), not [`call`].
        "itertools" => crate::itertools::FUNCTIONS,
        "collections" => &["deque", "defaultdict", "Counter", "namedtuple"],
        "functools" => &["reduce", "partial", "lru_cache", "cache", "wraps"],
        "io" => &["StringIO"],
        _ => &[],
    }
}

// ----- arguments -------------------------------------------------------------------------

/// Where the value of one parameter comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    /// The call's argument number `i`, counting positional arguments first, then keyword
    /// arguments in the order written.
    Arg(usize),
    /// The parameter's default (a parameter skipped by keyword arguments).
    Default(Lit),
}

/// A function's parameters, for keyword arguments: names with their defaults (`None`: required,
/// or a default the table spells out itself when trailing), how many may be passed by position,
/// and the first that may be passed by keyword.
struct Params {
    names: &'static [(&'static str, Option<Lit>)],
    positional: usize,
    keyword_from: usize,
}

fn params(module: &str, name: &str) -> Option<Params> {
    let p = |names, positional, keyword_from| Some(Params { names, positional, keyword_from });
    const NONE: Option<Lit> = Some(Lit::None);
    match (module, name) {
        ("math", "isclose") => p(&[("a", None), ("b", None), ("rel_tol", Some(Lit::Float(1e-9))), ("abs_tol", Some(Lit::Float(0.0)))], 2, 2),
        ("os", "makedirs") => p(&[("name", None), ("mode", Some(Lit::Int(0o777))), ("exist_ok", Some(Lit::Bool(false)))], 3, 0),
        ("os", "mkdir") => p(&[("path", None), ("mode", Some(Lit::Int(0o777)))], 2, 0),
        ("os", "listdir" | "remove" | "unlink" | "rmdir" | "chdir") => p(&[("path", None)], 1, 0),
        ("os", "rename" | "replace") => p(&[("src", None), ("dst", None)], 2, 0),
        ("os", "getenv") => p(&[("key", None), ("default", NONE)], 2, 0),
        ("tempfile", "mkdtemp") => p(&[("suffix", NONE), ("prefix", NONE), ("dir", NONE)], 3, 0),
        ("random", "seed") => p(&[("a", NONE)], 1, 0),
        ("random", "randint") => p(&[("a", None), ("b", None)], 2, 0),
        ("random", "choice") => p(&[("seq", None)], 1, 0),
        ("random", "shuffle") => p(&[("x", None)], 1, 0),
        ("random", "sample") => p(&[("population", None), ("k", None)], 2, 0),
        ("random", "choices") => p(&[("population", None), ("weights", NONE), ("cum_weights", NONE), ("k", Some(Lit::Int(1)))], 2, 0),
        ("random", "uniform") => p(&[("a", None), ("b", None)], 2, 0),
        ("random", "triangular") => p(&[("low", Some(Lit::Float(0.0))), ("high", Some(Lit::Float(1.0))), ("mode", NONE)], 3, 0),
        ("random", "gauss" | "normalvariate" | "lognormvariate") => p(&[("mu", None), ("sigma", None)], 2, 0),
        ("random", "expovariate") => p(&[("lambd", None)], 1, 0),
        ("random", "paretovariate") => p(&[("alpha", None)], 1, 0),
        ("random", "weibullvariate") => p(&[("alpha", None), ("beta", None)], 2, 0),
        ("sys", "set_int_max_str_digits") => p(&[("maxdigits", None)], 1, 0),
        ("collections", "deque") => p(&[("iterable", NONE), ("maxlen", NONE)], 2, 0),
        ("functools", "lru_cache") => p(&[("maxsize", Some(Lit::Int(128))), ("typed", Some(Lit::Bool(false)))], 2, 0),
        _ => None,
    }
}

/// The arguments of `module.name(...)` with `positional` positional arguments and these keyword
/// arguments, in parameter order. `Err` says why the call is not supported (an unknown or
/// repeated keyword, a missing argument: CPython's `TypeError`s, refused before running).
pub fn arrange(module: &str, name: &str, positional: usize, keywords: &[&str]) -> Result<Vec<Slot>, String> {
    let Some(spec) = params(module, name) else {
        if keywords.is_empty() {
            return Ok((0..positional).map(Slot::Arg).collect());
        }
        return Err(format!("`{module}.{name}` takes no keyword arguments here"));
    };
    if positional > spec.positional {
        return Err(format!("`{module}.{name}` takes at most {} positional arguments", spec.positional));
    }
    if keywords.is_empty() {
        return Ok((0..positional).map(Slot::Arg).collect());
    }
    let mut slots: Vec<Option<Slot>> = vec![None; spec.names.len()];
    for (i, s) in slots.iter_mut().enumerate().take(positional) {
        *s = Some(Slot::Arg(i));
    }
    for (j, kw) in keywords.iter().enumerate() {
        let Some(i) = spec.names.iter().position(|(n, _)| n == kw) else {
            return Err(format!("`{module}.{name}` has no parameter `{kw}` py2rust supports"));
        };
        if i < spec.keyword_from {
            return Err(format!("`{kw}` of `{module}.{name}` cannot be passed by keyword"));
        }
        if slots[i].is_some() {
            return Err(format!("`{kw}` of `{module}.{name}` is given twice"));
        }
        slots[i] = Some(Slot::Arg(positional + j));
    }
    let last = slots.iter().rposition(Option::is_some).unwrap_or(0);
    let mut out = Vec::new();
    for (i, s) in slots.into_iter().enumerate().take(last + 1) {
        match (s, spec.names[i].1) {
            (Some(s), _) => out.push(s),
            (None, Some(d)) => out.push(Slot::Default(d)),
            (None, None) => return Err(format!("`{module}.{name}` needs its argument `{}`", spec.names[i].0)),
        }
    }
    Ok(out)
}

// ----- the table -----------------------------------------------------------------------

/// `module.name(args)` with arguments of these types (in parameter order, see [`arrange`]).
/// `module[key]` is `module.__getitem__(key)`.
pub fn call(module: &str, name: &str, args: &[Ty]) -> Option<ModCall> {
    match module {
        "math" => math(name, args),
        "random" => random(name, args),
        "time" => time(name, args),
        "os" => os(name, args),
        "os.path" => os_path(name, args),
        "os.environ" => environ(name, args),
        "tempfile" => tempfile(name, args),
        "sys" => sys(name, args),
        "sys.stdout" | "sys.stderr" => stream(module, name, args),
        "collections" | "functools" | "io" => dynamic(module, name, args),
        _ => None,
    }
}

/// `collections` and `functools`: objects holding values (the runtime checks the arguments,
/// packed as `&[Value]`, with CPython's messages); the result is a `Value`.
fn dynamic(module: &str, name: &str, args: &[Ty]) -> Option<ModCall> {
    let rust = match (module, name, args.len()) {
        ("collections", "deque", 0..=2) => "collections_deque",
        ("collections", "defaultdict", 0..=2) => "collections_defaultdict",
        ("collections", "Counter", 0..=1) => "collections_counter",
        ("collections", "namedtuple", 2) => "collections_namedtuple",
        ("functools", "reduce", 2..=3) => "functools_reduce",
        ("functools", "partial", 1..) => "functools_partial",
        // `lru_cache(maxsize)` (a decorator) or `lru_cache(f)`; `typed` changes nothing here
        // for arguments of one type.
        ("functools", "lru_cache", 0..=2) => "functools_lru_cache_call",
        ("functools", "cache", 1) => "functools_cache",
        ("functools", "wraps", 1) => "functools_wraps_decorator",
        ("io", "StringIO", 0..=1) => "io_stringio",
        _ => return None,
    };
    if name == "lru_cache" && args.get(1).is_some_and(|t| *t != Ty::Bool) {
        return None;
    }
    let a = args.iter().enumerate().map(|(i, t)| if name == "lru_cache" && i == 1 { (t.clone(), Pass::Skip) } else { (Ty::Dyn, Pass::Owned) }).collect();
    Some(ModCall::new(rust, a, Ty::Dyn, true).packed())
}

/// An argument of an `impl MathArg` parameter: numbers as they are (ints exact), anything
/// else boxed so the runtime raises CPython's `TypeError`.
fn real(t: &Ty) -> Option<(Ty, Pass)> {
    match t {
        Ty::Int => Some((Ty::Int, Pass::Ref)),
        Ty::Float => Some((Ty::Float, Pass::Owned)),
        Ty::Bool => Some((Ty::Bool, Pass::Owned)),
        Ty::Dyn | Ty::Str | Ty::None => Some((Ty::Dyn, Pass::Ref)),
        _ => None,
    }
}

/// An argument of an `&Int` parameter (CPython's `int` parameters; a bool is an int).
fn int(t: &Ty) -> Option<(Ty, Pass)> {
    matches!(t, Ty::Int | Ty::Bool | Ty::Dyn).then_some((Ty::Int, Pass::Ref))
}

/// An argument of an `f64` parameter.
fn float(t: &Ty) -> Option<(Ty, Pass)> {
    matches!(t, Ty::Int | Ty::Float | Ty::Bool | Ty::Dyn).then_some((Ty::Float, Pass::Owned))
}

/// An argument of a `&PyStr` parameter.
fn string(t: &Ty) -> Option<(Ty, Pass)> {
    matches!(t, Ty::Str).then_some((Ty::Str, Pass::Ref))
}

/// A sequence `random.choice` and `random.sample` index: its argument and the element type.
/// Tuples are boxed (a Rust tuple is not indexable by a runtime index).
fn sequence(t: &Ty) -> Option<((Ty, Pass), Ty, bool)> {
    match t {
        Ty::List(e) => Some(((t.clone(), Pass::Ref), (**e).clone(), true)),
        Ty::Str => Some(((Ty::Str, Pass::Ref), Ty::Str, true)),
        Ty::Dyn => Some(((Ty::Dyn, Pass::Ref), Ty::Dyn, true)),
        Ty::Tuple(_) => Some(((Ty::Dyn, Pass::Ref), Ty::Dyn, false)),
        _ => None,
    }
}

/// A list of numbers (`math.fsum`, `random.choices` weights): `&PyList<T>` iterates `T: MathArg`.
fn real_list(t: &Ty) -> Option<(Ty, Pass)> {
    match t {
        Ty::List(e) if matches!(**e, Ty::Int | Ty::Float | Ty::Bool | Ty::Dyn) => Some((t.clone(), Pass::Ref)),
        _ => None,
    }
}

fn all<F: Fn(&Ty) -> Option<(Ty, Pass)>>(args: &[Ty], f: F) -> Option<Vec<(Ty, Pass)>> {
    args.iter().map(f).collect()
}

fn math(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    match (name, args) {
        ("fsum", [xs]) => return Some(f("math_fsum", vec![real_list(xs)?], Ty::Float, true)),
        ("prod", [Ty::List(e)]) if **e == Ty::Int => return Some(f("math_prod_int", vec![(args[0].clone(), Pass::Ref)], Ty::Int, false)),
        ("prod", [Ty::List(e)]) if **e == Ty::Float => return Some(f("math_prod_float", vec![(args[0].clone(), Pass::Ref)], Ty::Float, true)),
        ("isclose", [a, b, rest @ ..]) if rest.len() <= 2 => {
            let mut c = vec![real(a)?, real(b)?];
            for t in rest {
                c.push(float(t)?);
            }
            let mut call = f("math_isclose", c, Ty::Bool, true);
            if rest.is_empty() {
                call = call.with(Lit::Float(1e-9), Pass::Owned);
            }
            if rest.len() < 2 {
                call = call.with(Lit::Float(0.0), Pass::Owned);
            }
            return Some(call);
        }
        _ => {}
    }
    let a = all(args, real)?;
    // `&[&dyn MathArg]`: every element a reference.
    let refs = || a.iter().map(|(t, _)| (t.clone(), Pass::Ref)).collect::<Vec<_>>();
    let float_fn = |rust| Some(f(rust, a.clone(), Ty::Float, true));
    match (name, args.len()) {
        ("sqrt", 1) => float_fn("math_sqrt"),
        ("exp", 1) => float_fn("math_exp"),
        ("exp2", 1) => float_fn("math_exp2"),
        ("expm1", 1) => float_fn("math_expm1"),
        ("log1p", 1) => float_fn("math_log1p"),
        ("sin", 1) => float_fn("math_sin"),
        ("cos", 1) => float_fn("math_cos"),
        ("tan", 1) => float_fn("math_tan"),
        ("asin", 1) => float_fn("math_asin"),
        ("acos", 1) => float_fn("math_acos"),
        ("atan", 1) => float_fn("math_atan"),
        ("sinh", 1) => float_fn("math_sinh"),
        ("cosh", 1) => float_fn("math_cosh"),
        ("tanh", 1) => float_fn("math_tanh"),
        ("asinh", 1) => float_fn("math_asinh"),
        ("acosh", 1) => float_fn("math_acosh"),
        ("atanh", 1) => float_fn("math_atanh"),
        ("cbrt", 1) => float_fn("math_cbrt"),
        ("fabs", 1) => float_fn("math_fabs"),
        ("erf", 1) => float_fn("math_erf"),
        ("erfc", 1) => float_fn("math_erfc"),
        ("degrees", 1) => float_fn("math_degrees"),
        ("radians", 1) => float_fn("math_radians"),
        ("log2", 1) => float_fn("math_log2"),
        ("log10", 1) => float_fn("math_log10"),
        ("ulp", 1) => float_fn("math_ulp"),
        ("log", 1) => float_fn("math_log"),
        ("log", 2) => float_fn("math_log_base"),
        ("atan2", 2) => float_fn("math_atan2"),
        ("copysign", 2) => float_fn("math_copysign"),
        ("pow", 2) => float_fn("math_pow"),
        ("fmod", 2) => float_fn("math_fmod"),
        ("remainder", 2) => float_fn("math_remainder"),
        ("nextafter", 2) => float_fn("math_nextafter"),
        ("ldexp", 2) => float_fn("math_ldexp"),
        ("hypot", _) => Some(f("math_hypot", refs(), Ty::Float, true).packed()),
        ("modf", 1) => Some(f("math_modf", a, Ty::Tuple(vec![Ty::Float, Ty::Float]), true)),
        ("frexp", 1) => Some(f("math_frexp", a, Ty::Tuple(vec![Ty::Float, Ty::Int]), true)),
        ("isinf", 1) => Some(f("math_isinf", a, Ty::Bool, true)),
        ("isnan", 1) => Some(f("math_isnan", a, Ty::Bool, true)),
        ("isfinite", 1) => Some(f("math_isfinite", a, Ty::Bool, true)),
        ("floor", 1) => Some(f("math_floor", a, Ty::Int, true)),
        ("ceil", 1) => Some(f("math_ceil", a, Ty::Int, true)),
        ("trunc", 1) => Some(f("math_trunc", a, Ty::Int, true)),
        ("factorial", 1) => Some(f("math_factorial", a, Ty::Int, true)),
        ("isqrt", 1) => Some(f("math_isqrt", a, Ty::Int, true)),
        ("perm", 1) => Some(f("math_perm_all", a, Ty::Int, true)),
        ("perm", 2) => Some(f("math_perm", a, Ty::Int, true)),
        ("comb", 2) => Some(f("math_comb", a, Ty::Int, true)),
        ("gcd", _) => Some(f("math_gcd", refs(), Ty::Int, true).packed()),
        ("lcm", _) => Some(f("math_lcm", refs(), Ty::Int, true).packed()),
        _ => None,
    }
}

fn random(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    let one = (Lit::Int(1), Pass::Ref);
    match (name, args) {
        ("seed", []) => Some(f("random_seed", vec![], Ty::None, true).with(Lit::None, Pass::Owned)),
        ("seed", [t]) => {
            let a = match t {
                Ty::None => (Ty::None, Pass::Owned),
                Ty::Int | Ty::Str | Ty::Dyn => (t.clone(), Pass::Ref),
                Ty::Float | Ty::Bool => (t.clone(), Pass::Owned),
                _ => return None,
            };
            Some(f("random_seed", vec![a], Ty::None, true))
        }
        ("random", []) => Some(f("random_random", vec![], Ty::Float, false)),
        ("getrandbits", [k]) => Some(f("random_getrandbits", vec![int(k)?], Ty::Int, true)),
        ("randrange", [stop]) => Some(f("random_randrange_stop", vec![int(stop)?], Ty::Int, true)),
        ("randrange", [a, b]) => Some(f("random_randrange", vec![int(a)?, int(b)?], Ty::Int, true).with(one.0, one.1)),
        ("randrange", [a, b, c]) => Some(f("random_randrange", vec![int(a)?, int(b)?, int(c)?], Ty::Int, true)),
        ("randint", [a, b]) => Some(f("random_randint", vec![int(a)?, int(b)?], Ty::Int, true)),
        ("choice", [s]) => {
            let (a, elem, indexed) = sequence(s)?;
            let c = f("random_choice", vec![a], elem, true);
            Some(if indexed { c.shape(Shape::ElemOf(0)) } else { c })
        }
        ("shuffle", [xs @ Ty::List(_)]) => Some(f("random_shuffle", vec![(xs.clone(), Pass::Ref)], Ty::None, true)),
        ("sample", [s, k]) => {
            let (a, elem, indexed) = sequence(s)?;
            let c = f("random_sample", vec![a, int(k)?], Ty::List(Box::new(elem)), true);
            Some(if indexed { c.shape(Shape::ListOfElem(0)) } else { c })
        }
        ("choices", [s, rest @ ..]) if rest.len() <= 3 => {
            let (a, elem, indexed) = sequence(s)?;
            let weights = rest.first().unwrap_or(&Ty::None);
            let cum = rest.get(1).unwrap_or(&Ty::None);
            let (rust, mut c) = match (weights, cum) {
                (Ty::None, Ty::None) => ("random_choices", vec![a]),
                (w, Ty::None) => ("random_choices_weighted", vec![a, real_list(w)?]),
                (Ty::None, cw) => ("random_choices_cum_weights", vec![a, real_list(cw)?]),
                // CPython: TypeError: Cannot specify both weights and cumulative weights.
                _ => return None,
            };
            // The runtime function takes only the lists it uses: drop the `None`s.
            let mut out = vec![c.remove(0)];
            if !rest.is_empty() {
                out.push(if *weights == Ty::None { (Ty::None, Pass::Skip) } else { c.remove(0) });
            }
            if rest.get(1).is_some() {
                out.push(if *cum == Ty::None { (Ty::None, Pass::Skip) } else { c.remove(0) });
            }
            let mut call = match rest.get(2) {
                Some(k) => {
                    out.push(int(k)?);
                    f(rust, out, Ty::List(Box::new(elem)), true)
                }
                None => f(rust, out, Ty::List(Box::new(elem)), true).with(one.0, one.1),
            };
            if indexed {
                call = call.shape(Shape::ListOfElem(0));
            }
            Some(call)
        }
        ("uniform", [a, b]) => Some(f("random_uniform", vec![float(a)?, float(b)?], Ty::Float, false)),
        ("triangular", _) if args.len() <= 3 => {
            let mut a = Vec::new();
            for (i, t) in args.iter().enumerate() {
                a.push(match (i, t) {
                    (2, Ty::None) => (Ty::None, Pass::OptOwned),
                    (2, t) => (float(t)?.0, Pass::OptOwned),
                    (_, t) => float(t)?,
                });
            }
            let mut call = f("random_triangular", a, Ty::Float, true);
            let defaults = [(Lit::Float(0.0), Pass::Owned), (Lit::Float(1.0), Pass::Owned), (Lit::None, Pass::OptOwned)];
            for (lit, pass) in &defaults[args.len()..] {
                call = call.with(*lit, *pass);
            }
            Some(call)
        }
        ("gauss", [m, s]) => Some(f("random_gauss", vec![float(m)?, float(s)?], Ty::Float, true)),
        ("normalvariate", [m, s]) => Some(f("random_normalvariate", vec![float(m)?, float(s)?], Ty::Float, true)),
        ("lognormvariate", [m, s]) => Some(f("random_lognormvariate", vec![float(m)?, float(s)?], Ty::Float, true)),
        ("expovariate", [l]) => Some(f("random_expovariate", vec![float(l)?], Ty::Float, true)),
        ("paretovariate", [a]) => Some(f("random_paretovariate", vec![float(a)?], Ty::Float, true)),
        ("weibullvariate", [a, b]) => Some(f("random_weibullvariate", vec![float(a)?, float(b)?], Ty::Float, true)),
        _ => None,
    }
}

fn time(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    match (name, args) {
        ("time", []) => Some(f("time_time", vec![], Ty::Float, false)),
        ("time_ns", []) => Some(f("time_time_ns", vec![], Ty::Int, false)),
        ("perf_counter", []) => Some(f("time_perf_counter", vec![], Ty::Float, false)),
        ("perf_counter_ns", []) => Some(f("time_perf_counter_ns", vec![], Ty::Int, false)),
        ("monotonic", []) => Some(f("time_monotonic", vec![], Ty::Float, false)),
        ("monotonic_ns", []) => Some(f("time_monotonic_ns", vec![], Ty::Int, false)),
        ("process_time", []) => Some(f("time_process_time", vec![], Ty::Float, false)),
        ("sleep", [t]) => Some(f("time_sleep", vec![real(t)?], Ty::None, true)),
        _ => None,
    }
}

fn os(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    let path = |rust, ret| Some(f(rust, vec![string(args.first()?)?], ret, true));
    match (name, args.len()) {
        ("getcwd", 0) => Some(f("os_getcwd", vec![], Ty::Str, true)),
        ("getpid", 0) => Some(f("os_getpid", vec![], Ty::Int, false)),
        ("listdir", 0) => Some(f("os_listdir_cwd", vec![], Ty::List(Box::new(Ty::Str)), true)),
        ("listdir", 1) => path("os_listdir", Ty::List(Box::new(Ty::Str))),
        ("chdir", 1) => path("os_chdir", Ty::None),
        ("mkdir", 1) => path("os_mkdir", Ty::None),
        // The mode is left to the umask, as with the default 0o777.
        ("mkdir", 2) if args[1] == Ty::Int => Some(f("os_mkdir", vec![string(&args[0])?, (Ty::Int, Pass::Skip)], Ty::None, true)),
        ("makedirs", 1) => Some(f("os_makedirs", vec![string(&args[0])?], Ty::None, true).with(Lit::Bool(false), Pass::Owned)),
        ("makedirs", 2) if args[1] == Ty::Int => {
            Some(f("os_makedirs", vec![string(&args[0])?, (Ty::Int, Pass::Skip)], Ty::None, true).with(Lit::Bool(false), Pass::Owned))
        }
        ("makedirs", 3) if args[1] == Ty::Int && args[2] == Ty::Bool => {
            Some(f("os_makedirs", vec![string(&args[0])?, (Ty::Int, Pass::Skip), (Ty::Bool, Pass::Owned)], Ty::None, true))
        }
        ("rmdir", 1) => path("os_rmdir", Ty::None),
        ("remove", 1) => path("os_remove", Ty::None),
        ("unlink", 1) => path("os_unlink", Ty::None),
        ("rename" | "replace", 2) => {
            let rust = if name == "rename" { "os_rename" } else { "os_replace" };
            Some(f(rust, vec![string(&args[0])?, string(&args[1])?], Ty::None, true))
        }
        ("getenv", _) => environ("get", args).map(|mut c| {
            if c.rust == "environ_get" {
                c.rust = "os_getenv";
            }
            c
        }),
        _ => None,
    }
}

/// `os.environ.get(key[, default])` and `os.environ[key]` (`__getitem__`).
fn environ(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    let key = (Ty::Str, Pass::Str);
    match (name, args) {
        ("__getitem__", [Ty::Str]) => Some(f("environ_getitem", vec![(Ty::Str, Pass::Ref)], Ty::Str, true)),
        ("get", [Ty::Str]) => Some(f("environ_get", vec![key], Ty::Dyn, false).boxed()),
        ("get", [Ty::Str, Ty::None]) => Some(f("environ_get", vec![key, (Ty::None, Pass::Skip)], Ty::Dyn, false).boxed()),
        ("get", [Ty::Str, Ty::Str]) => Some(f("os_getenv_default", vec![key, (Ty::Str, Pass::Ref)], Ty::Str, false)),
        _ => None,
    }
}

fn os_path(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    if name == "join" && !args.is_empty() {
        return Some(f("os_path_join", all(args, string)?, Ty::Str, false).packed());
    }
    let [p] = args else { return None };
    let a = vec![string(p)?];
    let pair = Ty::Tuple(vec![Ty::Str, Ty::Str]);
    match name {
        "exists" => Some(f("os_path_exists", a, Ty::Bool, false)),
        "isfile" => Some(f("os_path_isfile", a, Ty::Bool, false)),
        "isdir" => Some(f("os_path_isdir", a, Ty::Bool, false)),
        "isabs" => Some(f("os_path_isabs", a, Ty::Bool, false)),
        "basename" => Some(f("os_path_basename", a, Ty::Str, false)),
        "dirname" => Some(f("os_path_dirname", a, Ty::Str, false)),
        "normpath" => Some(f("os_path_normpath", a, Ty::Str, false)),
        "expanduser" => Some(f("os_path_expanduser", a, Ty::Str, false)),
        "split" => Some(f("os_path_split", a, pair, false)),
        "splitext" => Some(f("os_path_splitext", a, pair, false)),
        "abspath" => Some(f("os_path_abspath", a, Ty::Str, true)),
        "getsize" => Some(f("os_path_getsize", a, Ty::Int, true)),
        _ => None,
    }
}

fn tempfile(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    match (name, args) {
        ("gettempdir", []) => Some(f("tempfile_gettempdir", vec![], Ty::Str, true)),
        ("mkdtemp", []) => Some(f("tempfile_mkdtemp", vec![], Ty::Str, true)),
        ("mkdtemp", _) if args.len() <= 3 => {
            // mkdtemp(suffix, prefix, dir): each a str or None.
            let passes = [Pass::OptStr, Pass::OptStr, Pass::OptRef];
            let mut a = Vec::new();
            for (t, pass) in args.iter().zip(passes) {
                match t {
                    Ty::Str | Ty::None => a.push((t.clone(), pass)),
                    _ => return None,
                }
            }
            let mut call = f("tempfile_mkdtemp_with", a, Ty::Str, true);
            for pass in &passes[args.len()..] {
                call = call.with(Lit::None, *pass);
            }
            Some(call)
        }
        _ => None,
    }
}

fn sys(name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    match (name, args) {
        ("getrecursionlimit", []) => Some(f("sys_getrecursionlimit", vec![], Ty::Int, false)),
        ("setrecursionlimit", [n]) => Some(f("sys_setrecursionlimit", vec![int(n)?], Ty::None, true)),
        ("get_int_max_str_digits", []) => Some(f("sys_get_int_max_str_digits", vec![], Ty::Int, false)),
        ("set_int_max_str_digits", [n]) => Some(f("sys_set_int_max_str_digits", vec![int(n)?], Ty::None, true)),
        _ => None,
    }
}

/// `sys.stdout` / `sys.stderr`.
fn stream(module: &str, name: &str, args: &[Ty]) -> Option<ModCall> {
    let f = ModCall::new;
    let out = module == "sys.stdout";
    match (name, args) {
        ("write", [Ty::Str]) if out => Some(f("sys_stdout_write", vec![(Ty::Str, Pass::Ref)], Ty::Int, true)),
        ("write", [Ty::Str]) => Some(f("sys_stderr_write", vec![(Ty::Str, Pass::Ref)], Ty::Int, false)),
        ("flush", []) if out => Some(f("sys_stdout_flush", vec![], Ty::None, true)),
        ("flush", []) => Some(f("sys_stderr_flush", vec![], Ty::None, false)),
        _ => None,
    }
}

/// `module.name` as a value.
pub fn constant(module: &str, name: &str) -> Option<ModConst> {
    let path = |rust, ty| Some(ModConst { value: ConstValue::Path(rust), ty });
    let call = |rust, ty| Some(ModConst { value: ConstValue::Call(rust), ty });
    let s = |text| Some(ModConst { value: ConstValue::Str(text), ty: Ty::Str });
    match (module, name) {
        ("math", "pi") => path("MATH_PI", Ty::Float),
        ("math", "e") => path("MATH_E", Ty::Float),
        ("math", "tau") => path("MATH_TAU", Ty::Float),
        ("math", "inf") => path("MATH_INF", Ty::Float),
        ("math", "nan") => path("MATH_NAN", Ty::Float),
        ("os", "sep") => s("/"),
        ("os", "linesep") => s("\n"),
        ("os", "name") => s("posix"),
        ("os", "curdir") => s("."),
        ("os", "pardir") => s(".."),
        ("os", "pathsep") => s(":"),
        ("os", "extsep") => s("."),
        ("os.path", "sep") => s("/"),
        ("sys", "maxsize") => call("sys_maxsize", Ty::Int),
        ("sys", "platform") => call("sys_platform", Ty::Str),
        ("sys", "byteorder") => call("sys_byteorder", Ty::Str),
        // Decorators used bare (`@lru_cache`, `@functools.cache`).
        ("functools", "lru_cache") => call("functools_lru_cache_value", Ty::Dyn),
        ("functools", "cache") => call("functools_cache_value", Ty::Dyn),
        _ => None,
    }
}

/// Whether `from module import name` is supported.
pub fn exports(module: &str, name: &str) -> bool {
    is_annotation_module(module) || (module, name) == ("dataclasses", "dataclass") || constant(module, name).is_some() || has_function(module, name)
}

/// Whether the module has a function of this name (for some arguments).
pub fn has_function(module: &str, name: &str) -> bool {
    is_module(module) && functions(module).contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Argument lists to probe the table with.
    fn probes() -> Vec<Vec<Ty>> {
        let (i, fl, s, n) = (Ty::Int, Ty::Float, Ty::Str, Ty::None);
        let li = Ty::List(Box::new(Ty::Int));
        vec![
            vec![],
            vec![i.clone()],
            vec![fl.clone()],
            vec![s.clone()],
            vec![li.clone()],
            vec![i.clone(), i.clone()],
            vec![s.clone(), s.clone()],
            vec![li.clone(), i.clone()],
            vec![n.clone()],
        ]
    }

    #[test]
    fn every_listed_function_has_an_entry() {
        for m in ["math", "random", "time", "os", "os.path", "os.environ", "tempfile", "sys", "sys.stdout", "sys.stderr", "collections", "functools", "io"] {
            for name in functions(m) {
                assert!(probes().iter().any(|a| call(m, name, a).is_some()), "{m}.{name} has no entry");
            }
        }
    }

    #[test]
    fn exports_are_explicit() {
        assert!(exports("math", "floor"));
        assert!(exports("math", "pi"));
        assert!(exports("os.path", "join"));
        assert!(exports("random", "randint"));
        assert!(!exports("math", "gamma"));
        assert!(!exports("os", "path"));
        assert!(!exports("os.environ", "get"));
        assert!(!exports("nosuch", "x"));
    }

    #[test]
    fn ints_stay_exact() {
        let c = call("math", "floor", &[Ty::Int]).unwrap();
        assert_eq!(c.args, vec![(Ty::Int, Pass::Ref)]);
        assert_eq!(c.ret, Ty::Int);
        let c = call("math", "sqrt", &[Ty::Int]).unwrap();
        assert_eq!(c.args, vec![(Ty::Int, Pass::Ref)]);
    }

    #[test]
    fn keywords_are_arranged() {
        assert_eq!(arrange("math", "isclose", 2, &["abs_tol"]).unwrap(), vec![Slot::Arg(0), Slot::Arg(1), Slot::Default(Lit::Float(1e-9)), Slot::Arg(2)]);
        assert_eq!(arrange("os", "makedirs", 1, &["exist_ok"]).unwrap(), vec![Slot::Arg(0), Slot::Default(Lit::Int(0o777)), Slot::Arg(1)]);
        assert_eq!(arrange("random", "choices", 1, &["k"]).unwrap(), vec![Slot::Arg(0), Slot::Default(Lit::None), Slot::Default(Lit::None), Slot::Arg(1)]);
        assert_eq!(arrange("random", "sample", 0, &["k", "population"]).unwrap(), vec![Slot::Arg(1), Slot::Arg(0)]);
        assert!(arrange("math", "isclose", 0, &["a"]).is_err());
        assert!(arrange("math", "sqrt", 1, &["x"]).is_err());
        assert!(arrange("random", "sample", 1, &["population"]).is_err());
        assert!(arrange("random", "randint", 0, &["b"]).is_err());
        assert!(arrange("math", "isclose", 3, &[]).is_err());
    }

    #[test]
    fn choices_drop_the_nones() {
        let li = Ty::List(Box::new(Ty::Int));
        let c = call("random", "choices", &[li.clone(), Ty::None, Ty::None, Ty::Int]).unwrap();
        assert_eq!(c.rust, "random_choices");
        assert_eq!(c.args.iter().filter(|(_, p)| *p != Pass::Skip).count(), 2);
        let c = call("random", "choices", &[li.clone(), li.clone()]).unwrap();
        assert_eq!(c.rust, "random_choices_weighted");
        assert_eq!(c.extra.len(), 1);
        assert!(call("random", "choices", &[li.clone(), li.clone(), li.clone()]).is_none());
    }
}
