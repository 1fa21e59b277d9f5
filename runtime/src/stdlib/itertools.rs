//! `itertools`: lazy iterators with CPython 3.11's behaviour. Every function returns a
//! [`PyIter`] (shared, consumed once); infinite iterators (`count`, `cycle`, `repeat`) keep
//! constant memory, and an exception raised by an input or a callback surfaces at the `next`
//! that raised it.
//!
//! Inputs are iterators of `PyResult<T>` (what the generated code makes of any iterable).
//! Callbacks (`takewhile`'s predicate, `groupby`'s key, `accumulate`'s function) are closures
//! returning `PyResult`. The combinatoric iterators (`product`, `permutations`,
//! `combinations`) yield index vectors into their pools; the generated code builds the tuples.

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::iter::PyIter;
use crate::object::{PyEq, PyObject};
use crate::value::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// `count(start, step)` over ints: unbounded (promotes to big ints, never wraps).
pub fn itertools_count(start: Int, step: Int) -> PyIter<Int> {
    let mut next = start;
    PyIter::new(std::iter::from_fn(move || {
        let cur = next.clone();
        next = &next + &step;
        Some(Ok(cur))
    }))
}

/// `count(start, step)` over floats: repeated addition, as CPython does.
pub fn itertools_count_float(start: f64, step: f64) -> PyIter<f64> {
    let mut next = start;
    PyIter::from_plain(std::iter::from_fn(move || {
        let cur = next;
        next += step;
        Some(cur)
    }))
}

/// `count(start, step)` over any numbers (an int start with a float step, say).
pub fn itertools_count_value(start: Value, step: Value) -> PyIter<Value> {
    let mut next = Some(start);
    PyIter::new(std::iter::from_fn(move || {
        let cur = next.take()?;
        match cur.add(&step) {
            Ok(v) => {
                next = Some(v);
                Some(Ok(cur))
            }
            Err(e) => Some(Err(e)),
        }
    }))
}

const ISLICE_STOP: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const ISLICE_INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const ISLICE_STEP: &str = "Step for islice() must be a positive integer or None.";

fn islice_arg(v: Option<&Int>, msg: &str) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(i) => match i.to_i64() {
            Some(n) if n >= 0 => Ok(Some(n as usize)),
            _ => Err(PyErr::value_error(msg)),
        },
    }
}

/// `islice(it, start, stop, step)` (each an int or `None`): CPython's checks at creation, then
/// lazily: skips to `start`, never reads past `stop`.
pub fn itertools_islice<T: 'static>(
    items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>,
    start: Option<&Int>,
    stop: Option<&Int>,
    step: Option<&Int>,
) -> PyResult<PyIter<T>> {
    Ok(PyIter::new(itertools_islice_iter(items, start, stop, step)?))
}

/// `islice(...)` consumed where it is made (a `for` loop): the same iterator, not boxed.
pub fn itertools_islice_iter<T, I: IntoIterator<Item = PyResult<T>>>(
    items: I,
    start: Option<&Int>,
    stop: Option<&Int>,
    step: Option<&Int>,
) -> PyResult<Islice<I::IntoIter>> {
    let stop = islice_arg(stop, ISLICE_STOP)?;
    let start = islice_arg(start, ISLICE_INDICES)?.unwrap_or(0);
    let step = match step {
        None => 1,
        Some(i) => match i.to_i64() {
            Some(n) if n >= 1 => n as usize,
            Some(_) => return Err(PyErr::value_error(ISLICE_STEP)),
            None if i.is_negative() => return Err(PyErr::value_error(ISLICE_STEP)),
            None => return Err(PyErr::value_error(ISLICE_INDICES)),
        },
    };
    Ok(Islice { src: Some(items.into_iter()), cnt: 0, next: start, stop, step })
}

/// The iterator `islice` returns.
pub struct Islice<I> {
    /// `None` once it has ended (it never reads its source again).
    src: Option<I>,
    /// Items read from the source so far.
    cnt: usize,
    /// The index of the next item to give.
    next: usize,
    stop: Option<usize>,
    step: usize,
}

impl<T, I: Iterator<Item = PyResult<T>>> Iterator for Islice<I> {
    type Item = PyResult<T>;

    #[inline]
    fn next(&mut self) -> Option<PyResult<T>> {
        let src = self.src.as_mut()?;
        // One place that reads the source (items before `next` are read and dropped), so a
        // generator's step is inlined here once.
        loop {
            let skipping = self.cnt < self.next;
            if !skipping && self.stop.is_some_and(|s| self.cnt >= s) {
                self.src = None;
                return None;
            }
            match src.next() {
                Some(Ok(v)) => {
                    self.cnt += 1;
                    if skipping {
                        continue;
                    }
                    self.next = self.next.saturating_add(self.step);
                    if let Some(s) = self.stop {
                        self.next = self.next.min(s);
                    }
                    return Some(Ok(v));
                }
                Some(Err(e)) => {
                    self.src = None;
                    return Some(Err(e));
                }
                None => {
                    self.src = None;
                    return None;
                }
            }
        }
    }
}

/// `chain(a, b, ...)`.
pub fn itertools_chain<T: 'static>(sources: Vec<PyIter<T>>) -> PyIter<T> {
    PyIter::new(sources.into_iter().flatten())
}

/// `chain.from_iterable(items)`: `inner` turns each item into an iterator (it may raise, as
/// `iter(item)` does), only when the chain reaches it.
pub fn itertools_chain_from_iterable<U: 'static, T: 'static>(
    items: impl IntoIterator<Item = PyResult<U>, IntoIter: 'static>,
    mut inner: impl FnMut(U) -> PyResult<PyIter<T>> + 'static,
) -> PyIter<T> {
    let mut outer = items.into_iter();
    let mut current: Option<PyIter<T>> = None;
    PyIter::new(std::iter::from_fn(move || loop {
        if let Some(cur) = current.as_mut() {
            match cur.next() {
                Some(r) => return Some(r),
                None => current = None,
            }
        }
        match outer.next()? {
            Ok(u) => match inner(u) {
                Ok(it) => current = Some(it),
                Err(e) => return Some(Err(e)),
            },
            Err(e) => return Some(Err(e)),
        }
    }))
}

/// `takewhile(pred, items)`: stops for good at the first item the predicate rejects.
pub fn itertools_takewhile<T: 'static, R: PyObject>(
    items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>,
    mut pred: impl FnMut(&T) -> PyResult<R> + 'static,
) -> PyIter<T> {
    let mut it = items.into_iter();
    let mut done = false;
    PyIter::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let x = match it.next()? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        match pred(&x) {
            Ok(r) if r.truthy() => Some(Ok(x)),
            Ok(_) => {
                done = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }))
}

/// `dropwhile(pred, items)`: skips items while the predicate accepts them, then yields all.
pub fn itertools_dropwhile<T: 'static, R: PyObject>(
    items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>,
    mut pred: impl FnMut(&T) -> PyResult<R> + 'static,
) -> PyIter<T> {
    let mut it = items.into_iter();
    let mut dropping = true;
    PyIter::new(std::iter::from_fn(move || loop {
        let x = match it.next()? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        if !dropping {
            return Some(Ok(x));
        }
        match pred(&x) {
            Ok(r) if r.truthy() => continue,
            Ok(_) => {
                dropping = false;
                return Some(Ok(x));
            }
            Err(e) => return Some(Err(e)),
        }
    }))
}

/// `accumulate(items, func, initial=...)`: running totals (`func(total, item)`), `initial`
/// first when given.
pub fn itertools_accumulate<T: Clone + 'static>(
    items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>,
    mut func: impl FnMut(T, T) -> PyResult<T> + 'static,
    initial: Option<T>,
) -> PyIter<T> {
    let mut it = items.into_iter();
    let mut total: Option<T> = None;
    let mut initial = initial;
    PyIter::new(std::iter::from_fn(move || {
        if let Some(init) = initial.take() {
            total = Some(init.clone());
            return Some(Ok(init));
        }
        let x = match it.next()? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let next = match total.take() {
            None => x,
            Some(t) => match func(t, x) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            },
        };
        total = Some(next.clone());
        Some(Ok(next))
    }))
}

/// `zip_longest(a, b, ..., fillvalue=f)` over dynamic values: each item a `Vec` with one value
/// per input, `fill` for inputs already exhausted; ends when all are.
pub fn itertools_zip_longest(sources: Vec<PyIter<Value>>, fill: Value) -> PyIter<Vec<Value>> {
    let mut active: Vec<Option<PyIter<Value>>> = sources.into_iter().map(Some).collect();
    let mut remaining = active.len();
    PyIter::new(std::iter::from_fn(move || {
        if remaining == 0 {
            return None;
        }
        let mut out = Vec::with_capacity(active.len());
        for slot in active.iter_mut() {
            match slot.as_mut().map(|it| it.next()) {
                None => out.push(fill.clone()),
                Some(Some(Ok(v))) => out.push(v),
                Some(Some(Err(e))) => {
                    remaining = 0;
                    return Some(Err(e));
                }
                Some(None) => {
                    *slot = None;
                    remaining -= 1;
                    if remaining == 0 {
                        return None;
                    }
                    out.push(fill.clone());
                }
            }
        }
        Some(Ok(out))
    }))
}

/// `product(*pools, repeat=r)` as index vectors: `lens` are the pools' lengths; position `k`
/// indexes pool `k % lens.len()`. Lexicographic, the last position varying fastest.
pub fn itertools_product(lens: Vec<usize>, repeat: &Int) -> PyResult<PyIter<Vec<usize>>> {
    let repeat = match repeat.to_i64() {
        Some(n) if n >= 0 => n as usize,
        Some(_) => return Err(PyErr::value_error("repeat argument cannot be negative")),
        None if repeat.is_negative() => return Err(PyErr::value_error("repeat argument cannot be negative")),
        None => return Err(PyErr::new(crate::err::Exc::OverflowError, "repeat argument too large")),
    };
    let sizes: Vec<usize> = (0..lens.len() * repeat).map(|k| lens[k % lens.len()]).collect();
    let mut ix: Option<Vec<usize>> = if sizes.contains(&0) { None } else { Some(vec![0; sizes.len()]) };
    Ok(PyIter::from_plain(std::iter::from_fn(move || {
        let cur = ix.take()?;
        let mut next = cur.clone();
        let mut k = next.len();
        while k > 0 {
            k -= 1;
            next[k] += 1;
            if next[k] < sizes[k] {
                ix = Some(next);
                break;
            }
            next[k] = 0;
        }
        Some(cur)
    })))
}

fn r_arg(r: Option<&Int>, n: usize) -> PyResult<usize> {
    match r {
        None => Ok(n),
        Some(i) => match i.to_i64() {
            Some(v) if v >= 0 => Ok(v as usize),
            None if !i.is_negative() => Ok(usize::MAX),
            _ => Err(PyErr::value_error("r must be non-negative")),
        },
    }
}

/// `combinations(pool, r)` as index vectors, in CPython's order.
pub fn itertools_combinations(n: usize, r: &Int) -> PyResult<PyIter<Vec<usize>>> {
    let r = r_arg(Some(r), n)?;
    let mut ix: Option<Vec<usize>> = if r > n { None } else { Some((0..r).collect()) };
    Ok(PyIter::from_plain(std::iter::from_fn(move || {
        let cur = ix.take()?;
        let mut next = cur.clone();
        let mut i = r;
        while i > 0 {
            i -= 1;
            if next[i] != i + n - r {
                next[i] += 1;
                for j in i + 1..r {
                    next[j] = next[j - 1] + 1;
                }
                ix = Some(next);
                break;
            }
        }
        Some(cur)
    })))
}

/// `permutations(pool, r)` (`None`: all of the pool) as index vectors, in CPython's order.
pub fn itertools_permutations(n: usize, r: Option<&Int>) -> PyResult<PyIter<Vec<usize>>> {
    let r = r_arg(r, n)?;
    if r > n {
        return Ok(PyIter::from_plain(std::iter::empty()));
    }
    // CPython's algorithm: indices and cycles.
    let mut indices: Vec<usize> = (0..n).collect();
    let mut cycles: Vec<usize> = (0..r).map(|i| n - i).collect();
    let mut first = true;
    let mut done = false;
    Ok(PyIter::from_plain(std::iter::from_fn(move || {
        if done {
            return None;
        }
        if first {
            first = false;
            return Some(indices[..r].to_vec());
        }
        if n == 0 || r == 0 {
            done = true;
            return None;
        }
        let mut i = r;
        while i > 0 {
            i -= 1;
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let idx = indices.remove(i);
                indices.push(idx);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                return Some(indices[..r].to_vec());
            }
        }
        done = true;
        None
    })))
}

/// The items of an iterable, for the combinatoric iterators' pools (read at creation).
pub fn itertools_pool<T>(items: impl IntoIterator<Item = PyResult<T>>) -> PyResult<Rc<Vec<T>>> {
    Ok(Rc::new(items.into_iter().collect::<PyResult<Vec<T>>>()?))
}

/// `pool[i]`, cloned.
#[inline]
pub fn itertools_pick<T: Clone>(pool: &[T], i: usize) -> T {
    pool[i].clone()
}

/// A combinatoric item over a pool as a tuple value (when its length is known only at run time).
pub fn itertools_tuple_value<T: Clone + crate::value::IntoValue>(pool: &[T], ix: &[usize]) -> Value {
    Value::tuple(ix.iter().map(|&i| pool[i].clone().into_value()).collect())
}

/// `cycle(items)`: the first pass saves the items, later passes repeat them.
pub fn itertools_cycle<T: Clone + 'static>(items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>) -> PyIter<T> {
    let mut it = Some(items.into_iter());
    let mut saved: Vec<T> = Vec::new();
    let mut pos = 0;
    PyIter::new(std::iter::from_fn(move || {
        if let Some(src) = it.as_mut() {
            match src.next() {
                Some(Ok(v)) => {
                    saved.push(v.clone());
                    return Some(Ok(v));
                }
                Some(Err(e)) => return Some(Err(e)),
                None => it = None,
            }
        }
        if saved.is_empty() {
            return None;
        }
        let v = saved[pos % saved.len()].clone();
        pos = (pos + 1) % saved.len();
        Some(Ok(v))
    }))
}

/// `repeat(x)` (forever) or `repeat(x, times)`.
pub fn itertools_repeat<T: Clone + 'static>(x: T, times: Option<&Int>) -> PyIter<T> {
    match times {
        None => PyIter::from_plain(std::iter::repeat(x)),
        Some(n) => {
            let n = if n.is_negative() { 0 } else { n.to_i64().map_or(usize::MAX, |v| v as usize) };
            PyIter::from_plain(std::iter::repeat(x).take(n))
        }
    }
}

struct GroupBy<T, K> {
    it: Box<dyn Iterator<Item = PyResult<T>>>,
    key: Box<dyn FnMut(&T) -> PyResult<K>>,
    tgtkey: Option<K>,
    currkey: Option<K>,
    currvalue: Option<T>,
    /// Which group iterator is current (older ones are exhausted).
    group: u64,
}

impl<T, K> GroupBy<T, K> {
    /// The next item and its key.
    fn step(&mut self) -> Option<PyResult<()>> {
        let v = match self.it.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        match (self.key)(&v) {
            Ok(k) => {
                self.currkey = Some(k);
                self.currvalue = Some(v);
                Some(Ok(()))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// `groupby(items, key)`: `(key, group)` pairs; each group is a lazy iterator over the shared
/// input, and advancing the groupby ends the previous group (as in CPython).
pub fn itertools_groupby<T: Clone + 'static, K: PyEq + Clone + 'static>(
    items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>,
    key: impl FnMut(&T) -> PyResult<K> + 'static,
) -> PyIter<(K, PyIter<T>)> {
    let state = Rc::new(RefCell::new(GroupBy {
        it: Box::new(items.into_iter()),
        key: Box::new(key),
        tgtkey: None,
        currkey: None,
        currvalue: None,
        group: 0,
    }));
    PyIter::new(std::iter::from_fn(move || {
        let mut g = state.borrow_mut();
        g.group += 1;
        loop {
            let same = match (&g.currkey, &g.tgtkey) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(c), Some(t)) => t.py_eq(c),
            };
            if !same {
                break;
            }
            match g.step()? {
                Ok(()) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        let k = g.currkey.clone()?;
        g.tgtkey = Some(k.clone());
        let id = g.group;
        drop(g);
        let shared = Rc::clone(&state);
        let tgt = k.clone();
        let group = PyIter::new(std::iter::from_fn(move || {
            let mut g = shared.borrow_mut();
            if g.group != id {
                return None;
            }
            if g.currvalue.is_none() {
                match g.step()? {
                    Ok(()) => {}
                    Err(e) => return Some(Err(e)),
                }
            }
            if !g.currkey.as_ref().is_some_and(|c| tgt.py_eq(c)) {
                return None;
            }
            g.currvalue.take().map(Ok)
        }));
        Some(Ok((k, group)))
    }))
}

/// `tee(items, n)`: `n` independent iterators over one input; items one has read and another
/// not yet are buffered (an exception is not: each iterator meets it by reading again).
pub fn itertools_tee<T: Clone + 'static>(items: impl IntoIterator<Item = PyResult<T>, IntoIter: 'static>, n: usize) -> Vec<PyIter<T>> {
    struct Tee<T> {
        it: Box<dyn Iterator<Item = PyResult<T>>>,
        queues: Vec<VecDeque<T>>,
    }
    let state = Rc::new(RefCell::new(Tee { it: Box::new(items.into_iter()), queues: (0..n).map(|_| VecDeque::new()).collect() }));
    (0..n)
        .map(|i| {
            let shared = Rc::clone(&state);
            PyIter::new(std::iter::from_fn(move || {
                let mut t = shared.borrow_mut();
                if let Some(v) = t.queues[i].pop_front() {
                    return Some(Ok(v));
                }
                match t.it.next()? {
                    Ok(v) => {
                        for (j, q) in t.queues.iter_mut().enumerate() {
                            if j != i {
                                q.push_back(v.clone());
                            }
                        }
                        Some(Ok(v))
                    }
                    Err(e) => Some(Err(e)),
                }
            }))
        })
        .collect()
}

/// `tee`'s error for a negative `n`.
pub fn itertools_tee_n(n: &Int) -> PyResult<usize> {
    match n.to_i64() {
        Some(v) if v >= 0 => Ok(v as usize),
        _ if n.is_negative() => Err(PyErr::value_error("n must be >= 0")),
        _ => Err(PyErr::new(crate::err::Exc::OverflowError, "Python int too large to convert to C ssize_t")),
    }
}

#[cfg(test)]
#[path = "itertools_tests.rs"]
mod tests;
