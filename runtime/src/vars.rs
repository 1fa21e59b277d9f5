//! Variables as generated code stores them where a plain Rust local is not enough: module
//! globals that functions share, and locals Python may read before they are assigned.

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::value::Value;
use std::cell::RefCell;
use std::thread::LocalKey;

/// A module global some function reads or writes, kept in a `thread_local!`:
/// `static G_LIMIT: Global<Int> = const { Global::new() };`. Unset until the module assigns it.
pub struct Global<T>(RefCell<Option<T>>);

impl<T> Global<T> {
    pub const fn new() -> Global<T> {
        Global(RefCell::new(None))
    }
}

impl<T> Default for Global<T> {
    fn default() -> Self {
        Global::new()
    }
}

/// Reads a global: `NameError: name 'x' is not defined` while it is unset.
#[inline]
pub fn global_get<T: Clone + 'static>(key: &'static LocalKey<Global<T>>, name: &str) -> PyResult<T> {
    key.with(|g| g.0.borrow().clone()).ok_or_else(|| PyErr::name_error(name))
}

/// Assigns a global.
#[inline]
pub fn global_set<T: 'static>(key: &'static LocalKey<Global<T>>, value: T) {
    key.with(|g| *g.0.borrow_mut() = Some(value));
}

/// `del x` of a global: `NameError` when it is already unset.
pub fn global_del<T: 'static>(key: &'static LocalKey<Global<T>>, name: &str) -> PyResult<()> {
    // The old value is dropped after the borrow ends (its drop may run Python code).
    let old = key.with(|g| g.0.borrow_mut().take());
    match old {
        Some(_) => Ok(()),
        None => Err(PyErr::name_error(name)),
    }
}

/// `del x` of a local that may be unbound: the value is dropped now, as CPython does.
pub fn del_local<T>(slot: &mut Option<T>, name: &str, module: bool) -> PyResult<()> {
    match slot.take() {
        Some(_) => Ok(()),
        None if module => Err(PyErr::name_error(name)),
        None => Err(PyErr::unbound_local(name)),
    }
}

/// Reads a function local that may be unbound (`UnboundLocalError`, CPython's message).
#[inline]
pub fn bound_local<'a, T>(slot: &'a Option<T>, name: &str) -> PyResult<&'a T> {
    slot.as_ref().ok_or_else(|| PyErr::unbound_local(name))
}

/// Reads a module-level variable that may be unbound (`NameError`).
#[inline]
pub fn bound_global<'a, T>(slot: &'a Option<T>, name: &str) -> PyResult<&'a T> {
    slot.as_ref().ok_or_else(|| PyErr::name_error(name))
}

/// A name that is neither local, global nor builtin: `NameError` when evaluated.
pub fn name_error(name: &str) -> PyResult<Value> {
    Err(PyErr::name_error(name))
}

/// An int argument where CPython clamps to a machine word (e.g. `round`'s `ndigits`).
pub fn saturating_i64(n: &Int) -> i64 {
    n.to_i64().unwrap_or(if n.is_negative() { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static G_X: Global<Int> = const { Global::new() };
    }

    #[test]
    fn globals_raise_name_error_until_assigned() {
        let err = global_get(&G_X, "x").unwrap_err();
        assert_eq!(err.message(), "name 'x' is not defined");
        global_set(&G_X, Int::from(5));
        assert_eq!(global_get(&G_X, "x").unwrap(), Int::from(5));
    }

    #[test]
    fn unbound_locals_use_cpythons_message() {
        let slot: Option<Int> = None;
        let err = bound_local(&slot, "total").unwrap_err();
        assert_eq!(err.message(), "cannot access local variable 'total' where it is not associated with a value");
        assert_eq!(saturating_i64(&Int::big("-100000000000000000000000")), i64::MIN);
    }
}
