//! The traits every Python value implements: printing (`str`/`repr`), truthiness, type names,
//! equality and ordering.
//!
//! Printing is fallible (`-> PyResult<()>`) because it is in Python: an int past 4300 digits
//! raises `ValueError`, a deeply nested list raises `RecursionError`, and user classes' `__str__`
//! and `__repr__` may raise anything.
//!
//! Rust `()` is Python's `None`; the empty Python tuple is [`EmptyTuple`]; Rust tuples of 1 to
//! 12 elements are Python tuples.

use crate::entry;
use crate::err::{PyErr, PyResult};
use crate::float::write_float_repr;
use crate::int::Int;
use crate::pystr::PyStr;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::fmt::Write;
use std::rc::Rc;

/// What every Python value can do without knowing its static type.
pub trait PyObject {
    /// Appends `repr(self)`.
    fn write_repr(&self, out: &mut String) -> PyResult<()>;
    /// Appends `str(self)` (the repr unless the type says otherwise).
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        self.write_repr(out)
    }
    /// `bool(self)`.
    fn truthy(&self) -> bool;
    /// `type(self).__name__`.
    fn type_name(&self) -> &'static str;
}

/// `str(x)`.
pub fn py_str<T: PyObject + ?Sized>(x: &T) -> PyResult<PyStr> {
    let mut s = String::new();
    x.write_str(&mut s)?;
    Ok(PyStr::from(s))
}

/// `repr(x)`.
pub fn py_repr<T: PyObject + ?Sized>(x: &T) -> PyResult<PyStr> {
    let mut s = String::new();
    x.write_repr(&mut s)?;
    Ok(PyStr::from(s))
}

/// `bool(x)`.
#[inline]
pub fn truthy<T: PyObject + ?Sized>(x: &T) -> bool {
    x.truthy()
}

/// The empty Python tuple `()` (Rust's `()` is Python's `None`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EmptyTuple;

// ---------------------------------------------------------------------------------------------
// Repr recursion: `[...]` for a container already being printed, RecursionError when too deep.

thread_local! {
    /// Identities of the containers whose repr is in progress (CPython's `Py_ReprEnter`).
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Held while a container writes its items; see [`repr_enter`].
pub struct ReprGuard {
    id: Option<usize>,
    _depth: entry::CallGuard,
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            REPR_ACTIVE.with(|a| {
                let mut a = a.borrow_mut();
                if let Some(pos) = a.iter().rposition(|&x| x == id) {
                    a.remove(pos);
                }
            });
        }
    }
}

/// Enters the repr of a container. `id` is the container's identity (its allocation address)
/// for mutable containers, which can contain themselves; `None` for tuples.
/// Returns `Ok(None)` when that container is already being printed (the caller writes `[...]`),
/// and a `RecursionError` when nesting plus call depth passes the recursion limit, as CPython.
pub fn repr_enter(id: Option<usize>) -> PyResult<Option<ReprGuard>> {
    if let Some(id) = id {
        let active = REPR_ACTIVE.with(|a| a.borrow().contains(&id));
        if active {
            return Ok(None);
        }
    }
    let depth = entry::enter_call_with(" while getting the repr of an object")?;
    if let Some(id) = id {
        REPR_ACTIVE.with(|a| a.borrow_mut().push(id));
    }
    Ok(Some(ReprGuard { id, _depth: depth }))
}

/// Writes `open item, item, ... close` using each item's repr.
pub(crate) fn write_seq<'a, T: PyObject + 'a>(
    out: &mut String,
    open: &str,
    items: impl IntoIterator<Item = &'a T>,
    close: &str,
) -> PyResult<()> {
    out.push_str(open);
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        x.write_repr(out)?;
    }
    out.push_str(close);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// PyObject for the scalar types.

impl PyObject for Int {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        match self {
            Int::Small(v) => {
                let _ = write!(out, "{v}");
            }
            _ => out.push_str(&self.to_string_checked()?),
        }
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        !matches!(self, Int::Small(0))
    }
    fn type_name(&self) -> &'static str {
        "int"
    }
}

impl PyObject for f64 {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        write_float_repr(*self, out);
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        *self != 0.0
    }
    fn type_name(&self) -> &'static str {
        "float"
    }
}

impl PyObject for bool {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(if *self { "True" } else { "False" });
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        *self
    }
    fn type_name(&self) -> &'static str {
        "bool"
    }
}

/// `None`.
impl PyObject for () {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str("None");
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        false
    }
    fn type_name(&self) -> &'static str {
        "NoneType"
    }
}

impl PyObject for EmptyTuple {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str("()");
        Ok(())
    }
    fn truthy(&self) -> bool {
        false
    }
    fn type_name(&self) -> &'static str {
        "tuple"
    }
}

/// `Optional[T]`: `None` or the value.
impl<T: PyObject> PyObject for Option<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        match self {
            Some(x) => x.write_repr(out),
            None => ().write_repr(out),
        }
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        match self {
            Some(x) => x.write_str(out),
            None => ().write_repr(out),
        }
    }
    fn truthy(&self) -> bool {
        self.as_ref().is_some_and(|x| x.truthy())
    }
    fn type_name(&self) -> &'static str {
        match self {
            Some(x) => x.type_name(),
            None => "NoneType",
        }
    }
}

impl<T: PyObject + ?Sized> PyObject for &T {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        (**self).write_repr(out)
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        (**self).write_str(out)
    }
    fn truthy(&self) -> bool {
        (**self).truthy()
    }
    fn type_name(&self) -> &'static str {
        (**self).type_name()
    }
}

impl<T: PyObject + ?Sized> PyObject for Rc<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        (**self).write_repr(out)
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        (**self).write_str(out)
    }
    fn truthy(&self) -> bool {
        (**self).truthy()
    }
    fn type_name(&self) -> &'static str {
        (**self).type_name()
    }
}

// ---------------------------------------------------------------------------------------------
// Equality and ordering.

/// A rich comparison operator other than `==`/`!=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// The operator as CPython's error messages spell it.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// Whether `a op b` holds given `a.cmp(b)`.
    #[inline]
    pub fn holds(self, ord: Ordering) -> bool {
        match self {
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        }
    }

    /// Same as [`CmpOp::holds`] for a partial order (`None`, NaN involved: false).
    #[inline]
    pub fn holds_partial(self, ord: Option<Ordering>) -> bool {
        ord.is_some_and(|o| self.holds(o))
    }
}

/// `TypeError: '<' not supported between instances of 'int' and 'str'`.
#[cold]
pub fn cmp_type_error(op: CmpOp, a: &str, b: &str) -> PyErr {
    PyErr::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a,
        b
    ))
}

/// Python `==` on values of one static type (`1 == 1.0` lives in `Value`).
pub trait PyEq {
    fn py_eq(&self, other: &Self) -> bool;
    #[inline]
    fn py_ne(&self, other: &Self) -> bool {
        !self.py_eq(other)
    }
}

/// Python `<`, `<=`, `>`, `>=`, which raise `TypeError` for unorderable values.
pub trait PyOrd: PyEq {
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool>;
    #[inline]
    fn py_lt(&self, other: &Self) -> PyResult<bool> {
        self.py_cmp(other, CmpOp::Lt)
    }
    #[inline]
    fn py_le(&self, other: &Self) -> PyResult<bool> {
        self.py_cmp(other, CmpOp::Le)
    }
    #[inline]
    fn py_gt(&self, other: &Self) -> PyResult<bool> {
        self.py_cmp(other, CmpOp::Gt)
    }
    #[inline]
    fn py_ge(&self, other: &Self) -> PyResult<bool> {
        self.py_cmp(other, CmpOp::Ge)
    }
}

/// Lexicographic comparison as CPython's list and tuple do it: find the first index where the
/// items differ (by `==`), compare that pair with `op`; if none differ, compare the lengths.
pub fn seq_cmp<T: PyOrd>(a: &[T], b: &[T], op: CmpOp) -> PyResult<bool> {
    for (x, y) in a.iter().zip(b.iter()) {
        if !x.py_eq(y) {
            return x.py_cmp(y, op);
        }
    }
    Ok(op.holds(a.len().cmp(&b.len())))
}

/// Element-wise `==` of two sequences.
pub fn seq_eq<T: PyEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.py_eq(y))
}

macro_rules! total_order {
    ($($t:ty),*) => {$(
        impl PyEq for $t {
            #[inline]
            fn py_eq(&self, other: &Self) -> bool { self == other }
        }
        impl PyOrd for $t {
            #[inline]
            fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> { Ok(op.holds(self.cmp(other))) }
        }
    )*};
}
total_order!(Int, bool, PyStr, EmptyTuple);

impl PyEq for f64 {
    #[inline]
    fn py_eq(&self, other: &Self) -> bool {
        self == other
    }
}
impl PyOrd for f64 {
    #[inline]
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
        Ok(op.holds_partial(self.partial_cmp(other)))
    }
}

impl PyEq for () {
    fn py_eq(&self, _: &()) -> bool {
        true
    }
}
impl PyOrd for () {
    fn py_cmp(&self, _: &(), op: CmpOp) -> PyResult<bool> {
        Err(cmp_type_error(op, "NoneType", "NoneType"))
    }
}

impl<T: PyEq> PyEq for Option<T> {
    fn py_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.py_eq(b),
            (None, None) => true,
            _ => false,
        }
    }
}
impl<T: PyOrd + PyObject> PyOrd for Option<T> {
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
        match (self, other) {
            (Some(a), Some(b)) => a.py_cmp(b, op),
            _ => Err(cmp_type_error(op, self.type_name(), other.type_name())),
        }
    }
}

impl<T: PyEq + ?Sized> PyEq for Rc<T> {
    fn py_eq(&self, other: &Self) -> bool {
        (**self).py_eq(other)
    }
}

// ---------------------------------------------------------------------------------------------
// Rust tuples are Python tuples.

macro_rules! tuple_impls {
    ($( ($($n:tt $T:ident),+) )*) => {$(
        impl<$($T: PyObject),+> PyObject for ($($T,)+) {
            fn write_repr(&self, out: &mut String) -> PyResult<()> {
                let _guard = repr_enter(None)?;
                out.push('(');
                $(
                    if $n > 0 { out.push_str(", "); }
                    self.$n.write_repr(out)?;
                )+
                // A 1-tuple prints as `(x,)`.
                if [$($n),+].len() == 1 { out.push(','); }
                out.push(')');
                Ok(())
            }
            fn truthy(&self) -> bool { true }
            fn type_name(&self) -> &'static str { "tuple" }
        }

        impl<$($T: PyEq),+> PyEq for ($($T,)+) {
            fn py_eq(&self, other: &Self) -> bool {
                $( self.$n.py_eq(&other.$n) )&&+
            }
        }

        impl<$($T: PyOrd),+> PyOrd for ($($T,)+) {
            fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
                $(
                    if !self.$n.py_eq(&other.$n) { return self.$n.py_cmp(&other.$n, op); }
                )+
                Ok(op.holds(Ordering::Equal))
            }
        }
    )*};
}

tuple_impls! {
    (0 A)
    (0 A, 1 B)
    (0 A, 1 B, 2 C)
    (0 A, 1 B, 2 C, 3 D)
    (0 A, 1 B, 2 C, 3 D, 4 E)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K)
    (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r<T: PyObject + ?Sized>(x: &T) -> String {
        py_repr(x).unwrap().as_str().to_string()
    }
    fn s<T: PyObject + ?Sized>(x: &T) -> String {
        py_str(x).unwrap().as_str().to_string()
    }

    #[test]
    fn scalars() {
        assert_eq!(r(&Int::from(-12)), "-12");
        assert_eq!(r(&true), "True");
        assert_eq!(r(&()), "None");
        assert_eq!(r(&1.5f64), "1.5");
        assert_eq!(r(&2.0f64), "2.0");
        assert_eq!(r(&EmptyTuple), "()");
        assert_eq!(r(&Some(Int::from(3))), "3");
        assert_eq!(r(&None::<Int>), "None");
        assert_eq!(().type_name(), "NoneType");
        assert_eq!(1.0f64.type_name(), "float");
        assert!(!truthy(&0.0f64));
        assert!(!truthy(&-0.0f64));
        assert!(truthy(&f64::NAN));
        assert!(!truthy(&Int::from(0)));
        assert!(truthy(&Int::big("100000000000000000000000")));
    }

    #[test]
    fn tuples() {
        // repr((1,)) == '(1,)'; repr((1, 'a')) == "(1, 'a')"; str((1, 'a')) == "(1, 'a')"
        assert_eq!(r(&(Int::from(1),)), "(1,)");
        assert_eq!(r(&(Int::from(1), PyStr::from("a"))), "(1, 'a')");
        assert_eq!(s(&(Int::from(1), PyStr::from("a"))), "(1, 'a')");
        assert_eq!(r(&((), (true, 2.5f64))), "(None, (True, 2.5))");
        assert!(truthy(&((),)));
        assert_eq!((Int::from(1),).type_name(), "tuple");
    }

    #[test]
    fn ordering() {
        // (1, 2) < (1, 3); (1, 'b') > (1, 'a'); (nan,) < (1.0,) is False; None < None raises
        let a = (Int::from(1), Int::from(2));
        let b = (Int::from(1), Int::from(3));
        assert!(a.py_lt(&b).unwrap());
        assert!(!a.py_ge(&b).unwrap());
        assert!((Int::from(1), PyStr::from("b")).py_gt(&(Int::from(1), PyStr::from("a"))).unwrap());
        assert!(!(f64::NAN,).py_lt(&(1.0,)).unwrap());
        assert!(!(f64::NAN,).py_eq(&(f64::NAN,)));
        assert!(a.py_le(&a.clone()).unwrap());
        let e = ().py_lt(&()).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'");
        let e = Some(Int::from(1)).py_gt(&None).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: '>' not supported between instances of 'int' and 'NoneType'");
        assert!(seq_cmp(&[Int::from(1)], &[Int::from(1), Int::from(0)], CmpOp::Lt).unwrap());
        assert!(seq_cmp::<Int>(&[], &[], CmpOp::Le).unwrap());
        assert!(!seq_cmp::<Int>(&[], &[], CmpOp::Lt).unwrap());
    }

    #[test]
    fn huge_int_str_raises() {
        let big = Int::big(&"9".repeat(4301));
        let e = py_str(&big).unwrap_err();
        assert!(e.to_string().starts_with("ValueError: Exceeds the limit (4300 digits)"));
        assert_eq!(py_str(&Int::big(&"9".repeat(4300))).unwrap().len_usize(), 4300);
    }
}
