//! Control flow through `try`/`finally` in generated code.

use crate::err::PyErr;

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
