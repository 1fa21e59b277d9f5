//! `PyIter<T>`: a Python iterator object stored in a variable (`it = iter(xs)`), shared by
//! reference; `next(it)` raises `StopIteration` once it is exhausted, and stays exhausted.

use crate::err::{Exc, PyErr, PyResult};
use crate::object::PyObject;
use std::cell::RefCell;
use std::rc::Rc;

type Inner<T> = Rc<RefCell<Box<dyn Iterator<Item = PyResult<T>>>>>;

/// The iterator, and the Python type it stands for when the program asks (`type(g).__name__`
/// of a generator expression is `generator`); empty when not known.
pub struct PyIter<T>(Inner<T>, &'static str);

impl<T> Clone for PyIter<T> {
    fn clone(&self) -> Self {
        PyIter(Rc::clone(&self.0), self.1)
    }
}

impl<T: 'static> PyIter<T> {
    /// Over items that may raise.
    pub fn new(items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>) -> PyIter<T> {
        PyIter(Rc::new(RefCell::new(Box::new(items.into_iter()))), "")
    }

    /// Over items that cannot raise.
    pub fn from_plain(items: impl IntoIterator<Item = T, IntoIter: 'static>) -> PyIter<T> {
        PyIter::new(items.into_iter().map(Ok))
    }

    /// Over an object's `__next__`: `StopIteration` ends it (and it stays ended).
    pub fn from_next(next: impl FnMut() -> PyResult<T> + 'static) -> PyIter<T> {
        PyIter::new(py_next_iter(next))
    }

    /// `iter(f, sentinel)`: `f()` until it returns the sentinel (or raises `StopIteration`).
    pub fn from_sentinel(mut f: impl FnMut() -> PyResult<T> + 'static, sentinel: crate::value::Value) -> PyIter<T>
    where
        T: crate::value::IntoValue + Clone,
    {
        let mut done = false;
        PyIter::new(std::iter::from_fn(move || {
            if done {
                return None;
            }
            match f() {
                Ok(v) => {
                    let x = v.clone().into_value();
                    if x.is_same(&sentinel) || x.eq(&sentinel) {
                        done = true;
                        None
                    } else {
                        Some(Ok(v))
                    }
                }
                Err(e) if e.is_instance(Exc::StopIteration) => {
                    done = true;
                    None
                }
                Err(e) => Some(Err(e)),
            }
        }))
    }

    /// The same iterator, known to be a Python `kind` (`generator`).
    pub fn named(mut self, kind: &'static str) -> PyIter<T> {
        self.1 = kind;
        self
    }

    /// `type(it).__name__`, where it is known.
    pub fn kind_name(&self) -> PyResult<crate::pystr::PyStr> {
        if self.1.is_empty() {
            return Err(PyErr::type_error("py2rust: the Python type of this iterator is not known here"));
        }
        Ok(crate::pystr::PyStr::from(self.1))
    }

    /// `next(it)`.
    pub fn next_item(&self) -> PyResult<T> {
        let item = self.0.borrow_mut().next();
        match item {
            Some(r) => r,
            None => Err(PyErr::stop_iteration(None)),
        }
    }

    /// `next(it, default)`.
    pub fn next_or(&self, default: T) -> PyResult<T> {
        let item = self.0.borrow_mut().next();
        item.unwrap_or(Ok(default))
    }

    /// `a is b`.
    pub fn is(&self, other: &PyIter<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: 'static> Iterator for PyIter<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        self.0.borrow_mut().next()
    }
}

impl<T> PyObject for PyIter<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<iterator object at {:#x}>", Rc::as_ptr(&self.0) as *const () as usize));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        if self.1.is_empty() { "iterator" } else { self.1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::int::Int;

    #[test]
    fn exhausted_iterators_raise_stop_iteration_and_stay_exhausted() {
        let it = PyIter::from_plain(vec![Int::from(1), Int::from(2)]);
        let alias = it.clone();
        assert_eq!(it.next_item().unwrap(), Int::from(1));
        assert_eq!(alias.next_item().unwrap(), Int::from(2));
        assert!(it.next_item().unwrap_err().is_instance(Exc::StopIteration));
        assert_eq!(it.next_or(Int::from(9)).unwrap(), Int::from(9));
        let mut n = 0;
        let counted = PyIter::from_next(move || {
            n += 1;
            if n > 3 { Err(PyErr::stop_iteration(None)) } else { Ok(Int::from(n)) }
        });
        assert_eq!(counted.map(|r| r.unwrap()).count(), 3);
    }
}

/// Iterating an object of an iterator class: each item is its `__next__` result, until it
/// raises `StopIteration` (and it stays ended). Not boxed, so loops over it inline.
pub struct NextIter<F> {
    next: F,
    done: bool,
}

pub fn py_next_iter<T, F: FnMut() -> PyResult<T>>(next: F) -> NextIter<F> {
    NextIter { next, done: false }
}

impl<T, F: FnMut() -> PyResult<T>> Iterator for NextIter<F> {
    type Item = PyResult<T>;

    #[inline]
    fn next(&mut self) -> Option<PyResult<T>> {
        if self.done {
            return None;
        }
        match (self.next)() {
            Ok(v) => Some(Ok(v)),
            Err(e) if e.is_instance(Exc::StopIteration) => {
                self.done = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// One of two versions of the same iterator, chosen when it is made: an object kept in place
/// with machine-word attributes (`Small`) when its arguments fit, the usual one otherwise.
/// The choice does not change inside a loop, so the compiler takes it out of the loop.
pub enum Versioned<S, U> {
    Small(S),
    Usual(U),
}

impl<T, S: Iterator<Item = T>, U: Iterator<Item = T>> Iterator for Versioned<S, U> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self {
            Versioned::Small(s) => s.next(),
            Versioned::Usual(u) => u.next(),
        }
    }
}

/// `next(obj, default)` for an iterator class: its `__next__` result, or the default when it
/// raises `StopIteration`.
pub fn next_or_default<T>(next: PyResult<T>, default: T) -> PyResult<T> {
    match next {
        Err(e) if e.is_instance(Exc::StopIteration) => Ok(default),
        other => other,
    }
}

/// `next(f)` for anything iterable by `iter()` (a file's lines, say): `StopIteration` at the end.
pub fn next_of<T, I: Iterator<Item = PyResult<T>>>(mut items: I) -> PyResult<T> {
    match items.next() {
        Some(r) => r,
        None => Err(PyErr::stop_iteration(None)),
    }
}

/// `iter(x)` (or any iteration) of a value that is not iterable: CPython's `TypeError`.
pub fn not_iterable<T>(type_name: &str) -> PyResult<std::iter::Empty<T>> {
    Err(PyErr::type_error(format!("'{type_name}' object is not iterable")))
}

/// `next(x)` of a value that is not an iterator: CPython's `TypeError`.
pub fn not_an_iterator(type_name: &str) -> PyResult<crate::value::Value> {
    Err(PyErr::type_error(format!("'{type_name}' object is not an iterator")))
}

/// An iterator as a dynamic value (returned through a function value, say).
impl<T: crate::value::IntoValue + 'static> crate::value::Object for PyIter<T> {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn std::any::Any> {
        self
    }

    fn iter(self: Rc<Self>) -> PyResult<crate::value::ValueIter> {
        let it = (*self).clone();
        Ok(crate::value::ValueIter::new(it.map(|r| r.map(crate::value::IntoValue::into_value))))
    }

    fn call_method(self: Rc<Self>, name: &str, args: Vec<crate::value::Value>) -> Option<PyResult<crate::value::Value>> {
        (name == "__next__" && args.is_empty()).then(|| self.next_item().map(crate::value::IntoValue::into_value))
    }
}

impl<T: crate::value::IntoValue + 'static> crate::value::IntoValue for PyIter<T> {
    fn into_value(self) -> crate::value::Value {
        crate::value::Value::Obj(Rc::new(self))
    }
}

impl<T: crate::value::IntoValue + 'static> crate::value::FromValue for PyIter<T> {
    fn from_value(v: crate::value::Value) -> PyResult<Self> {
        let name = v.type_name();
        if let crate::value::Value::Obj(o) = v {
            if let Ok(it) = o.into_any_rc().downcast::<PyIter<T>>() {
                return Ok((*it).clone());
            }
        }
        Err(PyErr::type_error(format!("expected iterator, got {name}")))
    }
}
