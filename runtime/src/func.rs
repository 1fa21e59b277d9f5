//! Functions as values: closures, lambdas stored in variables and lists, functions passed to
//! and returned from functions, builtins such as `abs` used as values.
//!
//! A function value is a [`PyFunc`] inside a [`Value`]: a name and an `Rc<dyn Fn>` taking the
//! positional arguments as `Value`s. The generated wrapper checks the argument count (CPython's
//! `TypeError`s), unboxes the arguments to the function's parameter types, fills in defaults
//! (evaluated once, when the function was defined) and calls the typed Rust function.
//!
//! Variables captured by an inner function live in a [`PyCell`] shared by the defining
//! function and every closure (Python's cells): an assignment on either side (`nonlocal`) is
//! seen by both.

use crate::dict::PyDict;
use crate::err::{PyErr, PyResult};
use crate::pystr::PyStr;
use crate::object::PyObject;
use crate::value::{FromValue, IntoValue, Object, Value};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A variable shared between a function and the closures defined in it.
pub struct PyCell<T>(Rc<RefCell<Option<T>>>);

impl<T> Clone for PyCell<T> {
    fn clone(&self) -> Self {
        PyCell(self.0.clone())
    }
}

impl<T: Clone> PyCell<T> {
    /// A cell not yet assigned.
    pub fn unbound() -> PyCell<T> {
        PyCell(Rc::new(RefCell::new(None)))
    }

    /// A cell holding `value` (a captured parameter).
    pub fn new(value: T) -> PyCell<T> {
        PyCell(Rc::new(RefCell::new(Some(value))))
    }

    /// Reads the variable: CPython's `NameError` while it is unassigned.
    #[inline]
    pub fn get(&self, name: &str) -> PyResult<T> {
        match &*self.0.borrow() {
            Some(v) => Ok(v.clone()),
            None => Err(PyErr::new(crate::err::Exc::NameError, format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))),
        }
    }

    /// Reads the variable in the function that owns it: `UnboundLocalError` while unassigned.
    #[inline]
    pub fn get_local(&self, name: &str) -> PyResult<T> {
        match &*self.0.borrow() {
            Some(v) => Ok(v.clone()),
            None => Err(PyErr::unbound_local(name)),
        }
    }

    #[inline]
    pub fn set(&self, value: T) {
        *self.0.borrow_mut() = Some(value);
    }
}

/// The keyword arguments of a call, in the order written (`f(a=1, **d)`).
pub type Kwargs = Vec<(PyStr, Value)>;

type FnBody = dyn Fn(Vec<Value>, Kwargs) -> PyResult<Value>;

/// A function object.
pub struct PyFunc {
    name: &'static str,
    /// A builtin (`<built-in function abs>`) rather than a Python function.
    builtin: bool,
    body: Rc<FnBody>,
}

impl PyFunc {
    pub fn call(&self, args: Vec<Value>) -> PyResult<Value> {
        (self.body)(args, Vec::new())
    }

    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// A function value of the runtime's own that takes positional arguments only (a wrapper such
/// as `functools.lru_cache`'s).
pub fn func_value(name: &'static str, body: impl Fn(Vec<Value>) -> PyResult<Value> + 'static) -> Value {
    func_value_kw(name, move |args, kwargs: Kwargs| {
        if !kwargs.is_empty() {
            return Err(PyErr::type_error(format!("py2rust: keyword arguments in a call of {name}() are not supported yet")));
        }
        body(args)
    })
}

/// A Python function as a value: `body` receives the positional and the keyword arguments
/// (and binds them with [`bind_args`]).
pub fn func_value_kw(name: &'static str, body: impl Fn(Vec<Value>, Kwargs) -> PyResult<Value> + 'static) -> Value {
    Value::Obj(Rc::new(PyFunc { name, builtin: false, body: Rc::new(body) }))
}

impl PyObject for PyFunc {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        if self.builtin {
            out.push_str(&format!("<built-in function {}>", self.name));
        } else {
            let addr = Rc::as_ptr(&self.body) as *const () as usize;
            out.push_str(&format!("<function {} at {:#x}>", self.name, addr));
        }
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        if self.builtin {
            "builtin_function_or_method"
        } else {
            "function"
        }
    }
}

impl Object for PyFunc {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some((self.body)(args, Vec::new()))
    }

    fn call_kw(&self, args: Vec<Value>, kwargs: Kwargs) -> Option<PyResult<Value>> {
        Some((self.body)(args, kwargs))
    }

    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Value::Str(self.name.into()))),
            _ => None,
        }
    }
}

/// Checks the number of positional arguments a method called on an instance received against
/// its parameters (`required`: the names of those without a default; at most `max`, `None`
/// with `*args`), with CPython's messages, whose counts include `self`.
pub fn check_method_arity(name: &str, args: &[Value], required: &[&str], max: Option<usize>) -> PyResult<()> {
    arity(name, args.len(), required, max, 1)
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn name_list(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

fn arity(name: &str, given: usize, required: &[&str], max: Option<usize>, bound: usize) -> PyResult<()> {
    let n = given;
    let min = required.len();
    if n < min {
        let missing: Vec<String> = required[n..].iter().map(|p| format!("'{p}'")).collect();
        let plural = if missing.len() == 1 { "argument" } else { "arguments" };
        return Err(PyErr::type_error(format!("{name}() missing {} required positional {plural}: {}", missing.len(), name_list(&missing))));
    }
    if let Some(max) = max {
        if n > max {
            let (n, min, max) = (n + bound, min + bound, max + bound);
            let takes = if min == max {
                format!("{max} positional argument{}", if max == 1 { "" } else { "s" })
            } else {
                format!("from {min} to {max} positional arguments")
            };
            let were = if n == 1 { "was" } else { "were" };
            return Err(PyErr::type_error(format!("{name}() takes {takes} but {n} {were} given")));
        }
    }
    Ok(())
}

/// The next positional argument of a function value, unboxed to the parameter's type
/// (`None` when the caller passed fewer: the default applies).
#[inline]
pub fn next_arg<T: FromValue>(args: &mut std::vec::IntoIter<Value>) -> PyResult<Option<T>> {
    args.next().map(T::from_value).transpose()
}

/// Calls a value: `f(args)` where `f` is only known at run time.
pub fn call_value(f: &Value, args: Vec<Value>) -> PyResult<Value> {
    if let Value::Obj(o) = f {
        if let Some(r) = o.call(args) {
            return r;
        }
    }
    Err(PyErr::type_error(format!("'{}' object is not callable", f.type_name())))
}

/// Calls a value with keyword arguments: `f(*args, k=v, **d)` where `f` is only known at run
/// time.
pub fn call_value_kw(f: &Value, args: Vec<Value>, kwargs: Kwargs) -> PyResult<Value> {
    if kwargs.is_empty() {
        return call_value(f, args);
    }
    if let Value::Obj(o) = f {
        if let Some(r) = o.call_kw(args, kwargs) {
            return r;
        }
    }
    Err(PyErr::type_error(format!("'{}' object is not callable", f.type_name())))
}

/// The keyword arguments a `**d` argument passes (a dict with string keys).
pub fn star_kwargs<T: IntoValue + Clone>(d: &PyDict<PyStr, T>) -> Kwargs {
    d.items_vec().into_iter().map(|(k, v)| (k, v.into_value())).collect()
}

/// The arguments of a call bound to a function's parameters, as CPython binds them: positional
/// arguments fill the positional parameters in order (the rest go to `*args`), keyword
/// arguments the parameter of their name (the others go to `**kwargs`).
pub struct BoundArgs {
    /// One per named parameter (positional, then keyword-only): `None` where the default applies.
    slots: std::vec::IntoIter<Option<Value>>,
    rest: Vec<Value>,
    extra: Kwargs,
}

/// The shape of a function's parameters, for [`bind_args`].
pub struct Params<'a> {
    /// The function's qualified name, for messages.
    pub name: &'a str,
    /// The positional parameters' names, then the keyword-only ones'.
    pub names: &'a [&'a str],
    pub positional: usize,
    /// Per name: whether it has a default.
    pub defaults: &'a [bool],
    pub var_args: bool,
    pub var_kw: bool,
}

pub fn bind_args(p: &Params, args: Vec<Value>, kwargs: Kwargs) -> PyResult<BoundArgs> {
    let required: Vec<&str> = p.names[..p.positional].iter().zip(p.defaults).filter(|(_, d)| !**d).map(|(n, _)| *n).collect();
    if !p.var_args && args.len() > p.positional {
        arity(p.name, args.len(), &required, Some(p.positional), 0)?;
    }
    let mut slots: Vec<Option<Value>> = vec![None; p.names.len()];
    let mut args = args.into_iter();
    for slot in slots.iter_mut().take(p.positional) {
        match args.next() {
            Some(a) => *slot = Some(a),
            None => break,
        }
    }
    let rest: Vec<Value> = args.collect();
    let mut extra = Kwargs::new();
    for (k, v) in kwargs {
        match p.names.iter().position(|n| *n == k.as_str()) {
            Some(i) if slots[i].is_some() => {
                return Err(PyErr::type_error(format!("{}() got multiple values for argument '{k}'", p.name)));
            }
            Some(i) => slots[i] = Some(v),
            None if p.var_kw => {
                if extra.iter().any(|(e, _)| *e == k) {
                    return Err(PyErr::type_error(format!("{}() got multiple values for keyword argument '{k}'", p.name)));
                }
                extra.push((k, v));
            }
            None => return Err(PyErr::type_error(format!("{}() got an unexpected keyword argument '{k}'", p.name))),
        }
    }
    let missing = |range: std::ops::Range<usize>| -> Vec<String> {
        range.filter(|&i| slots[i].is_none() && !p.defaults[i]).map(|i| format!("'{}'", p.names[i])).collect()
    };
    for (range, kind) in [(0..p.positional, "positional"), (p.positional..p.names.len(), "keyword-only")] {
        let names = missing(range);
        if !names.is_empty() {
            let plural = if names.len() == 1 { "argument" } else { "arguments" };
            return Err(PyErr::type_error(format!("{}() missing {} required {kind} {plural}: {}", p.name, names.len(), name_list(&names))));
        }
    }
    Ok(BoundArgs { slots: slots.into_iter(), rest, extra })
}

/// CPython's `TypeError` for calling a function of parameters `p` with `given` positional
/// arguments and these keyword arguments (py2rust knew at compile time that they do not bind).
#[cold]
pub fn binding_error(p: &Params, given: usize, keywords: &[&str]) -> PyErr {
    let kwargs = keywords.iter().map(|k| (PyStr::from(*k), Value::None)).collect();
    match bind_args(p, vec![Value::None; given], kwargs) {
        Err(e) => e,
        Ok(_) => PyErr::runtime_error(format!("py2rust: internal error: the arguments of {}() bind", p.name)),
    }
}

impl BoundArgs {
    /// The next named parameter's argument, unboxed (`None`: its default applies).
    pub fn next<T: FromValue>(&mut self) -> PyResult<Option<T>> {
        self.slots.next().flatten().map(T::from_value).transpose()
    }

    /// The next named parameter's argument, which [`bind_args`] made sure was given.
    pub fn next_required<T: FromValue>(&mut self) -> PyResult<T> {
        T::from_value(self.slots.next().flatten().unwrap_or(Value::None))
    }

    /// The `*args` tuple.
    pub fn rest(&mut self) -> Value {
        Value::tuple(std::mem::take(&mut self.rest))
    }

    /// The `**kwargs` dict.
    pub fn kwargs<T: FromValue + Clone>(&mut self) -> PyResult<PyDict<PyStr, T>> {
        let pairs = std::mem::take(&mut self.extra).into_iter().map(|(k, v)| Ok((k, T::from_value(v)?))).collect::<PyResult<Vec<_>>>()?;
        PyDict::from_pairs(pairs)
    }
}

/// The items of a `*xs` argument.
pub fn star_args(xs: &Value) -> PyResult<Vec<Value>> {
    match xs {
        Value::Tuple(items) => Ok(items.to_vec()),
        _ => xs.iter()?.collect(),
    }
}

/// `obj.name` on a value only known at run time.
pub fn getattr_value(obj: &Value, name: &str) -> PyResult<Value> {
    if let Value::Obj(o) = obj {
        if let Some(r) = o.get_attr(name) {
            return r;
        }
    }
    Err(PyErr::attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name)))
}

fn builtin(name: &'static str, body: impl Fn(Vec<Value>) -> PyResult<Value> + 'static) -> Value {
    let body = move |args, kwargs: Kwargs| {
        if !kwargs.is_empty() {
            return Err(PyErr::type_error(format!("{name}() takes no keyword arguments")));
        }
        body(args)
    };
    Value::Obj(Rc::new(PyFunc { name, builtin: true, body: Rc::new(body) }))
}

fn exactly(name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() != n {
        let plural = if n == 1 { "" } else { "s" };
        return Err(PyErr::type_error(format!("{name}() takes exactly {n} argument{plural} ({} given)", args.len())));
    }
    Ok(())
}

/// The builtins available as values (the transpiler refuses the others).
pub const BUILTIN_VALUES: &[&str] = &["abs", "len", "pow", "str", "repr", "int", "float", "bool"];

/// A builtin function as a value (`abs`, `len`, `str`, ...; see [`BUILTIN_VALUES`]).
pub fn builtin_value(name: &'static str) -> Value {
    if matches!(name, "int" | "float" | "str" | "bool" | "list" | "set" | "dict" | "tuple") {
        // Classes: `<class 'int'>`.
        return crate::stdlib::collections::builtin_type_value(name);
    }
    builtin_value_of(name).unwrap_or_else(|| builtin(name, move |_| Err(PyErr::type_error(format!("{name}() is not available as a value")))))
}

pub(crate) fn builtin_value_of(name: &str) -> Option<Value> {
    Some(match name {
        "abs" => builtin("abs", |a| {
            exactly("abs", &a, 1)?;
            crate::builtins::abs_value(a.into_iter().next().unwrap_or(Value::None))
        }),
        "len" => builtin("len", |a| {
            exactly("len", &a, 1)?;
            Ok(a[0].len()?.into_value())
        }),
        "pow" => builtin("pow", |a| {
            if a.len() < 2 || a.len() > 3 {
                return Err(PyErr::type_error(format!("pow expected at least 2 arguments, got {}", a.len())));
            }
            let mut it = a.into_iter();
            let (b, e) = (it.next().unwrap_or(Value::None), it.next().unwrap_or(Value::None));
            crate::builtins::pow_value(b, e, it.next())
        }),
        "str" => builtin("str", |a| match a.into_iter().next() {
            Some(v) => Ok(crate::builtins::str_value(v)?.into_value()),
            None => Ok(Value::Str("".into())),
        }),
        "repr" => builtin("repr", |a| {
            exactly("repr", &a, 1)?;
            Ok(crate::object::py_repr(&a[0])?.into_value())
        }),
        "int" => builtin("int", |a| match a.into_iter().next() {
            Some(v) => Ok(crate::builtins::int_value(v)?.into_value()),
            None => Ok(crate::int::Int::from(0i64).into_value()),
        }),
        "float" => builtin("float", |a| match a.into_iter().next() {
            Some(v) => Ok(crate::builtins::float_value(v)?.into_value()),
            None => Ok(Value::Float(0.0)),
        }),
        "bool" => builtin("bool", |a| Ok(Value::Bool(a.first().is_some_and(Value::truthy)))),
        _ => return None,
    })
}

/// A required positional argument of a function value (`check_method_arity` ran first).
#[inline]
pub fn req_arg<T: FromValue>(args: &mut std::vec::IntoIter<Value>) -> PyResult<T> {
    T::from_value(args.next().unwrap_or(Value::None))
}

/// `zip(*iterables)`: tuples of a length known only at run time (consumed at once).
pub fn zip_values(iterables: Vec<Value>) -> PyResult<Vec<Value>> {
    let mut iters = iterables.iter().map(Value::iter).collect::<PyResult<Vec<_>>>()?;
    let mut out = Vec::new();
    if iters.is_empty() {
        return Ok(out);
    }
    loop {
        let mut row = Vec::with_capacity(iters.len());
        for it in iters.iter_mut() {
            match it.next() {
                Some(v) => row.push(v?),
                None => return Ok(out),
            }
        }
        out.push(Value::tuple(row));
    }
}
