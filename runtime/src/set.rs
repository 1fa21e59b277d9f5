//! `PySet<T>`: Python's `set`, with reference semantics and CPython's iteration order.
//!
//! CPython's set order is the order of its hash table, which is deterministic for ints,
//! floats and tuples of them (their hashes do not depend on the process). To print and
//! iterate in exactly that order this module reimplements the table of CPython 3.11's
//! `Objects/setobject.c`: open addressing over `(hash, key)` slots, a run of
//! `LINEAR_PROBES` neighbouring slots before each perturbed jump, dummy slots left by
//! deletions, the same fill/used accounting, growth policy and minimum size, and the same
//! loop orders in the set algebra (`&` walks the smaller set, `^` starts from a copy of the
//! right operand, ...). How a set is *built* matters too: see [`PySet::from_vec`] (`set(list)`,
//! `{a, b}`, comprehensions) and [`PySet::from_const_literal`] (`{1, 2, 3}`, which CPython
//! compiles through a frozenset constant).
//!
//! Keys are compared with Python's `==` ([`PyEq`]) after their hashes ([`PyHash`]) match.
//! Borrows of the inner `RefCell` never outlive a method call; for key types whose `==` could
//! run arbitrary code (`Value`), keys are cloned out of the table before being compared and
//! the lookup restarts if the table changed meanwhile, as CPython's does.
//!
//! Exact: the order of sets of ints, floats, bools and tuples of them, however they were built
//! and modified (checked against python3 by a randomized differential test over all the
//! operations here), including `pop()` order and which of two equal keys (`1`, `1.0`) a result
//! keeps. Not exact: sets holding strings or `None`, whose CPython hashes vary between runs
//! (see [`crate::hash`]; the order matches `PYTHONHASHSEED=0` except for literals, where
//! CPython's compiler may rebuild the constant once more when it interns the strings); no
//! identity shortcut for values without identity (a NaN float is never found again, where
//! CPython finds the very same NaN object); iteration stops after reporting "Set changed size
//! during iteration" once (CPython keeps raising it).

use crate::err::{Exc, PyErr, PyResult};
use crate::hash::PyHash;
use crate::int::Int;
use crate::object::{repr_enter, CmpOp, PyEq, PyObject, PyOrd};
use crate::value::{IntoValue, Value};
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

const MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// One table slot: unused (`hash == 0`, no key), dummy (`hash == -1`, no key: a deleted
/// entry, never a real hash since Python hashes are never -1) or active.
struct Slot<T> {
    hash: i64,
    key: Option<T>,
}

impl<T> Slot<T> {
    #[inline]
    fn unused() -> Slot<T> {
        Slot { hash: 0, key: None }
    }
}

impl<T: Clone> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Slot { hash: self.hash, key: self.key.clone() }
    }
}

/// CPython's `PySetObject` minus the object header.
pub(crate) struct Table<T> {
    /// `mask + 1` slots, a power of two, at least [`MINSIZE`].
    slots: Vec<Slot<T>>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots (`len(set)`).
    used: usize,
    /// Where `pop()` starts looking.
    finger: usize,
    /// Bumped on every change to the slots, so a lookup that let go of the table to compare
    /// keys can tell whether it must restart.
    version: u64,
}

fn unused_slots<T>(n: usize) -> Vec<Slot<T>> {
    let mut v = Vec::with_capacity(n);
    v.resize_with(n, Slot::unused);
    v
}

/// CPython's `set_insert_clean`: places a key known to be absent into a table without dummies.
fn insert_clean<T>(slots: &mut [Slot<T>], key: T, hash: i64) {
    let mask = slots.len() - 1;
    let mut perturb = hash as u64 as usize;
    let mut i = hash as u64 as usize & mask;
    loop {
        if slots[i].key.is_none() {
            slots[i] = Slot { hash, key: Some(key) };
            return;
        }
        if i + LINEAR_PROBES <= mask {
            if let Some(s) = slots[i + 1..=i + LINEAR_PROBES].iter_mut().find(|s| s.key.is_none()) {
                *s = Slot { hash, key: Some(key) };
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
    }
}

impl<T> Table<T> {
    fn new() -> Table<T> {
        Table { slots: unused_slots(MINSIZE), fill: 0, used: 0, finger: 0, version: 0 }
    }

    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// CPython's `set_table_resize`: the smallest power of two above `minused`, active keys
    /// reinserted in slot order, dummies dropped.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, unused_slots(newsize));
        self.fill = self.used;
        self.version += 1;
        for s in old {
            if let Some(k) = s.key {
                insert_clean(&mut self.slots, k, s.hash);
            }
        }
    }

    /// The growth CPython applies when a table gets 60% full.
    fn grow(&mut self) {
        let used = self.used;
        self.resize(if used > 50000 { used * 2 } else { used * 4 });
    }

    /// Stores a new key where [`SetObj::probe`] said (`set_add_entry`'s tail).
    fn place(&mut self, at: Probe, key: T, hash: i64) {
        self.version += 1;
        match at {
            Probe::Found(_) => {}
            Probe::Missing { freeslot: Some(f), .. } => {
                self.slots[f] = Slot { hash, key: Some(key) };
                self.used += 1;
            }
            Probe::Missing { unused, freeslot: None } => {
                self.slots[unused] = Slot { hash, key: Some(key) };
                self.fill += 1;
                self.used += 1;
                if self.fill * 5 >= self.mask() * 3 {
                    self.grow();
                }
            }
        }
    }

    /// Turns active slot `j` into a dummy, returning its key.
    fn remove_at(&mut self, j: usize) -> Option<T> {
        let k = self.slots[j].key.take();
        if k.is_some() {
            self.slots[j].hash = -1;
            self.used -= 1;
            self.version += 1;
        }
        k
    }

    /// The index of the first active slot at or after `i`.
    #[inline]
    fn next_active(&self, mut i: usize) -> Option<usize> {
        while i < self.slots.len() {
            if self.slots[i].key.is_some() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn clear(&mut self) -> Vec<Slot<T>> {
        self.fill = 0;
        self.used = 0;
        self.version += 1;
        std::mem::replace(&mut self.slots, unused_slots(MINSIZE))
    }
}

/// Result of probing for a key.
#[derive(Clone, Copy, Debug)]
enum Probe {
    /// The key is in slot `.0`.
    Found(usize),
    /// Absent: the first unused slot on its probe path, and the last dummy before it.
    Missing { unused: usize, freeslot: Option<usize> },
}

/// The active entries of a table and its shape, taken out so that no borrow is held while
/// they are inserted elsewhere (`set_merge` and the loops of the set algebra).
struct Snapshot<T> {
    mask: usize,
    fill: usize,
    used: usize,
    /// `(slot, hash, key)` in slot order.
    entries: Vec<(usize, i64, T)>,
}

/// The shared set object a [`PySet`] points at (what a `Value` holds, without copying).
pub struct SetObj<T> {
    table: RefCell<Table<T>>,
}

/// Python `set[T]`.
pub struct PySet<T>(Rc<SetObj<T>>);

impl<T> Clone for PySet<T> {
    /// Another reference to the same set (Python assignment), not a copy.
    #[inline]
    fn clone(&self) -> Self {
        PySet(Rc::clone(&self.0))
    }
}

impl<T> SetObj<T> {
    fn new() -> SetObj<T> {
        SetObj { table: RefCell::new(Table::new()) }
    }

    #[inline]
    pub(crate) fn len_usize(&self) -> usize {
        self.table.borrow().used
    }

    fn clear(&self) {
        let old = self.table.borrow_mut().clear();
        drop(old);
    }
}

impl<T: Clone> SetObj<T> {
    fn snapshot(&self) -> Snapshot<T> {
        let t = self.table.borrow();
        let mut entries = Vec::with_capacity(t.used);
        for (j, s) in t.slots.iter().enumerate() {
            if let Some(k) = &s.key {
                entries.push((j, s.hash, k.clone()));
            }
        }
        Snapshot { mask: t.mask(), fill: t.fill, used: t.used, entries }
    }

    /// The keys in table order.
    pub(crate) fn to_vec(&self) -> Vec<T> {
        let t = self.table.borrow();
        t.slots.iter().filter_map(|s| s.key.clone()).collect()
    }

    /// A set of another element type with the same table (same slots, same order).
    fn map_keys<U>(&self, f: impl Fn(T) -> U) -> PySet<U> {
        let t = self.table.borrow();
        let slots = t
            .slots
            .iter()
            .map(|s| Slot { hash: s.hash, key: s.key.clone().map(&f) })
            .collect();
        let table = Table { slots, fill: t.fill, used: t.used, finger: t.finger, version: 0 };
        PySet(Rc::new(SetObj { table: RefCell::new(table) }))
    }

    /// CPython's probe loop (`set_lookkey` / `set_add_entry`): up to `LINEAR_PROBES + 1`
    /// neighbouring slots, then a perturbed jump. `eq` is Python's `==` against the stored key;
    /// unless `simple`, stored keys are cloned out and compared without holding the borrow.
    fn probe(&self, hash: i64, simple: bool, mut eq: impl FnMut(&T) -> bool) -> Probe {
        'restart: loop {
            let mut t = self.table.borrow();
            let mut mask = t.mask();
            let mut perturb = hash as u64 as usize;
            let mut i = hash as u64 as usize & mask;
            let mut freeslot = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                for j in i..=i + probes {
                    let slot = &t.slots[j];
                    match &slot.key {
                        None if slot.hash == 0 => return Probe::Missing { unused: j, freeslot },
                        // A dummy: CPython 3.11 reuses the *last* one on the path.
                        None => freeslot = Some(j),
                        Some(k) if slot.hash == hash => {
                            if simple {
                                if eq(k) {
                                    return Probe::Found(j);
                                }
                            } else {
                                let start = k.clone();
                                let version = t.version;
                                drop(t);
                                let same = eq(&start);
                                drop(start);
                                t = self.table.borrow();
                                if t.version != version {
                                    continue 'restart;
                                }
                                if same {
                                    return Probe::Found(j);
                                }
                                mask = t.mask();
                            }
                        }
                        Some(_) => {}
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
            }
        }
    }
}

impl<T: PyEq + PyHash + Clone> SetObj<T> {
    #[inline]
    fn probe_key(&self, key: &T, hash: i64) -> Probe {
        self.probe(hash, T::SIMPLE, |k| k.py_eq(key))
    }

    /// `set_add_entry`. Returns whether the key was added.
    fn add_entry(&self, key: T, hash: i64) -> bool {
        let at = self.probe_key(&key, hash);
        if let Probe::Found(_) = at {
            return false;
        }
        self.table.borrow_mut().place(at, key, hash);
        true
    }

    #[inline]
    fn contains_entry(&self, key: &T, hash: i64) -> bool {
        matches!(self.probe_key(key, hash), Probe::Found(_))
    }

    /// `set_discard_entry`: the removed key, if it was there.
    fn discard_entry(&self, key: &T, hash: i64) -> Option<T> {
        match self.probe_key(key, hash) {
            Probe::Found(j) => self.table.borrow_mut().remove_at(j),
            Probe::Missing { .. } => None,
        }
    }

    /// CPython's `set_merge` (`self |= other`, `set(other)`, `other.copy()`), given the other
    /// set's snapshot. The caller handles `self is other`.
    fn merge(&self, other: Snapshot<T>) {
        if other.used == 0 {
            return;
        }
        {
            let mut t = self.table.borrow_mut();
            // One big resize first, expecting few overlapping keys.
            if (t.fill + other.used) * 5 >= t.mask() * 3 {
                let minused = (t.used + other.used) * 2;
                t.resize(minused);
            }
            if t.fill == 0 {
                t.version += 1;
                if t.mask() == other.mask && other.fill == other.used {
                    // Same size, no dummies: the keys go to the very same slots.
                    for (j, h, k) in other.entries {
                        t.slots[j] = Slot { hash: h, key: Some(k) };
                    }
                    t.fill = other.fill;
                    t.used = other.used;
                } else {
                    t.fill = other.used;
                    t.used = other.used;
                    for (_, h, k) in other.entries {
                        insert_clean(&mut t.slots, k, h);
                    }
                }
                return;
            }
        }
        for (_, h, k) in other.entries {
            self.add_entry(k, h);
        }
    }

    /// A new set holding this one's keys (`set_copy`).
    fn copy(&self) -> PySet<T> {
        let s = PySet::new();
        s.0.merge(self.snapshot());
        s
    }

    /// `a & b` (`set_intersection`): walks the smaller set (the right one on a tie) and adds
    /// its keys that the other contains.
    fn intersection(&self, other: &SetObj<T>) -> PySet<T> {
        if std::ptr::eq(self, other) {
            return self.copy();
        }
        let (big, small) = if other.len_usize() > self.len_usize() { (other, self) } else { (self, other) };
        let result = PySet::new();
        for (_, h, k) in small.snapshot().entries {
            if big.contains_entry(&k, h) {
                result.0.add_entry(k, h);
            }
        }
        result
    }

    /// `a - b` (`set_difference`).
    fn difference(&self, other: &SetObj<T>) -> PySet<T> {
        if (self.len_usize() >> 2) > other.len_usize() {
            let result = self.copy();
            result.0.difference_update(other);
            return result;
        }
        let result = PySet::new();
        for (_, h, k) in self.snapshot().entries {
            if !other.contains_entry(&k, h) {
                result.0.add_entry(k, h);
            }
        }
        result
    }

    /// `a -= b` (`set_difference_update_internal`).
    fn difference_update(&self, other: &SetObj<T>) {
        if std::ptr::eq(self, other) {
            self.clear();
            return;
        }
        let entries = if (other.len_usize() >> 3) > self.len_usize() {
            self.intersection(other).0.snapshot().entries
        } else {
            other.snapshot().entries
        };
        let mut removed = Vec::new();
        for (_, h, k) in entries {
            if let Some(old) = self.discard_entry(&k, h) {
                removed.push(old);
            }
        }
        let mut t = self.table.borrow_mut();
        // More than a quarter dummies: resize them away.
        if t.fill - t.used > t.mask() / 4 {
            t.grow();
        }
        drop(t);
        drop(removed);
    }

    /// `a ^= b` (`set_symmetric_difference_update`): walks `b`, removing what `a` has and
    /// adding what it lacks.
    fn symmetric_difference_update(&self, other: &SetObj<T>) {
        if std::ptr::eq(self, other) {
            self.clear();
            return;
        }
        let mut removed = Vec::new();
        for (_, h, k) in other.snapshot().entries {
            match self.discard_entry(&k, h) {
                Some(old) => removed.push(old),
                None => {
                    self.add_entry(k, h);
                }
            }
        }
        drop(removed);
    }

    /// `a ^ b` (`set_symmetric_difference`): a copy of `b`, updated with `a`.
    fn symmetric_difference(&self, other: &SetObj<T>) -> PySet<T> {
        let result = other.copy();
        result.0.symmetric_difference_update(self);
        result
    }

    /// `a | b`: a copy of `a`, merged with `b`.
    fn union(&self, other: &SetObj<T>) -> PySet<T> {
        let result = self.copy();
        if !std::ptr::eq(self, other) {
            result.0.merge(other.snapshot());
        }
        result
    }

    /// `a &= b`: the object keeps its identity and takes the table of `a & b`.
    fn intersection_update(&self, other: &SetObj<T>) {
        let tmp = self.intersection(other);
        let mut a = self.table.borrow_mut();
        let mut b = tmp.0.table.borrow_mut();
        std::mem::swap(&mut a.slots, &mut b.slots);
        std::mem::swap(&mut a.fill, &mut b.fill);
        std::mem::swap(&mut a.used, &mut b.used);
        a.version += 1;
        drop(a);
        drop(b);
        drop(tmp);
    }

    /// `a <= b`.
    fn issubset(&self, other: &SetObj<T>) -> bool {
        if self.len_usize() > other.len_usize() {
            return false;
        }
        if std::ptr::eq(self, other) {
            return true;
        }
        self.snapshot().entries.into_iter().all(|(_, h, k)| other.contains_entry(&k, h))
    }

    fn isdisjoint(&self, other: &SetObj<T>) -> bool {
        if std::ptr::eq(self, other) {
            return self.len_usize() == 0;
        }
        let (big, small) = if other.len_usize() > self.len_usize() { (other, self) } else { (self, other) };
        !small.snapshot().entries.into_iter().any(|(_, h, k)| big.contains_entry(&k, h))
    }

    /// `a == b`.
    fn equals(&self, other: &SetObj<T>) -> bool {
        self.len_usize() == other.len_usize() && self.issubset(other)
    }

    /// `a <op> b` for sets: subset and superset tests.
    fn compare(&self, other: &SetObj<T>, op: CmpOp) -> bool {
        let (n, m) = (self.len_usize(), other.len_usize());
        match op {
            CmpOp::Lt => n < m && self.issubset(other),
            CmpOp::Le => self.issubset(other),
            CmpOp::Gt => n > m && other.issubset(self),
            CmpOp::Ge => other.issubset(self),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The public handle.

impl<T> PySet<T> {
    /// `set()`.
    pub fn new() -> Self {
        PySet(Rc::new(SetObj::new()))
    }

    /// Wraps the shared object (from a `Value`).
    pub(crate) fn from_rc(rc: Rc<SetObj<T>>) -> Self {
        PySet(rc)
    }

    /// The shared object (for boxing into a `Value` without copying).
    pub(crate) fn rc(&self) -> &Rc<SetObj<T>> {
        &self.0
    }

    /// `a is b`.
    #[inline]
    pub fn ptr_eq(&self, other: &PySet<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Identity for `id()` and repr recursion detection.
    #[inline]
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }

    /// `len(s)`.
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

    /// `s.clear()`.
    pub fn clear(&self) {
        self.0.clear()
    }
}

impl<T: Clone> PySet<T> {
    /// The table in the form `fill=.. used=.. mask=.. finger=.. slot slot ...` where a slot is
    /// `.` (unused), `D` (dummy) or the key's hash: for checking the layout against CPython's.
    #[doc(hidden)]
    pub fn debug_layout(&self) -> String {
        let t = self.0.table.borrow();
        let mut out = format!("fill={} used={} mask={} finger={}", t.fill, t.used, t.mask(), t.finger);
        for s in &t.slots {
            out.push(' ');
            match s.key {
                Some(_) => out.push_str(&s.hash.to_string()),
                None if s.hash == -1 => out.push('D'),
                None => out.push('.'),
            }
        }
        out
    }

    /// The elements in iteration order, copied out.
    pub fn to_vec(&self) -> Vec<T> {
        self.0.to_vec()
    }

    /// `for x in s`: CPython's live iteration over the table, raising
    /// `RuntimeError: Set changed size during iteration` if the size changes meanwhile
    /// (reported once, then the iterator ends).
    pub fn iter(&self) -> PySetIter<T> {
        let used = self.len_usize();
        PySetIter { set: self.clone(), used, pos: 0, done: false }
    }
}

impl<T: PyHash + PyEq + Clone> PySet<T> {
    /// `set(items)` for a list, tuple, range, string or generator, `{a, b}` with non-constant
    /// or at most two elements, and set comprehensions: the elements added one by one.
    pub fn from_vec(items: Vec<T>) -> PyResult<Self> {
        PySet::from_iter_py(items)
    }

    /// Same as [`PySet::from_vec`] for any iterator.
    pub fn from_iter_py<I: IntoIterator<Item = T>>(items: I) -> PyResult<Self> {
        let s = PySet::new();
        s.update_iter(items)?;
        Ok(s)
    }

    /// [`PySet::from_iter_py`] for a fallible iterator (a dict's keys, a generator).
    pub fn try_from_iter<I: IntoIterator<Item = PyResult<T>>>(items: I) -> PyResult<Self> {
        let s = PySet::new();
        for x in items {
            s.add(x?)?;
        }
        Ok(s)
    }

    /// A set display `{c1, c2, c3, ...}` of three or more elements that are all constants once
    /// CPython has folded them (literals, negative numbers, tuples of constants, constant
    /// arithmetic). CPython compiles it to `set().update(frozenset_constant)`, where the
    /// frozenset is built from the elements in order and then rebuilt from its own iteration
    /// order by the compiler's constant merging; the resulting order can differ from adding the
    /// elements one by one. With two or fewer elements this is [`PySet::from_vec`].
    pub fn from_const_literal(items: Vec<T>) -> PyResult<Self> {
        if items.len() <= 2 {
            return PySet::from_vec(items);
        }
        let first = PySet::from_vec(items)?;
        let rebuilt = PySet::from_vec(first.to_vec())?;
        Ok(rebuilt.copy())
    }

    /// `set(d)` for a dict `d`: CPython sizes the table for the dict first, then adds its keys
    /// in insertion order.
    pub fn from_dict_keys<V: Clone>(d: &crate::dict::PyDict<T, V>) -> PyResult<Self> {
        let s = PySet::new();
        s.update_dict_keys(d)?;
        Ok(s)
    }

    /// `s.add(x)`.
    pub fn add(&self, x: T) -> PyResult<()> {
        let h = x.py_hash()?;
        self.0.add_entry(x, h);
        Ok(())
    }

    /// `x in s`.
    pub fn contains(&self, x: &T) -> PyResult<bool> {
        let h = x.py_hash()?;
        Ok(self.0.contains_entry(x, h))
    }

    /// `s.discard(x)`.
    pub fn discard(&self, x: &T) -> PyResult<()> {
        let h = x.py_hash()?;
        let old = self.0.discard_entry(x, h);
        drop(old);
        Ok(())
    }

    /// `s.remove(x)`: `KeyError: x` when absent.
    pub fn remove(&self, x: &T) -> PyResult<()>
    where
        T: IntoValue,
    {
        let h = x.py_hash()?;
        match self.0.discard_entry(x, h) {
            Some(_) => Ok(()),
            None => Err(PyErr::key_error(x.clone().into_value())),
        }
    }

    /// `s.pop()`: the first element from where the last `pop` stopped (CPython's "finger").
    pub fn pop(&self) -> PyResult<T> {
        let mut t = self.0.table.borrow_mut();
        if t.used == 0 {
            return Err(PyErr::new(Exc::KeyError, "pop from an empty set"));
        }
        let mask = t.mask();
        let mut j = t.finger & mask;
        while t.slots[j].key.is_none() {
            j += 1;
            if j > mask {
                j = 0;
            }
        }
        t.finger = j + 1;
        t.remove_at(j).ok_or_else(|| PyErr::new(Exc::KeyError, "pop from an empty set"))
    }

    /// `s.copy()` / `set(s)`.
    pub fn copy(&self) -> PySet<T> {
        self.0.copy()
    }

    /// `s.update(t)` / `s |= t` for a set `t`.
    pub fn update(&self, other: &PySet<T>) {
        if !self.ptr_eq(other) {
            self.0.merge(other.0.snapshot());
        }
    }

    /// `s.update(items)` for any other iterable: the items added one by one.
    pub fn update_iter<I: IntoIterator<Item = T>>(&self, items: I) -> PyResult<()> {
        for x in items {
            self.add(x)?;
        }
        Ok(())
    }

    /// `s.update(d)` for a dict `d` (sized for the dict first, as CPython does).
    pub fn update_dict_keys<V: Clone>(&self, d: &crate::dict::PyDict<T, V>) -> PyResult<()> {
        let entries = d.hashed_keys();
        {
            let mut t = self.0.table.borrow_mut();
            if (t.fill + entries.len()) * 5 >= t.mask() * 3 {
                let minused = (t.used + entries.len()) * 2;
                t.resize(minused);
            }
        }
        for (h, k) in entries {
            self.0.add_entry(k, h);
        }
        Ok(())
    }

    /// `a | b` / `a.union(b)`.
    pub fn union(&self, other: &PySet<T>) -> PySet<T> {
        self.0.union(&other.0)
    }

    /// `a & b` / `a.intersection(b)`.
    pub fn intersection(&self, other: &PySet<T>) -> PySet<T> {
        self.0.intersection(&other.0)
    }

    /// `a - b` / `a.difference(b)`.
    pub fn difference(&self, other: &PySet<T>) -> PySet<T> {
        self.0.difference(&other.0)
    }

    /// `a ^ b` / `a.symmetric_difference(b)`.
    pub fn symmetric_difference(&self, other: &PySet<T>) -> PySet<T> {
        self.0.symmetric_difference(&other.0)
    }

    /// `a &= b` / `a.intersection_update(b)`.
    pub fn intersection_update(&self, other: &PySet<T>) {
        self.0.intersection_update(&other.0)
    }

    /// `a -= b` / `a.difference_update(b)`.
    pub fn difference_update(&self, other: &PySet<T>) {
        self.0.difference_update(&other.0)
    }

    /// `a ^= b` / `a.symmetric_difference_update(b)`.
    pub fn symmetric_difference_update(&self, other: &PySet<T>) {
        self.0.symmetric_difference_update(&other.0)
    }

    /// `a <= b` / `a.issubset(b)`.
    pub fn issubset(&self, other: &PySet<T>) -> bool {
        self.0.issubset(&other.0)
    }

    /// `a >= b` / `a.issuperset(b)`.
    pub fn issuperset(&self, other: &PySet<T>) -> bool {
        other.0.issubset(&self.0)
    }

    /// `a.isdisjoint(b)`.
    pub fn isdisjoint(&self, other: &PySet<T>) -> bool {
        self.0.isdisjoint(&other.0)
    }
}

impl<T> Default for PySet<T> {
    fn default() -> Self {
        PySet::new()
    }
}

/// Live iterator over a set (see [`PySet::iter`]).
pub struct PySetIter<T> {
    set: PySet<T>,
    /// The size when iteration started (CPython's `si_used`).
    used: usize,
    pos: usize,
    done: bool,
}

impl<T: Clone> Iterator for PySetIter<T> {
    type Item = PyResult<T>;
    fn next(&mut self) -> Option<PyResult<T>> {
        if self.done {
            return None;
        }
        let t = self.set.0.table.borrow();
        if t.used != self.used {
            self.done = true;
            return Some(Err(PyErr::runtime_error("Set changed size during iteration")));
        }
        match t.next_active(self.pos) {
            Some(j) => {
                self.pos = j + 1;
                t.slots[j].key.clone().map(Ok)
            }
            None => {
                self.done = true;
                None
            }
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.set.len_usize()))
    }
}

impl<T: Clone> IntoIterator for &PySet<T> {
    type Item = PyResult<T>;
    type IntoIter = PySetIter<T>;
    fn into_iter(self) -> PySetIter<T> {
        self.iter()
    }
}

impl<T: PyEq + PyHash + Clone> PyEq for PySet<T> {
    fn py_eq(&self, other: &Self) -> bool {
        self.0.equals(&other.0)
    }
}

/// `<`, `<=`, `>`, `>=` are subset tests.
impl<T: PyEq + PyHash + Clone> PyOrd for PySet<T> {
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
        Ok(self.0.compare(&other.0, op))
    }
}

impl<T: PyEq + PyHash + Clone> PartialEq for PySet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.py_eq(other)
    }
}

/// Sets are unhashable.
impl<T> PyHash for PySet<T> {
    fn py_hash(&self) -> PyResult<i64> {
        Err(crate::hash::unhashable("set"))
    }
}

impl<T: PyObject + Clone> PyObject for SetObj<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let Some(_guard) = repr_enter(Some(self as *const Self as *const () as usize))? else {
            out.push_str("set(...)");
            return Ok(());
        };
        // CPython takes the elements out first, then prints them.
        let items = self.to_vec();
        if items.is_empty() {
            out.push_str("set()");
            return Ok(());
        }
        crate::object::write_seq(out, "{", items.iter(), "}")
    }
    #[inline]
    fn truthy(&self) -> bool {
        self.len_usize() != 0
    }
    fn type_name(&self) -> &'static str {
        "set"
    }
}

impl<T: PyObject + Clone> PyObject for PySet<T> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.0.write_repr(out)
    }
    #[inline]
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "set"
    }
}

impl<T: PyObject + Clone> fmt::Debug for PySet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        match self.write_repr(&mut s) {
            Ok(()) => f.write_str(&s),
            Err(e) => write!(f, "<set repr failed: {e}>"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sets inside `Value`s.

/// The bounds an element type needs for its sets to be boxed into a `Value`.
pub trait SetElem: PyHash + PyEq + PyObject + IntoValue + crate::value::FromValue + Clone + 'static {}
impl<T: PyHash + PyEq + PyObject + IntoValue + crate::value::FromValue + Clone + 'static> SetElem for T {}

impl<T: SetElem> SetObj<T> {
    /// `x in s` for a value of any type: hashed as a value, compared as values.
    pub(crate) fn contains_value(&self, x: &Value) -> PyResult<bool> {
        let h = x.py_hash()?;
        Ok(matches!(self.probe(h, T::SIMPLE, |k| k.clone().into_value().py_eq(x)), Probe::Found(_)))
    }

    /// This set as a set of values with the same table (same order).
    pub(crate) fn to_value_set(&self) -> PySet<Value> {
        self.map_keys(IntoValue::into_value)
    }
}

/// `s.name(*args)` on a set inside a `Value` (see `Value::call_method`).
fn set_method<T: SetElem>(set: PySet<T>, name: &str, args: Vec<Value>) -> PyResult<Value> {
    use crate::methods::{check_args, no_attribute};
    let a = &args[..];
    match name {
        "add" => {
            check_args("set", name, a, 1, 1)?;
            a[0].hash()?;
            set.add(T::from_value(a[0].clone())?)?;
            Ok(Value::None)
        }
        "discard" | "remove" => {
            check_args("set", name, a, 1, 1)?;
            a[0].hash()?;
            // A value of another type than the elements is not in the set.
            let present = set.rc().contains_value(&a[0])?;
            if present {
                set.discard(&T::from_value(a[0].clone())?)?;
            } else if name == "remove" {
                return Err(PyErr::key_error(a[0].clone()));
            }
            Ok(Value::None)
        }
        "pop" => {
            check_args("set", name, a, 0, 0)?;
            Ok(set.pop()?.into_value())
        }
        "clear" => {
            check_args("set", name, a, 0, 0)?;
            set.clear();
            Ok(Value::None)
        }
        "copy" => {
            check_args("set", name, a, 0, 0)?;
            Ok(set.copy().into_value())
        }
        _ => Err(no_attribute("set", name)),
    }
}

impl<T: SetElem> crate::value::Object for SetObj<T> {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn std::any::Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.len_usize()))
    }
    fn iter(self: Rc<Self>) -> PyResult<crate::value::ValueIter> {
        let it = PySet::from_rc(self).iter();
        Ok(crate::value::ValueIter::new(it.map(|r| r.map(IntoValue::into_value))))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        self.contains_value(x)
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(set_method(PySet::from_rc(self), name, args))
    }
    fn eq_obj(&self, other: &dyn crate::value::Object) -> bool {
        if let Some(b) = other.as_any().downcast_ref::<SetObj<T>>() {
            return self.equals(b);
        }
        match other.to_value_set() {
            Some(b) => self.len_usize() == b.len_usize() && self.to_value_set().issubset(&b),
            None => false,
        }
    }
    fn cmp_obj(&self, other: &dyn crate::value::Object, op: CmpOp) -> Option<PyResult<bool>> {
        if let Some(b) = other.as_any().downcast_ref::<SetObj<T>>() {
            return Some(Ok(self.compare(b, op)));
        }
        let b = other.to_value_set()?;
        Some(Ok(self.to_value_set().0.compare(&b.0, op)))
    }
    fn binop(&self, op: crate::value::ObjBinOp, other: &Value) -> Option<PyResult<Value>> {
        use crate::value::ObjBinOp;
        let Value::Obj(o) = other else { return None };
        fn apply<U: PyHash + PyEq + Clone>(op: ObjBinOp, a: &SetObj<U>, b: &SetObj<U>) -> PySet<U> {
            match op {
                ObjBinOp::Or => a.union(b),
                ObjBinOp::And => a.intersection(b),
                ObjBinOp::Sub => a.difference(b),
                ObjBinOp::Xor => a.symmetric_difference(b),
            }
        }
        if let Some(b) = o.as_any().downcast_ref::<SetObj<T>>() {
            return Some(Ok(apply(op, self, b).into_value()));
        }
        let b = o.to_value_set()?;
        let a = self.to_value_set();
        Some(Ok(apply(op, &a.0, &b.0).into_value()))
    }
    fn to_value_set(&self) -> Option<PySet<Value>> {
        Some(SetObj::to_value_set(self))
    }
}

impl<T: SetElem> IntoValue for PySet<T> {
    fn into_value(self) -> Value {
        let rc: Rc<SetObj<T>> = Rc::clone(self.rc());
        Value::Obj(rc)
    }
}

impl<T: SetElem> crate::value::FromValue for PySet<T> {
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                match o.into_any_rc().downcast::<SetObj<T>>() {
                    Ok(rc) => Ok(PySet::from_rc(rc)),
                    Err(_) if name == "set" => Err(PyErr::type_error(
                        "expected a set of another element type (the set cannot be shared)",
                    )),
                    Err(_) => Err(PyErr::type_error(format!("expected set, got {name}"))),
                }
            }
            other => Err(PyErr::type_error(format!("expected set, got {}", other.type_name()))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// frozenset, as a dynamic value.

/// Python `frozenset`: an immutable, hashable set of values. It exists only inside `Value`s
/// (`frozenset(...)` is dynamically typed); the table is a set's, so it iterates and prints in
/// the same order as `set(...)` of the same items.
pub struct FrozenSetObj {
    set: PySet<Value>,
}

impl FrozenSetObj {
    fn wrap(set: PySet<Value>) -> Value {
        Value::Obj(Rc::new(FrozenSetObj { set }))
    }
}

/// `frozenset()` / `frozenset(iterable)`, built as `set(iterable)` is.
pub fn frozenset_of<I: IntoIterator<Item = Value>>(items: I) -> PyResult<Value> {
    Ok(FrozenSetObj::wrap(PySet::from_iter_py(items)?))
}

/// CPython's `_shuffle_bits` of `frozenset.__hash__`.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

impl PyObject for FrozenSetObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let items = self.set.to_vec();
        if items.is_empty() {
            out.push_str("frozenset()");
            return Ok(());
        }
        out.push_str("frozenset(");
        crate::object::write_seq(out, "{", items.iter(), "}")?;
        out.push(')');
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.set.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "frozenset"
    }
}

impl crate::value::Object for FrozenSetObj {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn std::any::Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(self.set.len())
    }
    fn iter(self: Rc<Self>) -> PyResult<crate::value::ValueIter> {
        Ok(crate::value::ValueIter::new(self.set.iter()))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        self.set.0.contains_value(x)
    }
    fn eq_obj(&self, other: &dyn crate::value::Object) -> bool {
        match other.to_value_set() {
            Some(b) => self.set.0.equals(&b.0),
            None => false,
        }
    }
    fn cmp_obj(&self, other: &dyn crate::value::Object, op: CmpOp) -> Option<PyResult<bool>> {
        let b = other.to_value_set()?;
        Some(Ok(self.set.0.compare(&b.0, op)))
    }
    /// The result of `frozenset op set` is a frozenset (the left operand's type).
    fn binop(&self, op: crate::value::ObjBinOp, other: &Value) -> Option<PyResult<Value>> {
        use crate::value::ObjBinOp;
        let Value::Obj(o) = other else { return None };
        let b = o.to_value_set()?;
        let a = &self.set.0;
        let r = match op {
            ObjBinOp::Or => a.union(&b.0),
            ObjBinOp::And => a.intersection(&b.0),
            ObjBinOp::Sub => a.difference(&b.0),
            ObjBinOp::Xor => a.symmetric_difference(&b.0),
        };
        Some(Ok(FrozenSetObj::wrap(r)))
    }
    /// CPython's `frozenset_hash`: independent of the order, from the items' hashes.
    fn hash_obj(&self) -> PyResult<i64> {
        let t = self.set.0.table.borrow();
        let mut h: u64 = 0;
        for s in &t.slots {
            if s.key.is_some() {
                h ^= shuffle_bits(s.hash as u64);
            }
        }
        h ^= (t.used as u64 + 1).wrapping_mul(1927868237);
        h ^= (h >> 11) ^ (h >> 25);
        h = h.wrapping_mul(69069).wrapping_add(907133923);
        if h == u64::MAX {
            h = 590923713;
        }
        Ok(h as i64)
    }
    fn to_value_set(&self) -> Option<PySet<Value>> {
        Some(self.set.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;
    use crate::pystr::PyStr;
    use crate::value::FromValue;

    fn i(v: i64) -> Int {
        Int::from(v)
    }
    fn ints(v: &[i64]) -> Vec<Int> {
        v.iter().map(|&x| i(x)).collect()
    }
    fn set(v: &[i64]) -> PySet<Int> {
        PySet::from_vec(ints(v)).unwrap()
    }
    fn lit(v: &[i64]) -> PySet<Int> {
        PySet::from_const_literal(ints(v)).unwrap()
    }
    fn range(a: i64, b: i64, step: i64) -> PySet<Int> {
        let mut v = vec![];
        let mut x = a;
        while (step > 0 && x < b) || (step < 0 && x > b) {
            v.push(x);
            x += step;
        }
        set(&v)
    }
    fn r<T: PyObject + ?Sized>(x: &T) -> String {
        py_repr(x).unwrap().as_str().to_string()
    }
    fn v(x: i64) -> Value {
        Value::from(x)
    }

    #[test]
    fn cpython_order() {
        // Expected values from python3 (3.11).
        // s = {1, 2, 3}; s.discard(2); s.add(34); print(s)
        let s = lit(&[1, 2, 3]);
        s.discard(&i(2)).unwrap();
        s.add(i(34)).unwrap();
        assert_eq!(r(&s), "{1, 34, 3}");
        // print({100, 5, 37, 8, -1}) vs print(set([100, 5, 37, 8, -1]))
        assert_eq!(r(&lit(&[100, 5, 37, 8, -1])), "{100, 5, 37, 8, -1}");
        assert_eq!(r(&set(&[100, 5, 37, 8, -1])), "{100, 37, 5, 8, -1}");
        assert_eq!(r(&range(20, 0, -3)), "{2, 5, 8, 11, 14, 17, 20}");
        let t = PySet::from_vec(vec![(i(1), i(2)), (i(3), i(4))]).unwrap();
        assert_eq!(r(&t), "{(1, 2), (3, 4)}");
        // {(i, j) for i in range(3) for j in range(3)}
        let pairs = PySet::from_iter_py((0..3).flat_map(|a| (0..3).map(move |b| (i(a), i(b))))).unwrap();
        assert_eq!(r(&pairs), "{(0, 1), (1, 2), (2, 1), (0, 0), (1, 1), (2, 0), (0, 2), (2, 2), (1, 0)}");
        // {x * 7 for x in range(12)}
        let sevens = PySet::from_iter_py((0..12).map(|x| i(x * 7))).unwrap();
        assert_eq!(r(&sevens), "{0, 35, 70, 7, 42, 77, 14, 49, 21, 56, 28, 63}");
        // {-1, -2, 2**61, 2**61 - 1, 2**64}; {0.5, 1.5, 2.5, -0.5}
        let big = PySet::from_const_literal(vec![
            i(-1),
            i(-2),
            Int::big("2305843009213693952"),
            Int::big("2305843009213693951"),
            Int::big("18446744073709551616"),
        ])
        .unwrap();
        assert_eq!(r(&big), "{2305843009213693951, 2305843009213693952, -1, 18446744073709551616, -2}");
        let fl = PySet::from_const_literal(vec![0.5, 1.5, 2.5, -0.5]).unwrap();
        assert_eq!(r(&fl), "{0.5, 1.5, 2.5, -0.5}");
        // set(range(20)) - {1}
        assert_eq!(
            r(&range(0, 20, 1).difference(&set(&[1]))),
            "{0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}"
        );
    }

    #[test]
    fn algebra_order() {
        // a = set(range(0, 40, 3)); b = set(range(0, 40, 5)); print(a | b, a & b, a - b, b - a, a ^ b, b ^ a)
        let a = range(0, 40, 3);
        let b = range(0, 40, 5);
        assert_eq!(
            r(&a.union(&b)),
            "{0, 3, 5, 6, 9, 10, 12, 15, 18, 20, 21, 24, 25, 27, 30, 33, 35, 36, 39}"
        );
        assert_eq!(r(&a.intersection(&b)), "{0, 30, 15}");
        assert_eq!(r(&a.difference(&b)), "{33, 3, 36, 6, 39, 9, 12, 18, 21, 24, 27}");
        assert_eq!(r(&b.difference(&a)), "{35, 5, 10, 20, 25}");
        let x = "{3, 5, 6, 9, 10, 12, 18, 20, 21, 24, 25, 27, 33, 35, 36, 39}";
        assert_eq!(r(&a.symmetric_difference(&b)), x);
        assert_eq!(r(&b.symmetric_difference(&a)), x);
        // {1} & {1.0} is {1.0}; {1.0} & {1} is {1}
        let one = PySet::from_vec(vec![v(1)]).unwrap();
        let onef = PySet::from_vec(vec![Value::Float(1.0)]).unwrap();
        assert_eq!(r(&one.intersection(&onef)), "{1.0}");
        assert_eq!(r(&onef.intersection(&one)), "{1}");
        // a = {1, ..., 7}; a.intersection_update({5, 6, 7, 8, 9})
        let a = lit(&[1, 2, 3, 4, 5, 6, 7]);
        let keep = a.clone();
        a.intersection_update(&lit(&[5, 6, 7, 8, 9]));
        assert!(keep.ptr_eq(&a));
        assert_eq!(r(&keep), "{5, 6, 7}");
        // a = set(range(50)); a -= set(range(0, 50, 2))
        let a = range(0, 50, 1);
        a.difference_update(&range(0, 50, 2));
        assert_eq!(r(&a), "{1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49}");
        // a = set(range(5)); a ^= {3, 4, 5, 6}
        let a = range(0, 5, 1);
        a.symmetric_difference_update(&lit(&[3, 4, 5, 6]));
        assert_eq!(r(&a), "{0, 1, 2, 5, 6}");
        a.symmetric_difference_update(&a.clone());
        assert_eq!(r(&a), "set()");
        let u = set(&[1, 2]);
        u.update(&u.clone());
        assert_eq!(r(&u.union(&u)), "{1, 2}");
        assert_eq!(r(&u.intersection(&u)), "{1, 2}");
    }

    #[test]
    fn pop_remove_and_errors() {
        // s = set(range(10)); s.discard(3); [s.pop() for _ in range(4)] -> [0, 1, 2, 4]; s -> {5, 6, 7, 8, 9}
        let s = range(0, 10, 1);
        s.discard(&i(3)).unwrap();
        let popped: Vec<Int> = (0..4).map(|_| s.pop().unwrap()).collect();
        assert_eq!(popped, ints(&[0, 1, 2, 4]));
        assert_eq!(r(&s), "{5, 6, 7, 8, 9}");
        // s = {5, 13, 21}; s.add(29); s.pop(), s.pop() -> 29 21; s -> {5, 13}
        let s = lit(&[5, 13, 21]);
        s.add(i(29)).unwrap();
        assert_eq!((s.pop().unwrap(), s.pop().unwrap()), (i(29), i(21)));
        assert_eq!(r(&s), "{5, 13}");
        let e = PySet::<Int>::new().pop().unwrap_err();
        assert_eq!(e.to_string(), "KeyError: 'pop from an empty set'");
        assert_eq!(set(&[1]).remove(&i(2)).unwrap_err().to_string(), "KeyError: 2");
        let t = PySet::from_vec(vec![(i(1), PyStr::from("b"))]).unwrap();
        assert_eq!(t.remove(&(i(1), PyStr::from("a"))).unwrap_err().to_string(), "KeyError: (1, 'a')");
        t.remove(&(i(1), PyStr::from("b"))).unwrap();
        assert!(t.is_empty());
        // {1}.add([1]) -> TypeError: unhashable type: 'list'
        let vs: PySet<Value> = PySet::new();
        let l = Value::from_list(crate::list::PyList::from_vec(vec![i(1)]));
        assert_eq!(vs.add(l.clone()).unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        assert_eq!(vs.contains(&l).unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
    }

    #[test]
    fn comparisons_and_printing() {
        assert_eq!(r(&PySet::<Int>::new()), "set()");
        assert!(!PySet::<Int>::new().truthy() && set(&[0]).truthy());
        // {1, 2} == {2.0, True}; {1} < {1, 2}; {1, 2} <= {1, 2}; not {1, 2} < {1, 2}; {3} > set(); not {1} >= {2}
        let a = PySet::from_vec(vec![v(1), v(2)]).unwrap();
        let b = PySet::from_vec(vec![Value::Float(2.0), Value::Bool(true)]).unwrap();
        assert!(a.py_eq(&b));
        assert!(set(&[1]).py_lt(&set(&[1, 2])).unwrap());
        assert!(set(&[1, 2]).py_le(&set(&[1, 2])).unwrap());
        assert!(!set(&[1, 2]).py_lt(&set(&[1, 2])).unwrap());
        assert!(set(&[3]).py_gt(&set(&[])).unwrap());
        assert!(!set(&[1]).py_ge(&set(&[2])).unwrap());
        assert!(set(&[1, 2]).isdisjoint(&set(&[3])) && !set(&[1, 2]).isdisjoint(&set(&[2])));
        assert!(set(&[1]).issubset(&set(&[1, 2])) && set(&[1, 2]).issuperset(&set(&[2])));
        assert!(PySet::<Int>::new().isdisjoint(&PySet::new()));
        // 1 == 1.0 == True: one element.
        let m = PySet::from_vec(vec![v(1), Value::Bool(true), Value::Float(1.0)]).unwrap();
        assert_eq!(r(&m), "{1}");
        assert_eq!(m.py_hash().unwrap_err().to_string(), "TypeError: unhashable type: 'set'");
    }

    #[test]
    fn live_iteration() {
        // s = {1, 2, 3}; for x in s: s.add(x + 10) -> RuntimeError: Set changed size during iteration; s -> {11, 1, 2, 3}
        let s = lit(&[1, 2, 3]);
        let mut err = None;
        for x in s.iter() {
            match x {
                Ok(x) => s.add(&x + &i(10)).unwrap(),
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        assert_eq!(err.unwrap().to_string(), "RuntimeError: Set changed size during iteration");
        assert_eq!(r(&s), "{11, 1, 2, 3}");
        // Same size (discard then add) keeps going, as in CPython.
        let s = range(0, 20, 1);
        let seen: Vec<Int> = s
            .iter()
            .map(|x| {
                let x = x.unwrap();
                s.discard(&x).unwrap();
                s.add(&x + &i(1000)).unwrap();
                x
            })
            .collect();
        assert_eq!(seen.len(), 40);
        assert_eq!(s.len(), i(20));
    }

    #[test]
    fn from_dict_keys() {
        // d = {3: 'c', 1: 'a', 2: 'b'}; set(d) -> {1, 2, 3}
        let d = crate::dict::PyDict::from_pairs(vec![(i(3), PyStr::from("c")), (i(1), "a".into()), (i(2), "b".into())]).unwrap();
        assert_eq!(r(&PySet::from_dict_keys(&d).unwrap()), "{1, 2, 3}");
    }

    #[test]
    fn through_values() {
        let a = lit(&[1, 2, 3]);
        let va = a.clone().into_value();
        assert_eq!(r(&va), "{1, 2, 3}");
        assert_eq!(va.type_name(), "set");
        assert!(va.contains(&Value::Float(2.0)).unwrap());
        assert!(va.contains(&Value::Bool(true)).unwrap());
        assert!(!va.contains(&Value::from("x")).unwrap());
        assert_eq!(va.len().unwrap(), i(3));
        assert_eq!(
            va.contains(&Value::from_list(crate::list::PyList::<Int>::new())).unwrap_err().to_string(),
            "TypeError: unhashable type: 'list'"
        );
        let back = PySet::<Int>::from_value(va.clone()).unwrap();
        assert!(back.ptr_eq(&a));
        assert!(PySet::<PyStr>::from_value(va.clone()).is_err());
        let items: Vec<String> = va.iter().unwrap().map(|x| r(&x.unwrap())).collect();
        assert_eq!(items, ["1", "2", "3"]);
        // Operators between sets of different static types go through values.
        let vb = PySet::from_vec(vec![Value::Float(3.0), v(4)]).unwrap().into_value();
        assert_eq!(r(&va.bitor(&vb).unwrap()), "{1, 2, 3, 4}");
        assert_eq!(r(&va.bitand(&vb).unwrap()), "{3.0}");
        assert_eq!(r(&va.sub(&vb).unwrap()), "{1, 2}");
        assert_eq!(r(&va.bitxor(&vb).unwrap()), "{1, 2, 4}");
        assert_eq!(r(&va.bitor(&va).unwrap()), "{1, 2, 3}");
        assert!(va.eq(&PySet::from_vec(vec![Value::Float(1.0), v(2), v(3)]).unwrap().into_value()));
        assert!(!va.eq(&vb));
        assert!(va.gt(&PySet::from_vec(vec![v(1)]).unwrap().into_value()).unwrap());
        assert_eq!(
            va.bitor(&v(1)).unwrap_err().to_string(),
            "TypeError: unsupported operand type(s) for |: 'set' and 'int'"
        );
        assert_eq!(
            va.lt(&Value::from_list(crate::list::PyList::<Int>::new())).unwrap_err().to_string(),
            "TypeError: '<' not supported between instances of 'set' and 'list'"
        );
        assert_eq!(va.hash().unwrap_err().to_string(), "TypeError: unhashable type: 'set'");
        // A set of values from mixed elements.
        let mixed = PySet::from_vec(vec![v(1), Value::from("a"), Value::tuple(vec![v(1), v(2)]), Value::None]).unwrap();
        assert_eq!(mixed.len(), i(4));
        assert!(mixed.contains(&Value::tuple(vec![Value::Float(1.0), v(2)])).unwrap());
    }

    #[test]
    fn typed_and_value_elements_agree() {
        // Same hashes, same equality: a set of (int, int) tuples and a set of tuple values
        // built the same way print the same.
        let mut x: u64 = 12345;
        let mut next = move || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as i64 % 41 - 20
        };
        for round in 0..50 {
            let pairs: Vec<(Int, Int)> = (0..round).map(|_| (i(next()), i(next()))).collect();
            let values: Vec<Value> = pairs.iter().map(|(a, b)| Value::tuple(vec![a.clone().into_value(), b.clone().into_value()])).collect();
            let typed = PySet::from_vec(pairs.clone()).unwrap();
            let dynamic = PySet::from_vec(values).unwrap();
            assert_eq!(r(&typed), r(&dynamic));
            let k = pairs.len() / 2;
            for p in &pairs[..k] {
                typed.discard(p).unwrap();
                dynamic.discard(&p.clone().into_value()).unwrap();
            }
            typed.add((i(99), i(-99))).unwrap();
            dynamic.add((i(99), i(-99)).into_value()).unwrap();
            assert_eq!(r(&typed), r(&dynamic));
        }
    }

    #[test]
    fn large_sets() {
        let s: PySet<Int> = PySet::from_iter_py((0..100_000).map(|x| i(x * 7919 % 100_003))).unwrap();
        assert_eq!(s.len(), i(100_000));
        for x in (0..100_000).step_by(2) {
            s.discard(&i(x * 7919 % 100_003)).unwrap();
        }
        assert_eq!(s.len(), i(50_000));
        assert!(s.contains(&i(7919)).unwrap());
        assert!(!s.contains(&i(0)).unwrap());
        assert_eq!(s.iter().count(), 50_000);
    }

    #[test]
    fn frozensets_print_compare_and_hash_like_cpython() {
        let empty = frozenset_of(Vec::new()).unwrap();
        assert_eq!(r(&empty), "frozenset()");
        let fs = frozenset_of(vec![v(3), v(1), v(2)]).unwrap();
        assert_eq!(r(&fs), "frozenset({1, 2, 3})");
        assert!(fs.eq(&set(&[1, 2, 3]).into_value()));
        assert!(fs.contains(&v(2)).unwrap());
        // hash(frozenset()), hash(frozenset([1, 2])) in CPython 3.11.
        assert_eq!(empty.hash().unwrap(), 133146708735736);
        assert_eq!(frozenset_of(vec![v(2), v(1)]).unwrap().hash().unwrap(), -1826646154956904602);
        let nested = frozenset_of(vec![frozenset_of(vec![v(1)]).unwrap()]).unwrap();
        assert_eq!(nested.hash().unwrap(), 5515263749738256364);
        assert_eq!(r(&fs.bitor(&set(&[9]).into_value()).unwrap()), "frozenset({1, 2, 3, 9})");
    }
}
