//! `PyList<T>`: Python's `list`, with reference semantics.
//!
//! `b = a` in Python makes two names for one list, so `PyList` is a shared handle
//! (`Rc<RefCell<Vec<T>>>` inside) whose `clone` aliases. `T` is the statically inferred element
//! type (`Value` when the elements are of mixed types).
//!
//! Borrows of the inner `RefCell` never outlive a method call and are never held while code that
//! could reach the same list runs (element clones are taken out first, also to compare them), so
//! a `BorrowMutError` cannot happen through this API; item access (`ListObj::peek`/`poke`) relies
//! on that and skips the borrow flag. Index errors use CPython's exact messages.

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::object::{repr_enter, CmpOp, PyEq, PyObject, PyOrd};
use crate::pystr::repeat_count;
use std::cell::{Ref, RefCell};
use std::fmt;
use std::rc::Rc;

/// Python `list[T]`.
pub struct PyList<T>(Rc<ListObj<T>>);

/// The shared list object a [`PyList`] points at (what a `Value` holds, without copying).
pub struct ListObj<T> {
    items: RefCell<Vec<T>>,
}

impl<T> Clone for PyList<T> {
    /// Another reference to the same list (Python assignment), not a copy.
    #[inline]
    fn clone(&self) -> Self {
        PyList(Rc::clone(&self.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Index and slice arithmetic shared by all sequences.

/// Resolves a Python index (negative counts from the end) into `0..len`, or raises
/// `IndexError(msg)`; an index beyond a machine word raises CPython's "cannot fit" IndexError.
#[inline]
pub fn seq_index(i: &Int, len: usize, msg: &'static str) -> PyResult<usize> {
    let i = i.to_i64();
    match i.and_then(|i| norm_index(i, len)) {
        Some(at) => Ok(at),
        None => Err(index_error(i, msg)),
    }
}

/// Python index `i` of a sequence of `len` items as a position, which is out of range (`>= len`)
/// exactly when the index is: one bounds check on the result does for all cases.
#[inline(always)]
fn item_index(i: &Int, len: usize) -> usize {
    match i.to_i64() {
        // i + len >= 0 does not overflow (len <= i64::MAX); if it is still negative, it wraps
        // to a huge position.
        Some(k) if k < 0 => k.wrapping_add(len as i64) as usize,
        Some(k) => k as usize,
        None => usize::MAX,
    }
}

/// The IndexError for an index that [`seq_index`] refused (`None`: beyond a machine word). Takes
/// the index by value, so the caller's `Int` never has its address taken (see `int::IntRef`).
#[cold]
#[inline(never)]
fn index_error(i: Option<i64>, msg: &'static str) -> PyErr {
    match i {
        Some(_) => PyErr::index_error(msg),
        None => PyErr::index_error("cannot fit 'int' into an index-sized integer"),
    }
}

/// `i` (possibly negative) as an index into `0..len`.
#[inline]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len as i64)? } else { i };
    if j >= 0 && (j as u64) < len as u64 {
        Some(j as usize)
    } else {
        None
    }
}

/// A slice resolved against a length, as CPython's `PySlice_AdjustIndices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    pub start: i64,
    pub step: i64,
    /// Number of selected items.
    pub len: usize,
}

impl Slice {
    /// The selected indices, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len as i64).map(move |k| (start + k * step) as usize)
    }
}

/// Clamps an int to a machine word the way CPython's `_PyEval_SliceIndex` does.
fn clamp_i64(i: &Int) -> i64 {
    match i.to_i64() {
        Some(v) => v,
        None if *i < Int::from(0) => i64::MIN,
        None => i64::MAX,
    }
}

/// Resolves `[start:stop:step]` (each `None` when omitted) against `len`.
pub fn slice_indices(len: usize, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<Slice> {
    let step = match step {
        None => 1,
        Some(s) => match clamp_i64(s) {
            0 => return Err(PyErr::value_error("slice step cannot be zero")),
            // CPython clamps to -PY_SSIZE_T_MAX so that -step cannot overflow.
            i64::MIN => -i64::MAX,
            s => s,
        },
    };
    let len = len as i64;
    let adjust = |v: Option<&Int>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) => {
                let v = clamp_i64(v);
                if v < 0 {
                    let v = v + len;
                    if v < 0 {
                        if step < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        v
                    }
                } else if v >= len {
                    if step < 0 {
                        len - 1
                    } else {
                        len
                    }
                } else {
                    v
                }
            }
        }
    };
    let (start, stop) = if step < 0 {
        (adjust(start, len - 1), adjust(stop, -1))
    } else {
        (adjust(start, 0), adjust(stop, len))
    };
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok(Slice { start, step, len: n as usize })
}

/// Converts an index argument that CPython parses as a C `Py_ssize_t`.
fn ssize_arg(i: &Int) -> PyResult<i64> {
    i.to_i64().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))
}

/// Item access and in-place changes on the shared object, for `PyList` and for lists held in a `Value`.
/// Each call borrows only for its own duration.
impl<T> ListObj<T> {
    /// `xs += iterable`: extends the list in place (its aliases see it).
    pub(crate) fn extend_from_value(&self, other: &crate::value::Value) -> PyResult<()>
    where
        T: crate::value::FromValue,
    {
        // Read first: `xs += xs` iterates the list it extends.
        let items = other.iter()?.map(|v| v.and_then(T::from_value)).collect::<PyResult<Vec<T>>>()?;
        self.items.borrow_mut().extend(items);
        Ok(())
    }

    /// `xs *= n`, in place.
    pub(crate) fn repeat_in_place(&self, n: &Int) -> PyResult<()>
    where
        T: Clone,
    {
        let v = self.repeated(n)?;
        let old = std::mem::replace(&mut *self.items.borrow_mut(), v);
        drop(old);
        Ok(())
    }

    fn repeated(&self, n: &Int) -> PyResult<Vec<T>>
    where
        T: Clone,
    {
        let n = repeat_count(n)?;
        let items = self.items.borrow();
        let total = items.len().checked_mul(n).ok_or_else(PyErr::memory_error)?;
        let mut v = Vec::new();
        v.try_reserve_exact(total).map_err(|_| PyErr::memory_error())?;
        for _ in 0..n {
            v.extend_from_slice(&items);
        }
        Ok(v)
    }

    #[inline]
    pub(crate) fn len_usize(&self) -> usize {
        self.peek().len()
    }

    #[inline]
    pub(crate) fn get_usize(&self, i: usize) -> Option<T>
    where
        T: Clone,
    {
        self.peek().get(i).cloned()
    }

    #[inline]
    pub(crate) fn get(&self, i: &Int) -> PyResult<T>
    where
        T: Clone,
    {
        let v = self.peek();
        match v.get(item_index(i, v.len())) {
            Some(x) => Ok(x.clone()),
            None => Err(index_error(i.to_i64(), "list index out of range")),
        }
    }

    #[inline]
    pub(crate) fn set(&self, i: &Int, x: T) -> PyResult<()> {
        let v = self.poke();
        let at = item_index(i, v.len());
        match v.get_mut(at) {
            Some(slot) => {
                let old = std::mem::replace(slot, x);
                drop(old);
                Ok(())
            }
            None => Err(index_error(i.to_i64(), "list assignment index out of range")),
        }
    }

    /// The items, for a read that is over before any other code runs.
    ///
    /// Item access in loops is the hot path of numeric code. `RefCell::borrow` writes the
    /// borrow flag twice, and LLVM cannot tell those writes from the element stores around
    /// them, so every length and data pointer would be reloaded after each; even reading the
    /// flag costs a load per access, and loads are what such loops are bound by. Neither is
    /// needed: a borrow of a list's items exists only inside this module's methods, which
    /// never run other code while holding one (the module invariant: items are taken out
    /// before they are compared, formatted or called back with), so none is active here.
    /// Use the result at once and drop it before calling anything else (cloning an item is
    /// fine: no `Clone` of an item type touches a list). Debug builds check the invariant.
    #[inline(always)]
    fn peek(&self) -> &Vec<T> {
        debug_assert!(self.items.try_borrow().is_ok(), "list read while it is being changed");
        // SAFETY: no mutable borrow is active (the module invariant above), and the caller
        // ends its use of the reference before any code that could borrow this list runs.
        unsafe { &*self.items.as_ptr() }
    }

    /// The items for an in-place update that is over before any other code runs (see
    /// [`ListObj::peek`]). Move replaced items out and drop them only after the last use of
    /// the result.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    fn poke(&self) -> &mut Vec<T> {
        debug_assert!(self.items.try_borrow_mut().is_ok(), "list changed while it is borrowed");
        // SAFETY: no borrow is active (the module invariant), this is single-threaded, and
        // the caller ends its use of the reference before any other code runs.
        unsafe { &mut *self.items.as_ptr() }
    }

    pub(crate) fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.items.borrow().clone()
    }
}

// ---------------------------------------------------------------------------------------------

impl<T> PyList<T> {
    /// `[]`.
    pub fn new() -> Self {
        PyList::from_vec(Vec::new())
    }

    /// A new list holding `items`.
    pub fn from_vec(items: Vec<T>) -> Self {
        PyList(Rc::new(ListObj { items: RefCell::new(items) }))
    }

    /// Wraps the shared object (from a `Value`).
    pub(crate) fn from_rc(rc: Rc<ListObj<T>>) -> Self {
        PyList(rc)
    }

    /// The shared object (for boxing into a `Value` without copying).
    pub(crate) fn rc(&self) -> &Rc<ListObj<T>> {
        &self.0
    }

    /// `a is b`.
    #[inline]
    pub fn ptr_eq(&self, other: &PyList<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Identity for `id()` and repr recursion detection.
    #[inline]
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }

    /// Read access to the items, inside the runtime. Never hold the guard while other code
    /// runs (see the module documentation: item access relies on it).
    #[inline]
    pub(crate) fn borrow(&self) -> Ref<'_, Vec<T>> {
        self.0.items.borrow()
    }

    /// `list.append(x)`.
    #[inline]
    pub fn append(&self, x: T) {
        self.0.items.borrow_mut().push(x);
    }

    /// `len(list)`.
    #[inline]
    pub fn len(&self) -> Int {
        Int::from(self.len_usize())
    }

    #[inline]
    pub fn len_usize(&self) -> usize {
        self.0.len_usize()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len_usize() == 0
    }

    /// `list.extend(iterable)`, one item at a time as CPython does for a general iterable
    /// (the iterator may read this list between items). For `a.extend(a)` use
    /// [`PyList::extend_list`], which snapshots its argument first.
    pub fn extend<I: IntoIterator<Item = T>>(&self, items: I) {
        for x in items {
            self.0.items.borrow_mut().push(x);
        }
    }

    /// `list.insert(i, x)`: clamps `i` into range, never raises for a machine-word index.
    pub fn insert(&self, i: &Int, x: T) -> PyResult<()> {
        let i = ssize_arg(i)?;
        let mut v = self.0.items.borrow_mut();
        let n = v.len() as i64;
        let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
        v.insert(at as usize, x);
        Ok(())
    }

    /// `list.pop()`.
    pub fn pop(&self) -> PyResult<T> {
        self.0.items.borrow_mut().pop().ok_or_else(|| PyErr::index_error("pop from empty list"))
    }

    /// `list.pop(i)`.
    pub fn pop_at(&self, i: &Int) -> PyResult<T> {
        let i = ssize_arg(i)?;
        let mut v = self.0.items.borrow_mut();
        if v.is_empty() {
            return Err(PyErr::index_error("pop from empty list"));
        }
        let at = norm_index(i, v.len()).ok_or_else(|| PyErr::index_error("pop index out of range"))?;
        Ok(v.remove(at))
    }

    /// `del list[i]`.
    pub fn delitem(&self, i: &Int) -> PyResult<()> {
        let mut v = self.0.items.borrow_mut();
        let at = seq_index(i, v.len(), "list assignment index out of range")?;
        v.remove(at);
        Ok(())
    }

    /// `list.clear()`. Items are dropped after the borrow ends.
    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.0.items.borrow_mut());
        drop(old);
    }

    /// `list.reverse()`.
    pub fn reverse(&self) {
        self.0.items.borrow_mut().reverse();
    }

    /// `list[i] = x`.
    #[inline]
    pub fn setitem(&self, i: &Int, x: T) -> PyResult<()> {
        self.0.set(i, x)
    }

    /// `list[i] = x` for a machine-integer index.
    #[inline]
    pub fn setitem_i64(&self, i: i64, x: T) -> PyResult<()> {
        let v = self.0.poke();
        match norm_index(i, v.len()) {
            Some(at) => {
                let old = std::mem::replace(&mut v[at], x);
                drop(old);
                Ok(())
            }
            None => Err(index_error(Some(i), "list assignment index out of range")),
        }
    }

    /// `del list[start:stop:step]`.
    pub fn del_slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<()> {
        let mut v = self.0.items.borrow_mut();
        let sl = slice_indices(v.len(), start, stop, step)?;
        if sl.len == 0 {
            return Ok(());
        }
        let removed: Vec<T> = if sl.step == 1 {
            let a = sl.start as usize;
            v.drain(a..a + sl.len).collect()
        } else {
            let mut keep = vec![true; v.len()];
            for i in sl.iter() {
                keep[i] = false;
            }
            let old = std::mem::take(&mut *v);
            let (kept, removed): (Vec<_>, Vec<_>) = old.into_iter().zip(keep).partition(|(_, k)| *k);
            *v = kept.into_iter().map(|(x, _)| x).collect();
            removed.into_iter().map(|(x, _)| x).collect()
        };
        drop(v);
        drop(removed);
        Ok(())
    }

    /// `list[start:stop:step] = items` (`items` already materialised, as CPython does).
    pub fn set_slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>, items: Vec<T>) -> PyResult<()> {
        let mut v = self.0.items.borrow_mut();
        let sl = slice_indices(v.len(), start, stop, step)?;
        if sl.step == 1 {
            let a = sl.start as usize;
            let removed: Vec<T> = v.splice(a..a + sl.len, items).collect();
            drop(v);
            drop(removed);
            return Ok(());
        }
        if items.len() != sl.len {
            return Err(PyErr::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                sl.len
            )));
        }
        let mut old = Vec::with_capacity(sl.len);
        for (i, x) in sl.iter().zip(items) {
            old.push(std::mem::replace(&mut v[i], x));
        }
        drop(v);
        drop(old);
        Ok(())
    }

    /// `list.sort(key=key, reverse=reverse)`. As in CPython the list looks empty while the keys
    /// are computed and the items sorted, and changing it meanwhile raises `ValueError`.
    pub fn sort_by_key<K: PyOrd>(&self, mut key: impl FnMut(&T) -> PyResult<K>, reverse: bool) -> PyResult<()> {
        let items = std::mem::take(&mut *self.0.items.borrow_mut());
        let mut keys = Vec::with_capacity(items.len());
        for item in &items {
            match key(item) {
                Ok(k) => keys.push(k),
                Err(e) => {
                    self.finish_sort(items, None)?;
                    return Err(e);
                }
            }
        }
        let (order, err) = sort_order(items.len(), reverse, |a, b| keys[a].py_lt(&keys[b]));
        self.finish_sort(apply_order(items, &order), err)
    }

    /// Puts the sorted items back; reports the comparison error or a mutation during the sort.
    fn finish_sort(&self, sorted: Vec<T>, err: Option<PyErr>) -> PyResult<()> {
        let junk = std::mem::replace(&mut *self.0.items.borrow_mut(), sorted);
        let modified = !junk.is_empty();
        drop(junk);
        if let Some(e) = err {
            return Err(e);
        }
        if modified {
            return Err(PyErr::value_error("list modified during sort"));
        }
        Ok(())
    }

    /// Item `i` cloned out of the list (no borrow outlives the call).
    #[inline]
    fn get_clone(&self, i: usize) -> Option<T>
    where
        T: Clone,
    {
        self.0.get_usize(i)
    }
}

impl<T: Clone> PyList<T> {
    /// `list[i]`.
    #[inline]
    pub fn getitem(&self, i: &Int) -> PyResult<T> {
        self.0.get(i)
    }

    /// `list[i]` for a machine-integer index (what inferred loops use).
    #[inline]
    pub fn getitem_i64(&self, i: i64) -> PyResult<T> {
        let v = self.0.peek();
        match norm_index(i, v.len()) {
            Some(at) => Ok(v[at].clone()),
            None => Err(index_error(Some(i), "list index out of range")),
        }
    }

    /// `list[start:stop:step]`: a new list.
    pub fn slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<PyList<T>> {
        let v = self.0.items.borrow();
        let sl = slice_indices(v.len(), start, stop, step)?;
        let out: Vec<T> = if sl.step == 1 {
            let a = sl.start as usize;
            v[a..a + sl.len].to_vec()
        } else {
            sl.iter().map(|i| v[i].clone()).collect()
        };
        Ok(PyList::from_vec(out))
    }

    /// `list.copy()` / `list[:]`.
    pub fn copy(&self) -> PyList<T> {
        PyList::from_vec(self.to_vec())
    }

    /// The items, copied out.
    pub fn to_vec(&self) -> Vec<T> {
        self.0.to_vec()
    }

    /// Iterates with CPython's live semantics: index based, so items appended during the loop
    /// are seen and a shrinking list ends the loop early.
    #[inline]
    pub fn iter(&self) -> PyListIter<T> {
        PyListIter { list: self.clone(), idx: 0 }
    }

    /// `a.extend(b)` where `b` is a list: takes `b`'s items as they are now (so `a.extend(a)`
    /// doubles `a`).
    pub fn extend_list(&self, other: &PyList<T>) {
        let items = other.to_vec();
        self.0.items.borrow_mut().extend(items);
    }

    /// `a + b`.
    pub fn concat(&self, other: &PyList<T>) -> PyList<T> {
        let a = self.0.items.borrow();
        let b = other.0.items.borrow();
        let mut v = Vec::with_capacity(a.len() + b.len());
        v.extend_from_slice(&a);
        v.extend_from_slice(&b);
        PyList::from_vec(v)
    }

    /// `a += b` (in place, same object).
    pub fn iadd(&self, other: &PyList<T>) {
        self.extend_list(other)
    }

    /// `a * n` (a negative `n` gives `[]`).
    pub fn repeat(&self, n: &Int) -> PyResult<PyList<T>> {
        Ok(PyList::from_vec(self.repeated(n)?))
    }

    /// `a *= n` (in place).
    pub fn irepeat(&self, n: &Int) -> PyResult<()> {
        self.0.repeat_in_place(n)
    }

    fn repeated(&self, n: &Int) -> PyResult<Vec<T>> {
        self.0.repeated(n)
    }

    /// `list.sort()`.
    pub fn sort(&self) -> PyResult<()>
    where
        T: PyOrd,
    {
        self.sort_reverse(false)
    }

    /// `list.sort(reverse=reverse)`.
    pub fn sort_reverse(&self, reverse: bool) -> PyResult<()>
    where
        T: PyOrd,
    {
        let items = std::mem::take(&mut *self.0.items.borrow_mut());
        let (order, err) = sort_order(items.len(), reverse, |a, b| items[a].py_lt(&items[b]));
        self.finish_sort(apply_order(items, &order), err)
    }
}

impl<T: Clone + PyEq> PyList<T> {
    /// `x in list`.
    pub fn contains(&self, x: &T) -> bool {
        let mut i = 0;
        while let Some(item) = self.get_clone(i) {
            if item.py_eq(x) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// `list.count(x)`.
    pub fn count(&self, x: &T) -> Int {
        let mut n = 0usize;
        let mut i = 0;
        while let Some(item) = self.get_clone(i) {
            if item.py_eq(x) {
                n += 1;
            }
            i += 1;
        }
        Int::from(n)
    }

    fn position(&self, x: &T) -> Option<usize> {
        let mut i = 0;
        while let Some(item) = self.get_clone(i) {
            if item.py_eq(x) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// `list.index(x)`: `ValueError: 2 is not in list`.
    pub fn index(&self, x: &T) -> PyResult<Int>
    where
        T: PyObject,
    {
        match self.position(x) {
            Some(i) => Ok(Int::from(i)),
            None => {
                let mut msg = String::new();
                x.write_repr(&mut msg)?;
                msg.push_str(" is not in list");
                Err(PyErr::value_error(msg))
            }
        }
    }

    /// `list.remove(x)`.
    pub fn remove(&self, x: &T) -> PyResult<()> {
        match self.position(x) {
            Some(i) => {
                let old = {
                    let mut v = self.0.items.borrow_mut();
                    if i < v.len() {
                        Some(v.remove(i))
                    } else {
                        None
                    }
                };
                drop(old);
                Ok(())
            }
            None => Err(PyErr::value_error("list.remove(x): x not in list")),
        }
    }
}

/// The sorted order of items `0..n` by `lt`, stable, with `reverse=True` meaning what CPython
/// does (reverse, stable sort, reverse: equal items keep their order). Stops comparing at the
/// first error, which it returns.
fn sort_order(n: usize, reverse: bool, mut lt: impl FnMut(usize, usize) -> PyResult<bool>) -> (Vec<usize>, Option<PyErr>) {
    let init: Vec<usize> = if reverse { (0..n).rev().collect() } else { (0..n).collect() };
    let mut err = None;
    let mut order = merge_sort_indices(init, |a, b| {
        if err.is_some() {
            return false;
        }
        lt(a, b).unwrap_or_else(|e| {
            err = Some(e);
            false
        })
    });
    if reverse {
        order.reverse();
    }
    (order, err)
}

/// Stable merge sort of the item numbers `idx` by `is_less` (true when item `a` must come
/// before item `b`). Never panics whatever `is_less` answers (NaN, inconsistent user `__lt__`).
fn merge_sort_indices(mut idx: Vec<usize>, mut is_less: impl FnMut(usize, usize) -> bool) -> Vec<usize> {
    let n = idx.len();
    const RUN: usize = 16;
    // Insertion-sort short runs.
    for chunk_start in (0..n).step_by(RUN) {
        let end = (chunk_start + RUN).min(n);
        for i in chunk_start + 1..end {
            let mut j = i;
            while j > chunk_start && is_less(idx[j], idx[j - 1]) {
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    // Merge runs bottom-up.
    let mut buf = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right only when strictly less: keeps the sort stable.
                if is_less(idx[j], idx[i]) {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&idx[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&idx[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    idx
}

/// Rearranges `items` so that position `k` holds the item that was at `order[k]`.
fn apply_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots.get_mut(i).and_then(Option::take)).collect()
}

impl<T> Default for PyList<T> {
    fn default() -> Self {
        PyList::new()
    }
}

impl<T> FromIterator<T> for PyList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PyList::from_vec(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for PyList<T> {
    fn from(v: Vec<T>) -> Self {
        PyList::from_vec(v)
    }
}

/// Live iterator over a list (see [`PyList::iter`]).
pub struct PyListIter<T> {
    list: PyList<T>,
    idx: usize,
}

impl<T: Clone> Iterator for PyListIter<T> {
    type Item = T;
    #[inline]
    fn next(&mut self) -> Option<T> {
        let item = self.list.0.peek().get(self.idx).cloned();
        if item.is_some() {
            self.idx += 1;
        }
        item
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.list.len_usize().saturating_sub(self.idx), None)
    }
}

impl<T: Clone> IntoIterator for &PyList<T> {
    type Item = T;
    type IntoIter = PyListIter<T>;
    fn into_iter(self) -> PyListIter<T> {
        self.iter()
    }
}

/// The first position where two lists differ (items compared as CPython does, one at a time
/// and taken out first: an item's `__eq__` may change either list), or where one of them ends.
fn first_difference<T: PyEq + Clone>(a: &PyList<T>, b: &PyList<T>) -> (usize, Option<(T, T)>) {
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get_clone(i), b.get_clone(i)) {
        if !x.py_eq(&y) {
            return (i, Some((x, y)));
        }
        i += 1;
    }
    (i, None)
}

impl<T: PyEq + Clone> PyEq for PyList<T> {
    fn py_eq(&self, other: &Self) -> bool {
        if self.ptr_eq(other) {
            return true;
        }
        if self.len_usize() != other.len_usize() {
            return false;
        }
        let (_, differ) = first_difference(self, other);
        differ.is_none() && self.len_usize() == other.len_usize()
    }
}

impl<T: PyOrd + Clone> PyOrd for PyList<T> {
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
        match first_difference(self, other) {
            (_, Some((x, y))) => x.py_cmp(&y, op),
            (_, None) => Ok(op.holds(self.len_usize().cmp(&other.len_usize()))),
        }
    }
}

impl<T: PyEq + Clone> PartialEq for PyList<T> {
    fn eq(&self, other: &Self) -> bool {
        self.py_eq(other)
    }
}

impl<T: PyObject + Clone> PyObject for ListObj<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let Some(_guard) = repr_enter(Some(self as *const Self as *const () as usize))? else {
            out.push_str("[...]");
            return Ok(());
        };
        out.push('[');
        let mut i = 0;
        while let Some(item) = self.get_usize(i) {
            if i > 0 {
                out.push_str(", ");
            }
            item.write_repr(out)?;
            i += 1;
        }
        out.push(']');
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        self.len_usize() != 0
    }
    fn type_name(&self) -> &'static str {
        "list"
    }
}

impl<T: PyObject + Clone> PyObject for PyList<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.0.write_repr(out)
    }
    #[inline]
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "list"
    }
}

impl<T: PyObject + Clone> fmt::Debug for PyList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        match self.write_repr(&mut s) {
            Ok(()) => f.write_str(&s),
            Err(e) => write!(f, "<list repr failed: {e}>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;
    use crate::pystr::PyStr;
    use crate::value::Value;

    fn i(v: i64) -> Int {
        Int::from(v)
    }
    fn ints(v: &[i64]) -> PyList<Int> {
        v.iter().map(|&x| i(x)).collect()
    }
    fn r<T: PyObject + ?Sized>(x: &T) -> String {
        py_repr(x).unwrap().as_str().to_string()
    }

    #[test]
    fn reference_semantics() {
        let a = ints(&[1, 2]);
        let b = a.clone();
        b.append(i(3));
        assert_eq!(r(&a), "[1, 2, 3]");
        assert!(a.ptr_eq(&b));
        let c = a.copy();
        c.append(i(4));
        assert_eq!(a.len(), i(3));
    }

    #[test]
    fn indexing() {
        let a = ints(&[10, 20, 30]);
        assert_eq!(a.getitem(&i(-1)).unwrap(), i(30));
        assert_eq!(a.getitem_i64(0).unwrap(), i(10));
        assert_eq!(a.getitem(&i(3)).unwrap_err().to_string(), "IndexError: list index out of range");
        assert_eq!(a.getitem(&i(-4)).unwrap_err().to_string(), "IndexError: list index out of range");
        // [1][10**20] -> IndexError: cannot fit 'int' into an index-sized integer
        let e = a.getitem(&Int::big("100000000000000000000")).unwrap_err();
        assert_eq!(e.to_string(), "IndexError: cannot fit 'int' into an index-sized integer");
        a.setitem(&i(-1), i(5)).unwrap();
        assert_eq!(r(&a), "[10, 20, 5]");
        let e = a.setitem(&i(3), i(0)).unwrap_err();
        assert_eq!(e.to_string(), "IndexError: list assignment index out of range");
        assert!(a.setitem_i64(-4, i(0)).is_err());
        assert!(a.getitem_i64(i64::MIN).is_err());
        a.delitem(&i(0)).unwrap();
        assert_eq!(r(&a), "[20, 5]");
    }

    #[test]
    fn pop_insert_remove_index() {
        let a = ints(&[1, 2, 3]);
        assert_eq!(a.pop().unwrap(), i(3));
        assert_eq!(a.pop_at(&i(0)).unwrap(), i(1));
        assert_eq!(a.pop_at(&i(5)).unwrap_err().to_string(), "IndexError: pop index out of range");
        a.pop().unwrap();
        assert_eq!(a.pop().unwrap_err().to_string(), "IndexError: pop from empty list");
        assert_eq!(a.pop_at(&i(0)).unwrap_err().to_string(), "IndexError: pop from empty list");
        // [].insert(10**20, 1) -> OverflowError: Python int too large to convert to C ssize_t
        let e = a.insert(&Int::big("100000000000000000000"), i(1)).unwrap_err();
        assert_eq!(e.to_string(), "OverflowError: Python int too large to convert to C ssize_t");
        a.insert(&i(100), i(1)).unwrap();
        a.insert(&i(-100), i(0)).unwrap();
        a.insert(&i(-1), i(5)).unwrap();
        assert_eq!(r(&a), "[0, 5, 1]");
        assert_eq!(a.index(&i(1)).unwrap(), i(2));
        assert_eq!(a.index(&i(7)).unwrap_err().to_string(), "ValueError: 7 is not in list");
        a.remove(&i(5)).unwrap();
        assert_eq!(a.remove(&i(5)).unwrap_err().to_string(), "ValueError: list.remove(x): x not in list");
        assert!(a.contains(&i(0)) && !a.contains(&i(5)));
        assert_eq!(ints(&[1, 2, 1]).count(&i(1)), i(2));
    }

    #[test]
    fn live_iteration() {
        // a = [1, 2]; for x in a: (a.append(x * 10) if x < 10 else None) -> [1, 2, 10, 20]
        let a = ints(&[1, 2]);
        let mut seen = vec![];
        for x in a.iter() {
            if x < i(10) {
                a.append(&x * &i(10));
            }
            seen.push(x);
        }
        assert_eq!(r(&a), "[1, 2, 10, 20]");
        assert_eq!(seen.len(), 4);
        // Popping while iterating ends early.
        let b = ints(&[1, 2, 3, 4]);
        let n = b.iter().inspect(|_| {
            b.pop().ok();
        }).count();
        assert_eq!(n, 2);
    }

    #[test]
    fn extend_concat_repeat() {
        let a = ints(&[1, 2]);
        a.extend_list(&a);
        assert_eq!(r(&a), "[1, 2, 1, 2]");
        a.extend(vec![i(9)]);
        assert_eq!(r(&a.concat(&ints(&[0]))), "[1, 2, 1, 2, 9, 0]");
        assert_eq!(r(&ints(&[1, 2]).repeat(&i(2)).unwrap()), "[1, 2, 1, 2]");
        assert_eq!(r(&ints(&[1, 2]).repeat(&i(-2)).unwrap()), "[]");
        let e = ints(&[1]).repeat(&Int::big("9223372036854775808")).unwrap_err();
        assert_eq!(e.to_string(), "OverflowError: cannot fit 'int' into an index-sized integer");
        assert_eq!(ints(&[1, 2]).repeat(&i(1 << 62)).unwrap_err().to_string(), "MemoryError");
        let b = ints(&[3]);
        b.irepeat(&i(3)).unwrap();
        assert_eq!(r(&b), "[3, 3, 3]");
    }

    #[test]
    fn slices() {
        let a = ints(&[0, 1, 2, 3, 4, 5]);
        let s = |x: Option<i64>, y: Option<i64>, z: Option<i64>| {
            let (x, y, z) = (x.map(i), y.map(i), z.map(i));
            r(&a.slice(x.as_ref(), y.as_ref(), z.as_ref()).unwrap())
        };
        assert_eq!(s(Some(1), Some(3), None), "[1, 2]");
        assert_eq!(s(None, None, Some(-1)), "[5, 4, 3, 2, 1, 0]");
        assert_eq!(s(None, None, Some(-2)), "[5, 3, 1]");
        assert_eq!(s(Some(-2), None, None), "[4, 5]");
        assert_eq!(s(Some(10), Some(-10), Some(-3)), "[5, 2]");
        assert_eq!(s(Some(3), Some(1), None), "[]");
        let big = Int::big("-100000000000000000000");
        assert_eq!(r(&a.slice(Some(&big), Some(&i(2)), None).unwrap()), "[0, 1]");
        // a[::2] = [7, 8, 9]; del a[1:3]
        let b = a.copy();
        b.set_slice(None, None, Some(&i(2)), vec![i(7), i(8), i(9)]).unwrap();
        assert_eq!(r(&b), "[7, 1, 8, 3, 9, 5]");
        let e = b.set_slice(None, None, Some(&i(2)), vec![i(1)]).unwrap_err();
        assert_eq!(e.to_string(), "ValueError: attempt to assign sequence of size 1 to extended slice of size 3");
        b.set_slice(Some(&i(1)), Some(&i(5)), None, vec![i(0)]).unwrap();
        assert_eq!(r(&b), "[7, 0, 5]");
        b.del_slice(None, None, Some(&i(2))).unwrap();
        assert_eq!(r(&b), "[0]");
        let c = a.copy();
        c.del_slice(Some(&i(1)), Some(&i(3)), None).unwrap();
        assert_eq!(r(&c), "[0, 3, 4, 5]");
    }

    #[test]
    fn sorting() {
        let a = ints(&[3, 1, 2, 1]);
        a.sort().unwrap();
        assert_eq!(r(&a), "[1, 1, 2, 3]");
        a.sort_reverse(true).unwrap();
        assert_eq!(r(&a), "[3, 2, 1, 1]");
        // sorted(['bb', 'a', 'cc', 'd'], key=len, reverse=True) == ['bb', 'cc', 'a', 'd']
        let s: PyList<PyStr> = ["bb", "a", "cc", "d"].iter().map(|&x| PyStr::from(x)).collect();
        s.sort_by_key(|x| Ok(x.len()), true).unwrap();
        assert_eq!(r(&s), "['bb', 'cc', 'a', 'd']");
        s.sort_by_key(|x| Ok(x.len()), false).unwrap();
        assert_eq!(r(&s), "['a', 'd', 'bb', 'cc']");
        // NaN never panics.
        let f: PyList<f64> = PyList::from_vec(vec![3.0, f64::NAN, 1.0, 2.0, f64::NAN, 0.5]);
        f.sort().unwrap();
        assert_eq!(f.len_usize(), 6);
        let big: PyList<Int> = (0..1000).map(|k| i((k * 7919) % 1000)).collect();
        big.sort().unwrap();
        assert!(big.to_vec().windows(2).all(|w| w[0] <= w[1]));
        // [1, 'a'].sort() -> TypeError: '<' not supported between instances of 'str' and 'int'
        let m = PyList::from_vec(vec![Value::Int(i(1)), Value::Str("a".into())]);
        let e = m.sort().unwrap_err();
        assert_eq!(e.to_string(), "TypeError: '<' not supported between instances of 'str' and 'int'");
        assert_eq!(m.len_usize(), 2);
    }

    #[test]
    fn compare_and_print() {
        assert!(ints(&[1, 2]) == ints(&[1, 2]));
        assert!(ints(&[1, 2]).py_lt(&ints(&[1, 3])).unwrap());
        assert!(ints(&[1]).py_lt(&ints(&[1, 0])).unwrap());
        assert!(!PyList::<Int>::new().py_lt(&PyList::new()).unwrap());
        assert_eq!(r(&PyList::<Int>::new()), "[]");
        let s: PyList<PyStr> = PyList::from_vec(vec!["a".into(), "it's".into()]);
        assert_eq!(r(&s), "['a', \"it's\"]");
        let nested = PyList::from_vec(vec![ints(&[1]), ints(&[])]);
        assert_eq!(r(&nested), "[[1], []]");
        assert_eq!(r(&PyList::from_vec(vec![(i(1), PyStr::from("x"))])), "[(1, 'x')]");
        assert!(!PyList::<Int>::new().truthy());
    }

    #[test]
    fn self_containing_list() {
        // a = [1]; a.append(a); repr(a) == '[1, [...]]'
        let a: PyList<Value> = PyList::from_vec(vec![Value::Int(i(1))]);
        a.append(Value::from_list(a.clone()));
        assert_eq!(r(&a), "[1, [...]]");
        assert!(a.py_eq(&a.clone()));
    }

    #[test]
    fn deep_nesting_is_recursion_error() {
        // b = []; for _ in range(2000): b = [b]; repr(b) -> RecursionError
        let mut b: PyList<Value> = PyList::new();
        for _ in 0..2000 {
            b = PyList::from_vec(vec![Value::from_list(b)]);
        }
        let e = py_repr(&b).unwrap_err();
        assert_eq!(e.to_string(), "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
        let mut ok: PyList<Value> = PyList::new();
        for _ in 0..900 {
            ok = PyList::from_vec(vec![Value::from_list(ok)]);
        }
        assert_eq!(py_repr(&ok).unwrap().len_usize(), 1802);
    }
}
