//! `PyDict<K, V>`: Python's `dict`, with reference semantics and insertion order.
//!
//! The layout is CPython's compact dict: a dense `entries` vector in insertion order (deleted
//! entries leave holes, squeezed out when the table is resized) and a sparse power-of-two
//! `indices` table, addressed by the key's Python hash with CPython's perturbed probing, that
//! points into it. The sizing follows CPython 3.11 (minimum size 8, two thirds usable, growth to
//! three times the live entries, presizing of displays, `update` and `copy`, `popitem` not
//! giving slots back), so a program that deletes and inserts while iterating over a dict sees
//! the same keys and the same "dictionary changed size during iteration" / "dictionary keys
//! changed during iteration" `RuntimeError`s as under CPython (checked against python3 by a
//! randomized differential test).
//!
//! Keys are compared with Python's `==` ([`PyEq`]) after their hashes ([`PyHash`]) match, so
//! `1`, `1.0` and `True` are one key: `{1: 'a', True: 'b', 1.0: 'c'}` is `{1: 'c'}` (the first
//! key object stays, the last value wins). For key types whose `==` could run arbitrary code
//! (`Value`), stored keys are cloned out before being compared and the lookup restarts if the
//! dict changed meanwhile; no `RefCell` borrow outlives a method call.
//!
//! Every operation that hashes a key returns a `PyResult` (a `Value` key can be unhashable:
//! `TypeError: unhashable type: 'list'`). Iterators yield `PyResult` items because mutating the
//! dict during iteration raises; after reporting that error once they end.

use crate::err::{Exc, PyErr, PyResult};
use crate::hash::PyHash;
use crate::int::Int;
use crate::list::PyList;
use crate::object::{cmp_type_error, repr_enter, CmpOp, PyEq, PyObject, PyOrd};
use crate::value::{FromValue, IntoValue, Object, ObjBinOp, Value, ValueIter};
use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

const MINSIZE: usize = 8;
const PERTURB_SHIFT: u32 = 5;
/// An index slot never used.
const EMPTY: u32 = u32::MAX;
/// An index slot whose entry was deleted.
const DUMMY: u32 = u32::MAX - 1;

struct Entry<K, V> {
    hash: i64,
    key: K,
    value: V,
}

impl<K: Clone, V: Clone> Clone for Entry<K, V> {
    fn clone(&self) -> Self {
        Entry { hash: self.hash, key: self.key.clone(), value: self.value.clone() }
    }
}

/// CPython's `PyDictKeysObject` plus the dict's `ma_used`.
struct Table<K, V> {
    /// Empty (no allocation) for a new empty dict, else a power of two >= [`MINSIZE`].
    indices: Vec<u32>,
    /// Insertion order; `None` for deleted entries.
    entries: Vec<Option<Entry<K, V>>>,
    /// Live entries (`len(d)`).
    used: usize,
    /// How many more entries fit before a resize.
    usable: usize,
    /// Bumped whenever keys are added, removed or moved.
    version: u64,
}

/// Two thirds of a table's slots can be used.
#[inline]
fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// CPython's `calculate_log2_keysize`, as a size: the power of two (at least [`MINSIZE`]) for
/// `minsize` slots. (Its bit trick maps 1..=7 to 16 and a power of two >= 16 to its double.)
fn keysize_for(minsize: usize) -> usize {
    let m = ((minsize | MINSIZE) - 1) | (MINSIZE - 1);
    1usize << (usize::BITS - m.leading_zeros())
}

/// CPython's `estimate_log2_keysize`: the size where `n` entries fit without a resize.
fn keysize_estimate(n: usize) -> usize {
    keysize_for((n * 3).div_ceil(2))
}

/// CPython caps the presizing of a new dict at this many slots.
const MAX_PRESIZE: usize = 1 << 17;

impl<K, V> Table<K, V> {
    fn new() -> Table<K, V> {
        Table { indices: Vec::new(), entries: Vec::new(), used: 0, usable: 0, version: 0 }
    }

    /// The first free (empty or dummy) index slot on `hash`'s probe path.
    fn find_empty_slot(&self, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64 as usize;
        let mut i = hash as u64 as usize & mask;
        while self.indices[i] < DUMMY {
            perturb >>= PERTURB_SHIFT;
            i = i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1) & mask;
        }
        i
    }

    /// Rebuilds the index for `newsize` slots, squeezing the holes out of `entries`.
    fn resize(&mut self, newsize: usize) {
        if self.entries.len() != self.used {
            self.entries.retain(Option::is_some);
        }
        self.indices = vec![EMPTY; newsize];
        for ix in 0..self.entries.len() {
            let hash = match &self.entries[ix] {
                Some(e) => e.hash,
                None => continue,
            };
            let slot = self.find_empty_slot(hash);
            self.indices[slot] = ix as u32;
        }
        self.usable = usable_fraction(newsize) - self.entries.len();
        self.version += 1;
    }

    /// Appends an entry for a key known to be absent.
    fn insert_new(&mut self, hash: i64, key: K, value: V) -> PyResult<()> {
        if self.usable == 0 {
            // CPython's GROWTH_RATE: three times the live entries.
            let newsize = keysize_for(self.used * 3);
            self.resize(newsize);
        }
        if self.entries.len() >= DUMMY as usize {
            return Err(PyErr::memory_error());
        }
        let slot = self.find_empty_slot(hash);
        self.indices[slot] = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.used += 1;
        self.usable -= 1;
        self.version += 1;
        Ok(())
    }

    /// CPython's `dict_new_presized(n)`: a new table sized for `n` entries (none for up to 5).
    fn presized(n: usize) -> Table<K, V> {
        let mut t = Table::new();
        if n > usable_fraction(MINSIZE) {
            let size = if n > usable_fraction(MAX_PRESIZE) { MAX_PRESIZE } else { keysize_estimate(n) };
            t.resize(size);
        }
        t
    }

    /// Removes the entry `ix` found at index slot `slot`.
    fn remove_at(&mut self, slot: usize, ix: usize) -> Option<Entry<K, V>> {
        let e = self.entries[ix].take()?;
        self.indices[slot] = DUMMY;
        self.used -= 1;
        self.version += 1;
        Some(e)
    }

    /// The index slot pointing at entry `ix` (whose hash is `hash`).
    fn slot_of(&self, hash: i64, ix: usize) -> Option<usize> {
        let mask = self.indices.len().checked_sub(1)?;
        let mut perturb = hash as u64 as usize;
        let mut i = hash as u64 as usize & mask;
        loop {
            let x = self.indices[i];
            if x == ix as u32 {
                return Some(i);
            }
            if x == EMPTY {
                return None;
            }
            perturb >>= PERTURB_SHIFT;
            i = i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1) & mask;
        }
    }

    /// A copy of the whole table, holes included (CPython's `clone_combined_dict_keys`).
    fn clone_table(&self) -> Table<K, V>
    where
        K: Clone,
        V: Clone,
    {
        Table {
            indices: self.indices.clone(),
            entries: self.entries.clone(),
            used: self.used,
            usable: self.usable,
            version: 0,
        }
    }

    fn take_all(&mut self) -> Vec<Option<Entry<K, V>>> {
        self.indices = Vec::new();
        self.used = 0;
        self.usable = 0;
        self.version += 1;
        std::mem::take(&mut self.entries)
    }
}

/// Where a key is.
#[derive(Clone, Copy, Debug)]
enum Look {
    Found { slot: usize, ix: usize },
    Missing,
}

/// The shared dict object a [`PyDict`] points at (what a `Value` holds, without copying).
pub struct DictObj<K, V> {
    table: RefCell<Table<K, V>>,
}

/// Python `dict[K, V]`.
pub struct PyDict<K, V>(Rc<DictObj<K, V>>);

impl<K, V> Clone for PyDict<K, V> {
    /// Another reference to the same dict (Python assignment), not a copy.
    #[inline]
    fn clone(&self) -> Self {
        PyDict(Rc::clone(&self.0))
    }
}

impl<K, V> DictObj<K, V> {
    #[inline]
    pub(crate) fn len_usize(&self) -> usize {
        self.table.borrow().used
    }
}

impl<K: Clone, V: Clone> DictObj<K, V> {
    /// CPython's lookup: follow `hash`'s probe path through the index until an empty slot.
    /// `eq` is Python's `==` against a stored key; unless `simple`, stored keys are cloned out
    /// and compared without holding the borrow, and the lookup restarts if the dict changed.
    fn probe(&self, hash: i64, simple: bool, mut eq: impl FnMut(&K) -> bool) -> Look {
        'restart: loop {
            let mut t = self.table.borrow();
            if t.indices.is_empty() {
                return Look::Missing;
            }
            let mask = t.indices.len() - 1;
            let mut perturb = hash as u64 as usize;
            let mut i = hash as u64 as usize & mask;
            loop {
                let ix = t.indices[i];
                if ix == EMPTY {
                    return Look::Missing;
                }
                if ix != DUMMY {
                    if let Some(e) = &t.entries[ix as usize] {
                        if e.hash == hash {
                            if simple {
                                if eq(&e.key) {
                                    return Look::Found { slot: i, ix: ix as usize };
                                }
                            } else {
                                let start = e.key.clone();
                                let version = t.version;
                                drop(t);
                                let same = eq(&start);
                                drop(start);
                                t = self.table.borrow();
                                if t.version != version {
                                    continue 'restart;
                                }
                                if same {
                                    return Look::Found { slot: i, ix: ix as usize };
                                }
                            }
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1) & mask;
            }
        }
    }

    fn value_at(&self, ix: usize) -> Option<V> {
        self.table.borrow().entries.get(ix).and_then(|e| e.as_ref().map(|e| e.value.clone()))
    }

    /// Entry `ix` cloned out, if live.
    fn entry_at(&self, ix: usize) -> Option<Entry<K, V>> {
        self.table.borrow().entries.get(ix).and_then(|e| e.clone())
    }

    fn entries_len(&self) -> usize {
        self.table.borrow().entries.len()
    }
}

impl<K: PyHash + PyEq + Clone, V: Clone> DictObj<K, V> {
    #[inline]
    fn look(&self, key: &K, hash: i64) -> Look {
        self.probe(hash, K::SIMPLE, |k| k.py_eq(key))
    }

    /// CPython's `insertdict`: replaces the value of an equal key (keeping the key object) or
    /// appends a new entry.
    fn insert(&self, hash: i64, key: K, value: V) -> PyResult<()> {
        match self.look(&key, hash) {
            Look::Found { ix, .. } => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    match t.entries[ix].as_mut() {
                        Some(e) => Some(std::mem::replace(&mut e.value, value)),
                        // Cannot happen: no code ran between the lookup and here.
                        None => None,
                    }
                };
                drop(old);
                Ok(())
            }
            Look::Missing => self.table.borrow_mut().insert_new(hash, key, value),
        }
    }

    fn remove(&self, key: &K, hash: i64) -> Option<Entry<K, V>> {
        match self.look(key, hash) {
            Look::Found { slot, ix } => self.table.borrow_mut().remove_at(slot, ix),
            Look::Missing => None,
        }
    }

    /// CPython's `dict_merge` for another dict (`update`, `|=`, `dict(d)`): an empty target
    /// takes a copy of a compact source's whole table; otherwise the table is sized for both
    /// first, then each entry is inserted.
    fn merge_from(&self, other: &DictObj<K, V>) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (entries, clone) = {
            let o = other.table.borrow();
            if o.used == 0 {
                return Ok(());
            }
            let size = o.indices.len();
            let compact = o.used == o.entries.len() && (size == MINSIZE || usable_fraction(size / 2) < o.used);
            if self.len_usize() == 0 && compact {
                (Vec::new(), Some(o.clone_table()))
            } else {
                (o.entries.iter().flatten().cloned().collect::<Vec<_>>(), None)
            }
        };
        if let Some(table) = clone {
            let old = std::mem::replace(&mut *self.table.borrow_mut(), table);
            self.table.borrow_mut().version = old.version + 1;
            drop(old);
            return Ok(());
        }
        {
            let mut t = self.table.borrow_mut();
            // One big resize first, expecting few overlapping keys.
            if usable_fraction(t.indices.len()) < entries.len() {
                let size = keysize_estimate(t.used + entries.len());
                t.resize(size);
            }
        }
        for e in entries {
            self.insert(e.hash, e.key, e.value)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The public handle.

impl<K, V> PyDict<K, V> {
    /// `{}`.
    pub fn new() -> Self {
        PyDict(Rc::new(DictObj { table: RefCell::new(Table::new()) }))
    }

    /// Wraps the shared object (from a `Value`).
    pub(crate) fn from_rc(rc: Rc<DictObj<K, V>>) -> Self {
        PyDict(rc)
    }

    /// The shared object (for boxing into a `Value` without copying).
    pub(crate) fn rc(&self) -> &Rc<DictObj<K, V>> {
        &self.0
    }

    /// `a is b`.
    #[inline]
    pub fn ptr_eq(&self, other: &PyDict<K, V>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Identity for `id()` and repr recursion detection.
    #[inline]
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }

    /// `len(d)`.
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

    /// `d.clear()`. The entries are dropped after the borrow ends.
    pub fn clear(&self) {
        let old = self.0.table.borrow_mut().take_all();
        drop(old);
    }
}

impl<K: Clone, V: Clone> PyDict<K, V> {
    /// `for k in d` / `d.keys()`: live iteration in insertion order with CPython's checks
    /// (`RuntimeError: dictionary changed size during iteration`).
    pub fn iter(&self) -> PyDictKeys<K, V> {
        self.keys()
    }

    /// `d.keys()`, iterated.
    pub fn keys(&self) -> PyDictKeys<K, V> {
        PyDictKeys(DictCursor::new(self))
    }

    /// `d.values()`, iterated.
    pub fn values(&self) -> PyDictValues<K, V> {
        PyDictValues(DictCursor::new(self))
    }

    /// `d.items()`, iterated.
    pub fn items(&self) -> PyDictItems<K, V> {
        PyDictItems(DictCursor::new(self))
    }

    /// `list(d)`.
    pub fn keys_list(&self) -> PyList<K> {
        PyList::from_vec(self.keys_vec())
    }

    /// `list(d.values())`.
    pub fn values_list(&self) -> PyList<V> {
        PyList::from_vec(self.0.table.borrow().entries.iter().flatten().map(|e| e.value.clone()).collect())
    }

    /// `list(d.items())`.
    pub fn items_list(&self) -> PyList<(K, V)> {
        PyList::from_vec(self.items_vec())
    }

    /// The keys in order, copied out.
    pub fn keys_vec(&self) -> Vec<K> {
        self.0.table.borrow().entries.iter().flatten().map(|e| e.key.clone()).collect()
    }

    /// The items in order, copied out.
    pub fn items_vec(&self) -> Vec<(K, V)> {
        self.0.table.borrow().entries.iter().flatten().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// The keys with their hashes, in order (for `set(d)`).
    pub(crate) fn hashed_keys(&self) -> Vec<(i64, K)> {
        self.0.table.borrow().entries.iter().flatten().map(|e| (e.hash, e.key.clone())).collect()
    }

    /// `d.popitem()`: the last item; `KeyError: 'popitem(): dictionary is empty'`.
    pub fn popitem(&self) -> PyResult<(K, V)> {
        let mut t = self.0.table.borrow_mut();
        if t.used == 0 {
            return Err(PyErr::new(Exc::KeyError, "popitem(): dictionary is empty"));
        }
        let mut i = t.entries.len();
        while i > 0 && t.entries[i - 1].is_none() {
            i -= 1;
        }
        let Some(hash) = i.checked_sub(1).and_then(|ix| t.entries[ix].as_ref()).map(|e| e.hash) else {
            return Err(PyErr::new(Exc::KeyError, "popitem(): dictionary is empty"));
        };
        let ix = i - 1;
        if let Some(slot) = t.slot_of(hash, ix) {
            t.indices[slot] = DUMMY;
        }
        let e = t.entries[ix].take();
        // As CPython: the entries shrink but the usable count does not come back (the index
        // keeps a dummy).
        t.entries.truncate(ix);
        t.used -= 1;
        t.version += 1;
        drop(t);
        match e {
            Some(e) => Ok((e.key, e.value)),
            None => Err(PyErr::new(Exc::KeyError, "popitem(): dictionary is empty")),
        }
    }
}

impl<K: PyHash + PyEq + Clone, V: Clone> PyDict<K, V> {
    /// A dict display `{k1: v1, k2: v2, ...}`: the pairs inserted in order (a repeated key keeps
    /// its first key object and its last value). As CPython compiles a display, the pairs go in
    /// chunks of 17 into presized dicts merged into the first one, which only matters to a
    /// program that later mutates the dict while iterating over it.
    pub fn from_pairs(pairs: Vec<(K, V)>) -> PyResult<Self> {
        let n = pairs.len();
        let mut bounds = Vec::new();
        let (mut start, mut pending) = (0, 0usize);
        for i in 0..n {
            // compiler_dict: a chunk is flushed once it would pass STACK_USE_GUIDELINE (30).
            if pending * 2 > 30 {
                bounds.push(i + 1 - start);
                start = i + 1;
                pending = 0;
            } else {
                pending += 1;
            }
        }
        if pending > 0 {
            bounds.push(pending);
        }
        let mut pairs = pairs.into_iter();
        let result: PyDict<K, V> = PyDict::new();
        for (c, len) in bounds.into_iter().enumerate() {
            let chunk = PyDict(Rc::new(DictObj { table: RefCell::new(Table::presized(len)) }));
            chunk.update_pairs(pairs.by_ref().take(len))?;
            if c == 0 {
                let t = chunk.0.table.replace(Table::new());
                *result.0.table.borrow_mut() = t;
            } else {
                result.0.merge_from(&chunk.0)?;
            }
        }
        Ok(result)
    }

    /// `dict(pairs)` for an iterable of pairs, or a dict comprehension: inserted one by one.
    pub fn from_iter_pairs<I: IntoIterator<Item = (K, V)>>(pairs: I) -> PyResult<Self> {
        let d = PyDict::new();
        d.update_pairs(pairs)?;
        Ok(d)
    }

    /// `dict.fromkeys(keys, value)`.
    pub fn fromkeys<I: IntoIterator<Item = K>>(keys: I, value: V) -> PyResult<Self> {
        let d = PyDict::new();
        for k in keys {
            d.setitem(k, value.clone())?;
        }
        Ok(d)
    }

    /// `d[key]`: `KeyError: 'x'` (the key's repr) when absent.
    pub fn getitem(&self, key: &K) -> PyResult<V>
    where
        K: IntoValue,
    {
        match self.get(key)? {
            Some(v) => Ok(v),
            None => Err(PyErr::key_error(key.clone().into_value())),
        }
    }

    /// `d.get(key)`: `None` when absent.
    pub fn get(&self, key: &K) -> PyResult<Option<V>> {
        let h = key.py_hash()?;
        Ok(match self.0.look(key, h) {
            Look::Found { ix, .. } => self.0.value_at(ix),
            Look::Missing => None,
        })
    }

    /// `d.get(key, default)`.
    pub fn get_or(&self, key: &K, default: V) -> PyResult<V> {
        Ok(self.get(key)?.unwrap_or(default))
    }

    /// `d[key] = value`.
    pub fn setitem(&self, key: K, value: V) -> PyResult<()> {
        let h = key.py_hash()?;
        self.0.insert(h, key, value)
    }

    /// `del d[key]`: `KeyError` when absent.
    pub fn delitem(&self, key: &K) -> PyResult<()>
    where
        K: IntoValue,
    {
        let h = key.py_hash()?;
        match self.0.remove(key, h) {
            Some(e) => {
                drop(e);
                Ok(())
            }
            None => Err(PyErr::key_error(key.clone().into_value())),
        }
    }

    /// `key in d`.
    pub fn contains(&self, key: &K) -> PyResult<bool> {
        let h = key.py_hash()?;
        Ok(matches!(self.0.look(key, h), Look::Found { .. }))
    }

    /// `d.pop(key)`: `KeyError` when absent.
    pub fn pop(&self, key: &K) -> PyResult<V>
    where
        K: IntoValue,
    {
        let h = key.py_hash()?;
        match self.0.remove(key, h) {
            Some(e) => Ok(e.value),
            None => Err(PyErr::key_error(key.clone().into_value())),
        }
    }

    /// `d.pop(key, default)`.
    pub fn pop_or(&self, key: &K, default: V) -> PyResult<V> {
        let h = key.py_hash()?;
        Ok(match self.0.remove(key, h) {
            Some(e) => e.value,
            None => default,
        })
    }

    /// `d.setdefault(key, default)`: the value for `key`, inserting `default` first if absent.
    pub fn setdefault(&self, key: K, default: V) -> PyResult<V> {
        let h = key.py_hash()?;
        match self.0.look(&key, h) {
            Look::Found { ix, .. } => Ok(self.0.value_at(ix).unwrap_or(default)),
            Look::Missing => {
                self.0.table.borrow_mut().insert_new(h, key, default.clone())?;
                Ok(default)
            }
        }
    }

    /// `d.update(other)` / `d |= other` for a dict.
    pub fn update(&self, other: &PyDict<K, V>) -> PyResult<()> {
        self.0.merge_from(&other.0)
    }

    /// `d.update(pairs)` for an iterable of pairs.
    pub fn update_pairs<I: IntoIterator<Item = (K, V)>>(&self, pairs: I) -> PyResult<()> {
        for (k, v) in pairs {
            self.setitem(k, v)?;
        }
        Ok(())
    }

    /// `d.copy()` (`dict(d)` is `PyDict::new()` then `update(&d)`).
    pub fn copy(&self) -> PyDict<K, V> {
        let t = self.0.table.borrow();
        // Without too many holes the table is copied as it is (CPython's fast copy).
        if t.used >= t.entries.len() * 2 / 3 {
            let table = t.clone_table();
            return PyDict(Rc::new(DictObj { table: RefCell::new(table) }));
        }
        drop(t);
        let d = PyDict::new();
        // Cannot fail: the keys are distinct, no comparison is needed.
        let _ = d.0.merge_from(&self.0);
        d
    }

    /// `a | b`: a copy of `a` updated with `b`.
    pub fn merge_or(&self, other: &PyDict<K, V>) -> PyResult<PyDict<K, V>> {
        let d = self.copy();
        d.update(other)?;
        Ok(d)
    }
}

impl<K, V> Default for PyDict<K, V> {
    fn default() -> Self {
        PyDict::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Iteration.

/// CPython's `dictiterobject`: a position in the entries, the size when iteration started
/// and how many entries are left to see.
struct DictCursor<K, V> {
    dict: PyDict<K, V>,
    used: usize,
    pos: usize,
    remaining: usize,
    done: bool,
}

impl<K, V> DictCursor<K, V> {
    fn new(dict: &PyDict<K, V>) -> Self {
        let used = dict.len_usize();
        DictCursor { dict: dict.clone(), used, pos: 0, remaining: used, done: false }
    }

    fn advance<R>(&mut self, f: impl FnOnce(&Entry<K, V>) -> R) -> Option<PyResult<R>> {
        if self.done {
            return None;
        }
        let t = self.dict.0.table.borrow();
        if t.used != self.used {
            self.done = true;
            return Some(Err(PyErr::runtime_error("dictionary changed size during iteration")));
        }
        let mut i = self.pos;
        while i < t.entries.len() && t.entries[i].is_none() {
            i += 1;
        }
        let Some(Some(e)) = t.entries.get(i) else {
            self.done = true;
            return None;
        };
        if self.remaining == 0 {
            self.done = true;
            return Some(Err(PyErr::runtime_error("dictionary keys changed during iteration")));
        }
        self.pos = i + 1;
        self.remaining -= 1;
        Some(Ok(f(e)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, Some(self.remaining + 1))
        }
    }
}

/// Iterator over a dict's keys (see [`PyDict::keys`]).
pub struct PyDictKeys<K, V>(DictCursor<K, V>);
/// Iterator over a dict's values.
pub struct PyDictValues<K, V>(DictCursor<K, V>);
/// Iterator over a dict's `(key, value)` pairs.
pub struct PyDictItems<K, V>(DictCursor<K, V>);

impl<K: Clone, V> Iterator for PyDictKeys<K, V> {
    type Item = PyResult<K>;
    #[inline]
    fn next(&mut self) -> Option<PyResult<K>> {
        self.0.advance(|e| e.key.clone())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V: Clone> Iterator for PyDictValues<K, V> {
    type Item = PyResult<V>;
    #[inline]
    fn next(&mut self) -> Option<PyResult<V>> {
        self.0.advance(|e| e.value.clone())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K: Clone, V: Clone> Iterator for PyDictItems<K, V> {
    type Item = PyResult<(K, V)>;
    #[inline]
    fn next(&mut self) -> Option<PyResult<(K, V)>> {
        self.0.advance(|e| (e.key.clone(), e.value.clone()))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K: Clone, V: Clone> IntoIterator for &PyDict<K, V> {
    type Item = PyResult<K>;
    type IntoIter = PyDictKeys<K, V>;
    fn into_iter(self) -> PyDictKeys<K, V> {
        self.keys()
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison, hashing, printing.

/// `a == b`: same length and every key of `a` maps to an equal value in `b` (order does not
/// matter). Where CPython would raise `RecursionError` (two distinct self-containing dicts)
/// this answers `false`.
impl<K: PyHash + PyEq + Clone, V: PyEq + Clone> PyEq for PyDict<K, V> {
    fn py_eq(&self, other: &Self) -> bool {
        if self.ptr_eq(other) {
            return true;
        }
        if self.len_usize() != other.len_usize() {
            return false;
        }
        let Ok(_depth) = crate::entry::enter_call_with(" in comparison") else {
            return false;
        };
        let mut ix = 0;
        while ix < self.0.entries_len() {
            if let Some(e) = self.0.entry_at(ix) {
                let bval = match other.0.look(&e.key, e.hash) {
                    Look::Found { ix, .. } => other.0.value_at(ix),
                    Look::Missing => None,
                };
                match bval {
                    Some(b) if e.value.py_eq(&b) => {}
                    _ => return false,
                }
            }
            ix += 1;
        }
        true
    }
}

/// Dicts are not ordered: `TypeError: '<' not supported between instances of 'dict' and 'dict'`.
impl<K: PyHash + PyEq + Clone, V: PyEq + Clone> PyOrd for PyDict<K, V> {
    fn py_cmp(&self, _other: &Self, op: CmpOp) -> PyResult<bool> {
        Err(cmp_type_error(op, "dict", "dict"))
    }
}

impl<K: PyHash + PyEq + Clone, V: PyEq + Clone> PartialEq for PyDict<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.py_eq(other)
    }
}

/// Dicts are unhashable.
impl<K, V> PyHash for PyDict<K, V> {
    fn py_hash(&self) -> PyResult<i64> {
        Err(crate::hash::unhashable("dict"))
    }
}

impl<K: PyObject + Clone, V: PyObject + Clone> PyObject for DictObj<K, V> {
    /// `{'a': 1, 'b': [2]}`; `{...}` for a dict inside itself.
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let Some(_guard) = repr_enter(Some(self as *const Self as *const () as usize))? else {
            out.push_str("{...}");
            return Ok(());
        };
        out.push('{');
        let mut first = true;
        let mut ix = 0;
        while ix < self.entries_len() {
            if let Some(e) = self.entry_at(ix) {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                e.key.write_repr(out)?;
                out.push_str(": ");
                e.value.write_repr(out)?;
            }
            ix += 1;
        }
        out.push('}');
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        self.len_usize() != 0
    }
    fn type_name(&self) -> &'static str {
        "dict"
    }
}

impl<K: PyObject + Clone, V: PyObject + Clone> PyObject for PyDict<K, V> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.0.write_repr(out)
    }
    #[inline]
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "dict"
    }
}

impl<K: PyObject + Clone, V: PyObject + Clone> fmt::Debug for PyDict<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        match self.write_repr(&mut s) {
            Ok(()) => f.write_str(&s),
            Err(e) => write!(f, "<dict repr failed: {e}>"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dicts inside `Value`s.

/// The bounds a key type needs for its dicts to be boxed into a `Value`.
pub trait DictKey: PyHash + PyEq + PyObject + IntoValue + FromValue + Clone + 'static {}
impl<T: PyHash + PyEq + PyObject + IntoValue + FromValue + Clone + 'static> DictKey for T {}

/// The bounds a value type needs for its dicts to be boxed into a `Value`.
pub trait DictValue: PyObject + IntoValue + FromValue + Clone + 'static {}
impl<T: PyObject + IntoValue + FromValue + Clone + 'static> DictValue for T {}

impl<K: DictKey, V: DictValue> DictObj<K, V> {
    /// `d[key]` for a key of any type: hashed as a value, compared as values.
    fn lookup_value(&self, key: &Value) -> PyResult<Option<V>> {
        let h = key.py_hash()?;
        Ok(match self.probe(h, K::SIMPLE, |k| k.clone().into_value().py_eq(key)) {
            Look::Found { ix, .. } => self.value_at(ix),
            Look::Missing => None,
        })
    }

    /// The items as values, in order.
    fn value_items(&self) -> Vec<(Value, Value)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone().into_value(), e.value.clone().into_value()))
            .collect()
    }
}

/// `a == b` between dicts of any static types, through values.
fn dict_eq_values<K: DictKey, V: DictValue>(a: &DictObj<K, V>, b: &dyn Object) -> bool {
    if b.type_name() != "dict" || b.len().ok() != Some(Int::from(a.len_usize())) {
        return false;
    }
    let Ok(_depth) = crate::entry::enter_call_with(" in comparison") else {
        return false;
    };
    for (k, v) in a.value_items() {
        match b.getitem(&k) {
            Ok(w) if v.is_same(&w) || v.py_eq(&w) => {}
            _ => return false,
        }
    }
    true
}

/// `d.name(*args)` on a dict inside a `Value` (see `Value::call_method`). Keys are looked up
/// as values, so a key of another type is simply missing, as in Python.
fn dict_method<K: DictKey, V: DictValue>(d: Rc<DictObj<K, V>>, name: &str, args: Vec<Value>) -> PyResult<Value> {
    use crate::methods::{check_args, no_attribute};
    let a = &args[..];
    match name {
        "get" => {
            check_args("dict", name, a, 1, 2)?;
            Ok(match d.lookup_value(&a[0])? {
                Some(v) => v.into_value(),
                None => a.get(1).cloned().unwrap_or(Value::None),
            })
        }
        "pop" => {
            check_args("dict", name, a, 1, 2)?;
            match d.lookup_value(&a[0])? {
                Some(v) => {
                    d.delitem(&a[0])?;
                    Ok(v.into_value())
                }
                None => match a.get(1) {
                    Some(default) => Ok(default.clone()),
                    None => Err(PyErr::key_error(a[0].clone())),
                },
            }
        }
        "setdefault" => {
            check_args("dict", name, a, 1, 2)?;
            match d.lookup_value(&a[0])? {
                Some(v) => Ok(v.into_value()),
                None => {
                    let default = a.get(1).cloned().unwrap_or(Value::None);
                    d.setitem(&a[0], default.clone())?;
                    Ok(default)
                }
            }
        }
        "update" => {
            check_args("dict", name, a, 1, 1)?;
            let other = &a[0];
            if !matches!(other, Value::Obj(o) if o.type_name() == "dict") {
                return Err(PyErr::type_error(format!("'{}' object is not iterable", other.type_name())));
            }
            let keys = other.iter()?.collect::<PyResult<Vec<Value>>>()?;
            for k in keys {
                let v = other.getitem(&k)?;
                d.setitem(&k, v)?;
            }
            Ok(Value::None)
        }
        "clear" => {
            check_args("dict", name, a, 0, 0)?;
            PyDict::from_rc(d).clear();
            Ok(Value::None)
        }
        "copy" => {
            check_args("dict", name, a, 0, 0)?;
            Ok(PyDict::from_rc(d).copy().into_value())
        }
        // Views: snapshots of the items.
        "keys" | "values" | "items" => {
            check_args("dict", name, a, 0, 0)?;
            let pairs = d.value_items();
            Ok(crate::stdlib::collections::dict_view(name, pairs))
        }
        "popitem" | "fromkeys" => Err(PyErr::type_error(format!(
            "py2rust: dict.{name}() on a value of several types is not supported yet"
        ))),
        _ => Err(no_attribute("dict", name)),
    }
}

impl<K: DictKey, V: DictValue> Object for DictObj<K, V> {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.len_usize()))
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        match self.lookup_value(index)? {
            Some(v) => Ok(v.into_value()),
            None => Err(PyErr::key_error(index.clone())),
        }
    }
    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        let h = index.py_hash()?;
        let k = K::from_value(index.clone())?;
        self.insert(h, k, V::from_value(v)?)
    }
    fn delitem(&self, index: &Value) -> PyResult<()> {
        let h = index.py_hash()?;
        match self.probe(h, K::SIMPLE, |k| k.clone().into_value().py_eq(index)) {
            Look::Found { slot, ix } => {
                let old = self.table.borrow_mut().remove_at(slot, ix);
                drop(old);
                Ok(())
            }
            Look::Missing => Err(PyErr::key_error(index.clone())),
        }
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let it = PyDict::from_rc(self).keys();
        Ok(ValueIter::new(it.map(|r| r.map(IntoValue::into_value))))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        Ok(self.lookup_value(x)?.is_some())
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(dict_method(self, name, args))
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        dict_eq_values(self, other)
    }
    fn binop(&self, op: ObjBinOp, other: &Value) -> Option<PyResult<Value>> {
        let Value::Obj(o) = other else { return None };
        if op != ObjBinOp::Or || o.type_name() != "dict" {
            return None;
        }
        if let Some(b) = o.as_any().downcast_ref::<DictObj<K, V>>() {
            let d = PyDict::new();
            let r = d.0.merge_from(self).and_then(|_| d.0.merge_from(b));
            return Some(r.map(|_| d.into_value()));
        }
        // Different static types: a dict of values.
        let d: PyDict<Value, Value> = PyDict::new();
        let r = (|| {
            d.update_pairs(self.value_items())?;
            for k in Rc::clone(o).iter()? {
                let k = k?;
                let v = o.getitem(&k)?;
                d.setitem(k, v)?;
            }
            Ok(d.into_value())
        })();
        Some(r)
    }
}

impl<K: DictKey, V: DictValue> IntoValue for PyDict<K, V> {
    fn into_value(self) -> Value {
        let rc: Rc<DictObj<K, V>> = Rc::clone(self.rc());
        Value::Obj(rc)
    }
}

impl<K: DictKey, V: DictValue> FromValue for PyDict<K, V> {
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                match o.into_any_rc().downcast::<DictObj<K, V>>() {
                    Ok(rc) => Ok(PyDict::from_rc(rc)),
                    Err(_) if name == "dict" => Err(PyErr::type_error(
                        "expected a dict of other key or value types (the dict cannot be shared)",
                    )),
                    Err(_) => Err(PyErr::type_error(format!("expected dict, got {name}"))),
                }
            }
            other => Err(PyErr::type_error(format!("expected dict, got {}", other.type_name()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;
    use crate::pystr::PyStr;

    fn i(v: i64) -> Int {
        Int::from(v)
    }
    fn v(x: i64) -> Value {
        Value::from(x)
    }
    fn s(x: &str) -> PyStr {
        PyStr::from(x)
    }
    fn r<T: PyObject + ?Sized>(x: &T) -> String {
        py_repr(x).unwrap().as_str().to_string()
    }
    fn squares(n: i64) -> PyDict<Int, Int> {
        PyDict::from_iter_pairs((0..n).map(|k| (i(k), i(k * k)))).unwrap()
    }

    #[test]
    fn equal_keys_across_types() {
        // {1: 'a', True: 'b', 1.0: 'c'} -> {1: 'c'}
        let d = PyDict::from_pairs(vec![(v(1), Value::from("a")), (Value::Bool(true), "b".into()), (Value::Float(1.0), "c".into())]).unwrap();
        assert_eq!(r(&d), "{1: 'c'}");
        assert_eq!(r(&d.getitem(&Value::Float(1.0)).unwrap()), "'c'");
        assert!(d.contains(&Value::Bool(true)).unwrap());
        // {1: 'a'} == {1.0: 'a'}; {1: 1} == {1: 1.0}; {1: 'a'} != {1: 'b'}
        let a = PyDict::from_pairs(vec![(v(1), Value::from("a"))]).unwrap();
        let b = PyDict::from_pairs(vec![(Value::Float(1.0), Value::from("a"))]).unwrap();
        assert!(a.py_eq(&b));
        let c = PyDict::from_pairs(vec![(v(1), Value::from("b"))]).unwrap();
        assert!(!a.py_eq(&c));
        let x = PyDict::from_pairs(vec![(i(1), v(1))]).unwrap();
        let y = PyDict::from_pairs(vec![(i(1), Value::Float(1.0))]).unwrap();
        assert!(x == y);
    }

    #[test]
    fn repr_and_errors() {
        // d = {'a': 1, 'b': [2]}; print(d) -> {'a': 1, 'b': [2]}
        let d: PyDict<PyStr, Value> = PyDict::new();
        d.setitem(s("a"), v(1)).unwrap();
        d.setitem(s("b"), Value::from_list(crate::list::PyList::from_vec(vec![i(2)]))).unwrap();
        assert_eq!(r(&d), "{'a': 1, 'b': [2]}");
        assert_eq!(crate::object::py_str(&d).unwrap(), "{'a': 1, 'b': [2]}");
        assert_eq!(r(&PyDict::<Int, Int>::new()), "{}");
        assert_eq!(d.getitem(&s("x")).unwrap_err().to_string(), "KeyError: 'x'");
        assert_eq!(d.delitem(&s("x")).unwrap_err().to_string(), "KeyError: 'x'");
        assert_eq!(d.pop(&s("")).unwrap_err().to_string(), "KeyError: ''");
        let t: PyDict<(Int, PyStr), Int> = PyDict::new();
        assert_eq!(t.getitem(&(i(1), s("x"))).unwrap_err().to_string(), "KeyError: (1, 'x')");
        let e = PyDict::<Int, Int>::new().popitem().unwrap_err();
        assert_eq!(e.to_string(), "KeyError: 'popitem(): dictionary is empty'");
        let dv: PyDict<Value, Value> = PyDict::new();
        let l = Value::from_list(crate::list::PyList::from_vec(vec![i(1)]));
        assert_eq!(dv.getitem(&l).unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        assert_eq!(dv.setitem(l.clone(), v(1)).unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        assert_eq!(dv.contains(&l).unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        assert_eq!(d.py_lt(&d).unwrap_err().to_string(), "TypeError: '<' not supported between instances of 'dict' and 'dict'");
        assert_eq!(d.py_hash().unwrap_err().to_string(), "TypeError: unhashable type: 'dict'");
        assert!(!PyDict::<Int, Int>::new().truthy() && d.truthy());
    }

    #[test]
    fn self_containing_dict() {
        // d = {}; d[1] = d; print(d) -> {1: {...}}
        let d: PyDict<Int, Value> = PyDict::new();
        d.setitem(i(1), d.clone().into_value()).unwrap();
        assert_eq!(r(&d), "{1: {...}}");
        assert!(d.py_eq(&d.clone()));
        let e: PyDict<Int, Value> = PyDict::new();
        e.setitem(i(1), e.clone().into_value()).unwrap();
        assert!(!d.py_eq(&e));
        // Break the cycles so the test does not leak.
        d.clear();
        e.clear();
    }

    #[test]
    fn methods() {
        // d = {i: i * i for i in range(6)}; d.popitem(), d.pop(2), d.pop(99, 'dflt'), d.get(98), d.get(4),
        // d.setdefault(7, 'x'), d.setdefault(1, 'y'), d
        // -> (5, 25) 4 dflt None 16 x 1 {0: 0, 1: 1, 3: 9, 4: 16, 7: 'x'}
        let d: PyDict<Int, Value> = PyDict::from_iter_pairs((0..6).map(|k| (i(k), v(k * k)))).unwrap();
        assert_eq!(r(&d.popitem().unwrap()), "(5, 25)");
        assert_eq!(r(&d.pop(&i(2)).unwrap()), "4");
        assert_eq!(r(&d.pop_or(&i(99), Value::from("dflt")).unwrap()), "'dflt'");
        assert!(d.get(&i(98)).unwrap().is_none());
        assert_eq!(r(&d.get(&i(4)).unwrap().unwrap()), "16");
        assert_eq!(r(&d.get_or(&i(98), v(-1)).unwrap()), "-1");
        assert_eq!(r(&d.setdefault(i(7), Value::from("x")).unwrap()), "'x'");
        assert_eq!(r(&d.setdefault(i(1), Value::from("y")).unwrap()), "1");
        assert_eq!(r(&d), "{0: 0, 1: 1, 3: 9, 4: 16, 7: 'x'}");
        assert_eq!(d.len(), i(5));
        // d = {'x': 1}; d.update({'y': 2, 'x': 3}) -> {'x': 3, 'y': 2}
        let d = PyDict::from_pairs(vec![(s("x"), i(1))]).unwrap();
        d.update(&PyDict::from_pairs(vec![(s("y"), i(2)), (s("x"), i(3))]).unwrap()).unwrap();
        assert_eq!(r(&d), "{'x': 3, 'y': 2}");
        assert_eq!(r(&d.keys_list()), "['x', 'y']");
        assert_eq!(r(&d.values_list()), "[3, 2]");
        assert_eq!(r(&d.items_list()), "[('x', 3), ('y', 2)]");
        let ks: Vec<PyStr> = d.keys().map(Result::unwrap).collect();
        assert_eq!(ks, [s("x"), s("y")]);
        let vs: Vec<Int> = d.values().map(Result::unwrap).collect();
        assert_eq!(vs, [i(3), i(2)]);
        // {1: 2} | {3: 4, 1: 5} -> {1: 5, 3: 4}
        let m = PyDict::from_pairs(vec![(i(1), i(2))]).unwrap();
        let n = PyDict::from_pairs(vec![(i(3), i(4)), (i(1), i(5))]).unwrap();
        assert_eq!(r(&m.merge_or(&n).unwrap()), "{1: 5, 3: 4}");
        assert_eq!(r(&m), "{1: 2}");
        let c = n.copy();
        c.setitem(i(9), i(9)).unwrap();
        assert_eq!((n.len(), c.len()), (i(2), i(3)));
        c.clear();
        assert_eq!(r(&c), "{}");
        c.setitem(i(1), i(1)).unwrap();
        assert_eq!(r(&c), "{1: 1}");
        let f = PyDict::fromkeys(vec![s("a"), s("b")], i(0)).unwrap();
        assert_eq!(r(&f), "{'a': 0, 'b': 0}");
    }

    #[test]
    fn mutation_during_iteration() {
        // d = {1: 2, 3: 4}; for k in d: d[k + 10] = 0 -> RuntimeError: dictionary changed size during iteration
        let d = PyDict::from_pairs(vec![(i(1), i(2)), (i(3), i(4))]).unwrap();
        let mut err = None;
        for k in d.iter() {
            match k {
                Ok(k) => d.setitem(&k + &i(10), i(0)).unwrap(),
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        assert_eq!(err.unwrap().to_string(), "RuntimeError: dictionary changed size during iteration");
        assert_eq!(r(&d), "{1: 2, 3: 4, 11: 0}");
        // d = {1: 1, 2: 2, 3: 3}; for k in d: del d[k]; d[k + 100] = 0 -> no error; {101: 0, 102: 0, 103: 0}
        let d = PyDict::from_pairs(vec![(i(1), i(1)), (i(2), i(2)), (i(3), i(3))]).unwrap();
        for k in d.iter() {
            let k = k.unwrap();
            d.delitem(&k).unwrap();
            d.setitem(&k + &i(100), i(0)).unwrap();
        }
        assert_eq!(r(&d), "{101: 0, 102: 0, 103: 0}");
        // Replacing values is fine.
        let d = squares(10);
        for k in d.iter() {
            let k = k.unwrap();
            d.setitem(k.clone(), &k + &i(1)).unwrap();
        }
        assert_eq!(d.getitem(&i(9)).unwrap(), i(10));
        // d = {k: 0 for k in range(5)}; for k in d: seen.append(k); del d[k]; d[k + 5] = 0
        // -> seen [0, 2, 3, 4, 5] (the first insertion resizes and compacts the table), then
        // RuntimeError: dictionary keys changed during iteration; d -> {1: 0, 7: 0, 8: 0, 9: 0, 10: 0}
        let d = PyDict::from_iter_pairs((0..5).map(|k| (i(k), i(0)))).unwrap();
        let mut seen = vec![];
        let mut err = None;
        for k in d.iter() {
            match k {
                Ok(k) => {
                    seen.push(k.clone());
                    d.delitem(&k).unwrap();
                    d.setitem(&k + &i(5), i(0)).unwrap();
                }
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        assert_eq!(seen, [0, 2, 3, 4, 5].map(i));
        assert_eq!(err.unwrap().to_string(), "RuntimeError: dictionary keys changed during iteration");
        assert_eq!(r(&d), "{1: 0, 7: 0, 8: 0, 9: 0, 10: 0}");
    }

    #[test]
    fn table_sizes_follow_cpython() {
        // Observable only through iteration while mutating; checked here on the sizes directly
        // (CPython: a 50-pair display ends as a 64-slot table with 3 usable slots left when it has
        // 39 distinct keys; growth at 6, 11, 22 entries).
        assert_eq!(keysize_for(0), 8);
        assert_eq!(keysize_for(3), 16);
        assert_eq!(keysize_for(15), 16);
        assert_eq!(keysize_for(32), 64);
        assert_eq!(keysize_estimate(5), 8);
        assert_eq!(keysize_estimate(11), 32);
        assert_eq!(keysize_estimate(21), 64);
        assert_eq!(keysize_estimate(85), 256);
        let d: PyDict<Int, Int> = PyDict::new();
        let mut sizes = vec![];
        for k in 0..30 {
            d.setitem(i(k), i(k)).unwrap();
            sizes.push(d.0.table.borrow().indices.len());
        }
        assert_eq!(sizes[4], 8);
        assert_eq!(sizes[5], 16);
        assert_eq!(sizes[10], 32);
        assert_eq!(sizes[21], 64);
    }

    #[test]
    fn through_values() {
        let d: PyDict<PyStr, Int> = PyDict::from_pairs(vec![(s("a"), i(1)), (s("b"), i(2))]).unwrap();
        let dv = d.clone().into_value();
        assert_eq!(dv.type_name(), "dict");
        assert_eq!(r(&dv.getitem(&Value::from("b")).unwrap()), "2");
        assert_eq!(dv.getitem(&Value::from("z")).unwrap_err().to_string(), "KeyError: 'z'");
        // {'a': 1}[1] -> KeyError: 1
        assert_eq!(dv.getitem(&v(1)).unwrap_err().to_string(), "KeyError: 1");
        dv.setitem(&Value::from("c"), v(3)).unwrap();
        assert_eq!(d.len(), i(3));
        assert_eq!(dv.setitem(&v(1), v(3)).unwrap_err().to_string(), "TypeError: expected str, got int");
        dv.delitem(&Value::from("a")).unwrap();
        assert_eq!(dv.delitem(&Value::from("a")).unwrap_err().to_string(), "KeyError: 'a'");
        assert!(dv.contains(&Value::from("b")).unwrap() && !dv.contains(&v(0)).unwrap());
        let keys: Vec<String> = dv.iter().unwrap().map(|k| r(&k.unwrap())).collect();
        assert_eq!(keys, ["'b'", "'c'"]);
        assert_eq!(r(&dv), "{'b': 2, 'c': 3}");
        assert!(PyDict::<PyStr, Int>::from_value(dv.clone()).unwrap().ptr_eq(&d));
        assert!(PyDict::<Int, Int>::from_value(dv.clone()).is_err());
        // Equality across static types.
        let other: PyDict<Value, Value> = PyDict::from_pairs(vec![(Value::from("c"), Value::Float(3.0)), (Value::from("b"), v(2))]).unwrap();
        assert!(dv.eq(&other.clone().into_value()));
        other.setitem(Value::from("c"), v(4)).unwrap();
        assert!(!dv.eq(&other.clone().into_value()));
        // dict | dict
        let u = dv.bitor(&other.clone().into_value()).unwrap();
        assert_eq!(r(&u), "{'b': 2, 'c': 4}");
        let same = dv.bitor(&dv).unwrap();
        assert_eq!(r(&same), "{'b': 2, 'c': 3}");
        assert_eq!(dv.hash().unwrap_err().to_string(), "TypeError: unhashable type: 'dict'");
        assert_eq!(v(1).delitem(&v(0)).unwrap_err().to_string(), "TypeError: 'int' object doesn't support item deletion");
        // A dict of values from mixed keys.
        let m: PyDict<Value, Value> = PyDict::new();
        m.setitem(v(1), Value::from("int")).unwrap();
        m.setitem(Value::from("1"), Value::from("str")).unwrap();
        m.setitem(Value::tuple(vec![v(1), Value::None]), Value::from("tuple")).unwrap();
        m.setitem(Value::None, Value::from("none")).unwrap();
        m.setitem(Value::Float(1.0), Value::from("float")).unwrap();
        assert_eq!(r(&m), "{1: 'float', '1': 'str', (1, None): 'tuple', None: 'none'}");
    }

    #[test]
    fn large_dicts() {
        let d = squares(200_000);
        assert_eq!(d.len(), i(200_000));
        for k in (0..200_000).step_by(3) {
            d.delitem(&i(k)).unwrap();
        }
        assert_eq!(d.getitem(&i(199_999)).unwrap(), Int::from(199_999i64 * 199_999));
        assert!(!d.contains(&i(3)).unwrap());
        let n = d.iter().count();
        assert_eq!(n, d.len_usize());
        for k in 0..100 {
            d.setitem(i(-k), i(k)).unwrap();
        }
        assert_eq!(d.keys().last().unwrap().unwrap(), i(-99));
    }
}
