//! `PyRange`: a `range` object used as a value (stored, passed, iterated more than once).
//! A `for` loop directly over `range(...)` never builds one: it iterates a `RangeIter`.

use crate::builtins::{range, range_len, RangeIter};
use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::object::PyObject;
use crate::value::{IntoValue, Object, Value, ValueIter};
use std::any::Any;
use std::rc::Rc;

/// `range(start, stop, step)`: immutable, re-iterable.
#[derive(Clone, Debug, PartialEq)]
pub struct PyRange {
    start: Int,
    stop: Int,
    step: Int,
}

impl PyRange {
    /// `range(start, stop, step)`: `ValueError` for a zero step.
    pub fn new(start: &Int, stop: &Int, step: &Int) -> PyResult<PyRange> {
        range(start, stop, step)?;
        Ok(PyRange { start: start.clone(), stop: stop.clone(), step: step.clone() })
    }

    /// A fresh iterator over the items.
    pub fn iter(&self) -> RangeIter {
        // The step was checked when the range was made, so this cannot fail.
        range(&self.start, &self.stop, &self.step).unwrap_or_else(|_| RangeIter::empty())
    }

    /// `len(r)`.
    pub fn len(&self) -> PyResult<Int> {
        range_len(&self.start, &self.stop, &self.step)
    }

    /// `x in r`.
    pub fn contains(&self, x: &Int) -> bool {
        let zero = Int::from(0);
        let inside = if self.step > zero { self.start <= *x && *x < self.stop } else { self.stop < *x && *x <= self.start };
        inside && (x - &self.start).modulo(&self.step).map(|r| r == zero).unwrap_or(false)
    }

    /// How many items, exactly (`len()` raises `OverflowError` past `isize`; indexing and
    /// comparing do not).
    fn count(&self) -> Int {
        let zero = Int::from(0);
        let (span, step) = if self.step > zero { (&self.stop - &self.start, self.step.clone()) } else { (&self.start - &self.stop, -&self.step) };
        if span <= zero {
            return zero;
        }
        // ceil(span / step) for positive operands.
        (&(&span + &step) - 1).floordiv(&step).unwrap_or(zero)
    }

    /// `r[i]`.
    pub fn getitem(&self, i: &Int) -> PyResult<Int> {
        let n = self.count();
        let zero = Int::from(0);
        let k = if *i < zero { i + &n } else { i.clone() };
        if k < zero || k >= n {
            return Err(PyErr::index_error("range object index out of range"));
        }
        Ok(&self.start + &(&k * &self.step))
    }
}

impl PyRange {
    /// `r[a:b:c]`: a range again, computed as CPython does (`compute_slice`): the slice's
    /// indices clamped against the length, with unbounded ints (a slice of `range(2**64)` is
    /// fine), mapped through this range's start and step.
    pub fn slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<PyRange> {
        let zero = Int::from(0);
        let step = step.cloned().unwrap_or_else(|| Int::from(1));
        if step == zero {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let len = self.count();
        // CPython's `_PySlice_GetLongIndices`.
        let (lower, upper) = if step < zero { (Int::from(-1), &len - 1) } else { (zero.clone(), len.clone()) };
        let clamp = |i: &Int| {
            let i = if *i < zero { i + &len } else { i.clone() };
            if i < lower {
                lower.clone()
            } else if i > upper {
                upper.clone()
            } else {
                i
            }
        };
        let backwards = step < zero;
        let first = start.map(clamp).unwrap_or_else(|| if backwards { upper.clone() } else { lower.clone() });
        let last = stop.map(clamp).unwrap_or_else(|| if backwards { lower.clone() } else { upper.clone() });
        Ok(PyRange {
            start: &self.start + &(&first * &self.step),
            stop: &self.start + &(&last * &self.step),
            step: &step * &self.step,
        })
    }
}

impl PyObject for PyRange {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        if self.step == Int::from(1) {
            out.push_str(&format!("range({}, {})", self.start, self.stop));
        } else {
            out.push_str(&format!("range({}, {}, {})", self.start, self.stop, self.step));
        }
        Ok(())
    }
    fn truthy(&self) -> bool {
        self.len().map(|n| n != Int::from(0)).unwrap_or(true)
    }
    fn type_name(&self) -> &'static str {
        "range"
    }
}

impl Object for PyRange {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        PyRange::len(self)
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        Ok(ValueIter::new(PyRange::iter(&self).map(|i| Ok(Value::Int(i)))))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        Ok(match x {
            Value::Int(i) => PyRange::contains(self, i),
            Value::Bool(b) => PyRange::contains(self, &Int::from(*b as i64)),
            _ => false,
        })
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        match index {
            Value::Int(i) => self.getitem(i).map(Value::Int),
            other => Err(PyErr::type_error(format!("range indices must be integers or slices, not {}", other.type_name()))),
        }
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        // Equal when they are the same sequence: as CPython compares them, by length, then the
        // first item, then the step (without listing the items).
        match other.as_any().downcast_ref::<PyRange>() {
            Some(o) => {
                let n = self.count();
                n == o.count() && (n == Int::from(0) || (self.start == o.start && (n == Int::from(1) || self.step == o.step)))
            }
            None => false,
        }
    }
}

impl IntoValue for PyRange {
    fn into_value(self) -> Value {
        Value::Obj(Rc::new(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_ranges_index_and_compare_without_listing_their_items() {
        let big = Int::from(2).pow(&Int::from(64)).unwrap();
        let r = PyRange::new(&Int::from(0), &big, &Int::from(1)).unwrap();
        assert_eq!(r.getitem(&Int::from(5)).unwrap(), Int::from(5));
        assert_eq!(r.getitem(&Int::from(-1)).unwrap(), &big - 1);
        let same = PyRange::new(&Int::from(0), &big, &Int::from(1)).unwrap();
        assert!(r.eq_obj(&same));
        let empty1 = PyRange::new(&Int::from(5), &Int::from(0), &Int::from(1)).unwrap();
        let empty2 = PyRange::new(&Int::from(9), &Int::from(3), &Int::from(2)).unwrap();
        assert!(empty1.eq_obj(&empty2));
        let one1 = PyRange::new(&Int::from(3), &Int::from(4), &Int::from(1)).unwrap();
        let one2 = PyRange::new(&Int::from(3), &Int::from(10), &Int::from(100)).unwrap();
        assert!(one1.eq_obj(&one2));
        let down = PyRange::new(&Int::from(10), &Int::from(0), &Int::from(-3)).unwrap();
        assert_eq!(down.count(), Int::from(4));
        assert!(!down.eq_obj(&one1));
    }

    #[test]
    fn ranges_are_reiterable_and_exact() {
        let r = PyRange::new(&Int::from(10), &Int::from(0), &Int::from(-3)).unwrap();
        assert_eq!(r.iter().count(), 4);
        assert_eq!(r.iter().count(), 4);
        assert_eq!(r.len().unwrap(), Int::from(4));
        assert!(r.contains(&Int::from(7)) && !r.contains(&Int::from(8)) && !r.contains(&Int::from(0)));
        assert_eq!(r.getitem(&Int::from(-1)).unwrap(), Int::from(1));
        assert!(r.getitem(&Int::from(4)).is_err());
        assert_eq!(crate::object::py_repr(&r).unwrap().as_str(), "range(10, 0, -3)");
        assert!(PyRange::new(&Int::from(0), &Int::from(1), &Int::from(0)).is_err());
    }
}
