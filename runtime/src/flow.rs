//! Control flow through `try`/`finally` in generated code.

use crate::err::{Exc, PyErr, PyResult};
use crate::object::PyObject;
use crate::value::{FromValue, IntoValue, Object, Value};
use std::any::Any;
use std::rc::Rc;

/// How the protected part of a `try` with a `finally` ended: the `finally` block runs, then the
/// completion continues where it was going (CPython's "pending" return, exception, break or
/// continue).
pub enum Completion<R> {
    Normal,
    Return(R),
    Raise(PyErr),
    Break,
    Continue,
}

impl PyErr {
    /// `raise err from cause` (`cause` is `None` for `from None`).
    pub fn caused_by(mut err: PyErr, cause: Option<PyErr>) -> PyErr {
        err.set_cause(cause);
        err
    }

    /// An exception raised while `handling` another: CPython records it as `__context__`.
    pub fn during(mut err: PyErr, handling: &PyErr) -> PyErr {
        err.set_context(handling.clone());
        err
    }
}

/// An exception as a dynamic value (`except E as e` stored where several types meet, or
/// passed to `__exit__`).
impl Object for PyErr {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
}

impl IntoValue for PyErr {
    fn into_value(self) -> Value {
        Value::Obj(Rc::new(self))
    }
}

impl FromValue for PyErr {
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                o.into_any_rc().downcast::<PyErr>().map(|e| (*e).clone()).map_err(|_| PyErr::type_error(format!("expected an exception, got {name}")))
            }
            other => Err(PyErr::type_error(format!("expected an exception, got {}", other.type_name()))),
        }
    }
}

/// An exception class as a value (`exc_type` in `__exit__`): prints as `<class 'ValueError'>`.
pub struct ExcClassValue(&'static str);

impl PyObject for ExcClassValue {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        if matches!(Exc::ALL.iter().find(|e| e.name() == self.0), Some(_)) {
            out.push_str(&format!("<class '{}'>", self.0));
        } else {
            out.push_str(&format!("<class '__main__.{}'>", self.0));
        }
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "type"
    }
}

impl Object for ExcClassValue {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        (name == "__name__" || name == "__qualname__").then(|| Ok(Value::Str(self.0.into())))
    }
}

/// `type(err)` as a value.
pub fn exc_class_value(err: &PyErr) -> Value {
    Value::Obj(Rc::new(ExcClassValue(err.type_name())))
}

/// The exception `g.throw(x)` raises for a dynamic `x`: an exception instance, or a builtin
/// exception class (instantiated without arguments).
pub fn exception_of(v: Value) -> PyResult<PyErr> {
    if let Value::Obj(o) = &v {
        if let Some(c) = o.as_any().downcast_ref::<ExcClassValue>() {
            if let Some(exc) = Exc::ALL.iter().find(|e| e.name() == c.0) {
                return Ok(PyErr::with_args(*exc, Vec::new()));
            }
        }
    }
    match PyErr::from_value(v) {
        Ok(e) => Ok(e),
        Err(_) => Err(PyErr::type_error("exceptions must be classes or instances deriving from BaseException, not object")),
    }
}

/// Collects an iterator of results (a dict's keys, say) into a `Vec`, stopping at the first
/// error.
pub fn try_collect<T>(items: impl IntoIterator<Item = PyResult<T>>) -> PyResult<Vec<T>> {
    items.into_iter().collect()
}

/// The items of an iterator of results, as plain items: it ends at the first error, which it
/// keeps for [`try_consume`] to raise.
pub struct Shunt<'a, I> {
    items: I,
    error: &'a mut Option<PyErr>,
}

impl<T, I: Iterator<Item = PyResult<T>>> Iterator for Shunt<'_, I> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self.items.next()? {
            Ok(v) => Some(v),
            Err(e) => {
                *self.error = Some(e);
                None
            }
        }
    }
}

/// Runs a consumer of plain items (`min`, `max`) over an iterator of results one item at a
/// time, as Python does (a key function runs on each item before the next is made); an
/// item's error is raised where it arose, ending the consumer there.
pub fn try_consume<T, I: IntoIterator<Item = PyResult<T>>, R>(items: I, consume: impl FnOnce(Shunt<'_, I::IntoIter>) -> PyResult<R>) -> PyResult<R> {
    let mut error = None;
    let result = consume(Shunt { items: items.into_iter(), error: &mut error });
    match error {
        Some(e) => Err(e),
        None => result,
    }
}

/// `map(f, items)`: lazy; each item is the function's result (or its exception).
pub fn py_map<T, R>(items: impl IntoIterator<Item = T>, f: impl FnMut(T) -> PyResult<R>) -> impl Iterator<Item = PyResult<R>> {
    items.into_iter().map(f)
}

/// `map(f, items)` over a source whose items may raise (a generator): pulled one at a time.
pub fn py_map_try<T, R>(items: impl IntoIterator<Item = PyResult<T>>, mut f: impl FnMut(T) -> PyResult<R>) -> impl Iterator<Item = PyResult<R>> {
    items.into_iter().map(move |x| x.and_then(&mut f))
}

/// `filter(f, items)` over a source whose items may raise.
pub fn py_filter_try<T, R: PyObject>(items: impl IntoIterator<Item = PyResult<T>>, mut f: impl FnMut(&T) -> PyResult<R>) -> impl Iterator<Item = PyResult<T>> {
    items.into_iter().filter_map(move |x| match x {
        Ok(x) => match f(&x) {
            Ok(r) if r.truthy() => Some(Ok(x)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        },
        Err(e) => Some(Err(e)),
    })
}

/// `filter(f, items)`: lazy; keeps the items whose `f(item)` is true.
pub fn py_filter<T, R: PyObject>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(&T) -> PyResult<R>) -> impl Iterator<Item = PyResult<T>> {
    items.into_iter().filter_map(move |x| match f(&x) {
        Ok(r) if r.truthy() => Some(Ok(x)),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    })
}

/// A generator expression with one `for` clause, consumed lazily: `f` binds the item, applies
/// the `if` conditions (`Ok(None)` skips the item) and computes the element.
pub fn py_genexpr<T, R>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(T) -> PyResult<Option<R>>) -> impl Iterator<Item = PyResult<R>> {
    items.into_iter().filter_map(move |x| f(x).transpose())
}

/// Each item paired with a clone of `shared`: the cell of a generator expression's loop
/// variable that a generator expression made inside reads later (one cell for the whole
/// expression, set on each item, as CPython's closure cell is).
pub fn with_shared<S: Clone, T>(items: impl IntoIterator<Item = T>, shared: S) -> impl Iterator<Item = (S, T)> {
    items.into_iter().map(move |x| (shared.clone(), x))
}

/// [`with_shared`] over a source whose items may raise.
pub fn with_shared_try<S: Clone, T>(items: impl IntoIterator<Item = PyResult<T>>, shared: S) -> impl Iterator<Item = PyResult<(S, T)>> {
    items.into_iter().map(move |x| x.map(|x| (shared.clone(), x)))
}

/// `py_genexpr` over a source whose items may raise (a generator, another lazy pipeline):
/// pulled one at a time, so each stage runs only when the next asks, as in Python.
pub fn py_genexpr_try<T, R>(items: impl IntoIterator<Item = PyResult<T>>, mut f: impl FnMut(T) -> PyResult<Option<R>>) -> impl Iterator<Item = PyResult<R>> {
    items.into_iter().filter_map(move |x| match x {
        Ok(x) => f(x).transpose(),
        Err(e) => Some(Err(e)),
    })
}

/// A generator expression with several `for` clauses: `outer` makes, per item of the first
/// clause, the iterator of the rest, run only when its items are asked for. After an exception
/// it is finished, as the generator expression is in CPython.
pub fn py_flatten<I, R>(outer: impl IntoIterator<Item = PyResult<I>>) -> impl Iterator<Item = PyResult<R>>
where
    I: Iterator<Item = PyResult<R>>,
{
    let mut outer = outer.into_iter();
    let mut inner: Option<I> = None;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        if let Some(it) = &mut inner {
            match it.next() {
                Some(Ok(v)) => return Some(Ok(v)),
                Some(Err(e)) => {
                    done = true;
                    return Some(Err(e));
                }
                None => inner = None,
            }
        }
        match outer.next() {
            Some(Ok(it)) => inner = Some(it),
            Some(Err(e)) => {
                done = true;
                return Some(Err(e));
            }
            None => {
                done = true;
                return None;
            }
        }
    })
}

/// `zip(a, b)` over items that may raise: lazy, pulling from `a` first, then from `b` (an item
/// taken from `a` when `b` is exhausted is lost, as in CPython), and ended for good after that.
pub fn try_zip<A, B>(a: impl IntoIterator<Item = PyResult<A>>, b: impl IntoIterator<Item = PyResult<B>>) -> impl Iterator<Item = PyResult<(A, B)>> {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let x = match a.next() {
            Some(Ok(x)) => x,
            Some(Err(e)) => return Some(Err(e)),
            None => {
                done = true;
                return None;
            }
        };
        match b.next() {
            Some(Ok(y)) => Some(Ok((x, y))),
            Some(Err(e)) => Some(Err(e)),
            None => {
                done = true;
                None
            }
        }
    })
}

/// `enumerate(items, start)` over items that may raise: lazy.
pub fn try_enumerate<T>(items: impl IntoIterator<Item = PyResult<T>>, start: crate::int::Int) -> impl Iterator<Item = PyResult<(crate::int::Int, T)>> {
    crate::builtins::py_enumerate(items, start).map(|(i, r)| r.map(|x| (i, x)))
}

/// `any(items)` over items that may raise: stops at the first true item, as Python does.
pub fn try_any<T: PyObject>(items: impl IntoIterator<Item = PyResult<T>>) -> PyResult<bool> {
    for x in items {
        if x?.truthy() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `all(items)` over items that may raise: stops at the first false item.
pub fn try_all<T: PyObject>(items: impl IntoIterator<Item = PyResult<T>>) -> PyResult<bool> {
    for x in items {
        if !x?.truthy() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `a, b = items`: exactly `n` items, or CPython's `ValueError`.
pub fn unpack<T>(items: impl IntoIterator<Item = T>, n: usize) -> PyResult<Vec<T>> {
    try_unpack(items.into_iter().map(Ok), n)
}

/// `needle in items` over an iterator (items that may raise): stops at the first equal item.
pub fn try_contains<T: IntoValue>(items: impl IntoIterator<Item = PyResult<T>>, needle: &Value) -> PyResult<bool> {
    for x in items {
        let x = x?.into_value();
        if x.is_same(needle) || x.eq(needle) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `a, b = items` over items that may raise: at most one item more than the targets is pulled.
pub fn try_unpack<T>(items: impl IntoIterator<Item = PyResult<T>>, n: usize) -> PyResult<Vec<T>> {
    let mut out = Vec::with_capacity(n);
    for x in items {
        let x = x?;
        if out.len() == n {
            return Err(crate::err::PyErr::value_error(format!("too many values to unpack (expected {n})")));
        }
        out.push(x);
    }
    if out.len() < n {
        return Err(crate::err::PyErr::value_error(format!("not enough values to unpack (expected {n}, got {})", out.len())));
    }
    Ok(out)
}

/// `a, *rest, b = items`: the `before + after` fixed items in order, and the middle as a list;
/// CPython's `ValueError` when there are too few.
/// `a, b = v` for a dynamic value: any iterable with exactly as many items.
pub fn unpack_value(v: &Value, n: usize) -> PyResult<Vec<Value>> {
    let items = v.iter().map_err(|e| {
        if e.is_instance(Exc::TypeError) {
            PyErr::type_error(format!("cannot unpack non-iterable {} object", v.type_name()))
        } else {
            e
        }
    })?;
    let mut out = Vec::with_capacity(n);
    for x in items {
        if out.len() == n {
            return Err(PyErr::value_error(format!("too many values to unpack (expected {n})")));
        }
        out.push(x?);
    }
    if out.len() < n {
        return Err(PyErr::value_error(format!("not enough values to unpack (expected {n}, got {})", out.len())));
    }
    Ok(out)
}

pub fn unpack_ex<T: Clone>(items: impl IntoIterator<Item = T>, before: usize, after: usize) -> PyResult<(Vec<T>, crate::list::PyList<T>)> {
    let all: Vec<T> = items.into_iter().collect();
    if all.len() < before + after {
        return Err(crate::err::PyErr::value_error(format!("not enough values to unpack (expected at least {}, got {})", before + after, all.len())));
    }
    let mut fixed = all[..before].to_vec();
    fixed.extend_from_slice(&all[all.len() - after..]);
    let middle = crate::list::PyList::from_vec(all[before..all.len() - after].to_vec());
    Ok((fixed, middle))
}

/// `print(*items)`: the arguments as dynamic values (to stdout, or stderr for `file=sys.stderr`).
pub fn print_values(items: &[Value], sep: &str, end: &str, to_stderr: bool) -> PyResult<()> {
    let refs: Vec<&dyn PyObject> = items.iter().map(|v| v as &dyn PyObject).collect();
    if to_stderr {
        crate::builtins::eprint(&refs, sep, end)
    } else {
        crate::builtins::print(&refs, sep, end)
    }
}

/// `dict(v)` for a mapping or an iterable of pairs known only at run time.
pub fn dict_of_value(v: &crate::value::Value) -> crate::err::PyResult<crate::dict::PyDict<crate::value::Value, crate::value::Value>> {
    let d = crate::dict::PyDict::new();
    crate::stdlib::collections::fill_dict(&d, v)?;
    Ok(d)
}
