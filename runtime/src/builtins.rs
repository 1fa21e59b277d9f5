//! Python's builtin functions, for statically typed arguments and for `Value`s.
//!
//! Statically typed calls mostly map onto methods (`len(s)` is `s.len()`); what lives here
//! is what needs a home: `print`, `range`, `enumerate`, `min`/`max`, the numeric builtins on
//! dynamic values, and conversions (`int()`, `float()`, `str()`...). Errors are CPython's.

use crate::entry::{flush_stdout, write_stderr, write_stdout};
use crate::err::{Exc, PyErr, PyResult};
use crate::float::{float_parse, float_round, float_round_ndigits_int};
use crate::format::{format_bool, format_float, format_int, format_str};
use crate::int::Int;
use crate::list::PyList;
use crate::object::{py_str, PyObject, PyOrd};
use crate::pystr::PyStr;
use crate::value::Value;

// ---------------------------------------------------------------------------------------------
// print / input

/// Writes `str(arg)` for each argument separated by `sep`, then `end`, as `print` does: each
/// piece goes out as soon as it is converted, so an argument whose `str()` raises leaves the
/// earlier ones printed (as in CPython).
fn print_with(args: &[&dyn PyObject], sep: &str, end: &str, write: fn(&str) -> PyResult<()>) -> PyResult<()> {
    let mut line = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            line.push_str(sep);
        }
        if let Err(e) = a.write_str(&mut line) {
            write(&line)?;
            return Err(e);
        }
    }
    line.push_str(end);
    write(&line)
}

/// stderr writes cannot fail in a way Python code would see.
fn write_stderr_ok(s: &str) -> PyResult<()> {
    write_stderr(s);
    Ok(())
}

/// `print(*args, sep=sep, end=end)` to `sys.stdout`.
pub fn print(args: &[&dyn PyObject], sep: &str, end: &str) -> PyResult<()> {
    print_with(args, sep, end, write_stdout)
}

/// `print(*args, sep=sep, end=end, file=sys.stderr)`.
pub fn eprint(args: &[&dyn PyObject], sep: &str, end: &str) -> PyResult<()> {
    print_with(args, sep, end, write_stderr_ok)
}

/// `input(prompt)`: flushes stdout, reads one line from stdin without its newline;
/// `EOFError: EOF when reading a line` at end of input.
pub fn input(prompt: &str) -> PyResult<PyStr> {
    if !prompt.is_empty() {
        write_stdout(prompt)?;
    }
    flush_stdout()?;
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(PyErr::new(Exc::EOFError, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(PyStr::from(line))
        }
        Err(e) => Err(crate::entry::os_error(&e)),
    }
}

// ---------------------------------------------------------------------------------------------
// range / enumerate

/// Iterator of `range(start, stop, step)`. Machine-word bounds take the fast path; bigger
/// bounds still work (slowly), as Python ints do.
///
/// A struct of plain fields rather than an enum, and the big state behind a pointer: LLVM then
/// keeps a `for` loop's counter in registers (an enum, or a cold path taking `&mut self`,
/// would keep the whole iterator in memory and make every step a load and a store).
pub struct RangeIter {
    /// Machine-word range: the next item, the step, and where the items end (`next` reaches
    /// `end` exactly; both fit a machine word). `next == end` for a big range.
    next: i64,
    end: i64,
    step: i64,
    big: Option<Box<BigRange>>,
}

/// The state of a range whose bounds do not fit a machine word.
struct BigRange {
    next: Int,
    step: Int,
    remaining: Int,
}

impl std::fmt::Debug for RangeIter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.big {
            None => write!(f, "RangeIter({}, step {}, {} left)", self.next, self.step, self.remaining()),
            Some(b) => write!(f, "RangeIter({}, step {}, {} left)", b.next, b.step, b.remaining),
        }
    }
}

impl RangeIter {
    /// No items.
    pub fn empty() -> RangeIter {
        RangeIter { next: 0, end: 0, step: 1, big: None }
    }

    /// How many items are left.
    pub fn remaining(&self) -> Int {
        match &self.big {
            None => Int::from((self.end as i128 - self.next as i128) / self.step as i128),
            Some(b) => b.remaining.clone(),
        }
    }

    /// The item `i` places ahead (`i` less than [`RangeIter::remaining`]).
    pub fn item(&self, i: usize) -> Int {
        match &self.big {
            None => Int::from(self.next as i128 + i as i128 * self.step as i128),
            Some(b) => &b.next + &(&b.step * &Int::from(i)),
        }
    }
}

/// Number of items of `range(start, stop, step)` (step non-zero).
fn range_count(start: &Int, stop: &Int, step: &Int) -> PyResult<Int> {
    let zero = Int::from(0);
    let one = Int::from(1);
    let n = if *step > zero {
        if start < stop {
            (&(stop - start) - &one).floordiv(step)? + one
        } else {
            zero
        }
    } else if stop < start {
        (&(start - stop) - &one).floordiv(&-step)? + one
    } else {
        zero
    };
    Ok(n)
}

/// `range(start, stop, step)`. Inlined, so a loop over `range(n)` sees its start and step
/// as constants.
#[inline]
pub fn range(start: &Int, stop: &Int, step: &Int) -> PyResult<RangeIter> {
    if let (Some(a), Some(b), Some(s)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
        return range_i64(a, b, s);
    }
    Ok(RangeIter::of_big(range_big(start, stop, step)?))
}

#[cold]
#[inline(never)]
fn range_big(start: &Int, stop: &Int, step: &Int) -> PyResult<Box<BigRange>> {
    if step.to_i64() == Some(0) {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Box::new(BigRange { next: start.clone(), step: step.clone(), remaining: range_count(start, stop, step)? }))
}

impl RangeIter {
    /// The machine-word fields of a big range are constants (no items, step 1), so a loop
    /// over `range(n)` still sees step 1 whichever path made its iterator.
    #[inline]
    fn of_big(big: Box<BigRange>) -> RangeIter {
        RangeIter { next: 0, end: 0, step: 1, big: Some(big) }
    }
}

/// `range(stop)`.
#[inline]
pub fn range_stop(stop: &Int) -> PyResult<RangeIter> {
    range(&Int::from(0), stop, &Int::from(1))
}

/// `range(start, stop, step)` with machine-word bounds.
#[inline]
pub fn range_i64(start: i64, stop: i64, step: i64) -> PyResult<RangeIter> {
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    let (a, b, s) = (start as i128, stop as i128, step as i128);
    let n = if s > 0 && a < b {
        (b - a - 1) / s + 1
    } else if s < 0 && b < a {
        (a - b - 1) / (-s) + 1
    } else {
        0
    };
    match i64::try_from(a + n * s) {
        Ok(end) => Ok(RangeIter { next: start, end, step, big: None }),
        // The item after the last one does not fit: rare enough for the general path.
        Err(_) => Ok(RangeIter::of_big(range_big(&Int::from(start), &Int::from(stop), &Int::from(step))?)),
    }
}

/// `len(range(start, stop, step))`: `OverflowError` past a machine word, as CPython.
pub fn range_len(start: &Int, stop: &Int, step: &Int) -> PyResult<Int> {
    if step.to_i64() == Some(0) {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    let n = range_count(start, stop, step)?;
    if n.to_i64().is_none() {
        return Err(PyErr::overflow("Python int too large to convert to C ssize_t"));
    }
    Ok(n)
}

impl Iterator for RangeIter {
    type Item = Int;

    #[inline]
    fn next(&mut self) -> Option<Int> {
        if self.next != self.end {
            let v = self.next;
            // SAFETY: this is the next item or `end`, both of which fit (the no-overflow
            // promise lets LLVM see that the items of `range(n)` are never negative).
            self.next = unsafe { v.unchecked_add(self.step) };
            return Some(Int::Small(v));
        }
        match &mut self.big {
            None => None,
            Some(b) => b.next_item(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.remaining().to_usize() {
            Some(n) => (n, Some(n)),
            None => (usize::MAX, None),
        }
    }
}

impl BigRange {
    #[cold]
    #[inline(never)]
    fn next_item(&mut self) -> Option<Int> {
        if self.remaining <= Int::from(0) {
            return None;
        }
        let v = self.next.clone();
        self.next = &self.next + &self.step;
        self.remaining = &self.remaining - &Int::from(1);
        Some(v)
    }
}

/// `reversed(range(...))`.
impl DoubleEndedIterator for RangeIter {
    fn next_back(&mut self) -> Option<Int> {
        match &mut self.big {
            None => {
                if self.next == self.end {
                    return None;
                }
                self.end -= self.step;
                Some(Int::Small(self.end))
            }
            Some(b) => {
                if b.remaining <= Int::from(0) {
                    return None;
                }
                b.remaining = &b.remaining - &Int::from(1);
                Some(&b.next + &(&b.remaining * &b.step))
            }
        }
    }
}

/// `enumerate(iterable, start)`: pairs `(index, item)`.
pub struct PyEnumerate<I> {
    iter: I,
    n: Int,
}

/// `enumerate(iterable, start)`.
pub fn py_enumerate<I: IntoIterator>(iter: I, start: Int) -> PyEnumerate<I::IntoIter> {
    PyEnumerate { iter: iter.into_iter(), n: start }
}

impl<I: Iterator> Iterator for PyEnumerate<I> {
    type Item = (Int, I::Item);
    #[inline]
    fn next(&mut self) -> Option<(Int, I::Item)> {
        let item = self.iter.next()?;
        let i = match &mut self.n {
            Int::Small(v) if *v < i64::MAX => {
                let i = Int::Small(*v);
                *v += 1;
                i
            }
            n => {
                let i = n.clone();
                *n = &i + &Int::from(1);
                i
            }
        };
        Some((i, item))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

// ---------------------------------------------------------------------------------------------
// min / max / sorted / sum

/// `min(a, b)` for one static type: the first unless the second is smaller (so `min(nan, 1)`
/// is `nan` and `min(1, nan)` is `1`, as in CPython).
#[inline]
pub fn min2<T: PartialOrd>(a: T, b: T) -> T {
    if b < a {
        b
    } else {
        a
    }
}

/// `max(a, b)`: the first unless the second is larger.
#[inline]
pub fn max2<T: PartialOrd>(a: T, b: T) -> T {
    if b > a {
        b
    } else {
        a
    }
}

/// `min(iterable)` for one static type; `name` is the builtin's name for the empty error.
fn extreme<T: PyOrd, I: IntoIterator<Item = T>>(items: I, name: &str, better: fn(&T, &T) -> PyResult<bool>) -> PyResult<T> {
    let mut it = items.into_iter();
    let mut best = it
        .next()
        .ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))?;
    for x in it {
        if better(&x, &best)? {
            best = x;
        }
    }
    Ok(best)
}

/// `min(iterable)`: first of equal minima; `ValueError: min() arg is an empty sequence`.
pub fn min_iter<T: PyOrd, I: IntoIterator<Item = T>>(items: I) -> PyResult<T> {
    extreme(items, "min", |x, best| x.py_lt(best))
}

/// `max(iterable)`.
pub fn max_iter<T: PyOrd, I: IntoIterator<Item = T>>(items: I) -> PyResult<T> {
    extreme(items, "max", |x, best| x.py_gt(best))
}

/// `min(iterable, default=d)`.
pub fn min_iter_or<T: PyOrd, I: IntoIterator<Item = T>>(items: I, default: T) -> PyResult<T> {
    let mut it = items.into_iter().peekable();
    if it.peek().is_none() {
        return Ok(default);
    }
    min_iter(it)
}

/// `max(iterable, default=d)`.
pub fn max_iter_or<T: PyOrd, I: IntoIterator<Item = T>>(items: I, default: T) -> PyResult<T> {
    let mut it = items.into_iter().peekable();
    if it.peek().is_none() {
        return Ok(default);
    }
    max_iter(it)
}

/// `min(iterable, key=key, default=d)`.
pub fn min_by_key_or<T, K: PyOrd, I: IntoIterator<Item = T>>(items: I, key: impl FnMut(&T) -> PyResult<K>, default: T) -> PyResult<T> {
    let mut it = items.into_iter().peekable();
    if it.peek().is_none() {
        return Ok(default);
    }
    min_by_key(it, key)
}

/// `max(iterable, key=key, default=d)`.
pub fn max_by_key_or<T, K: PyOrd, I: IntoIterator<Item = T>>(items: I, key: impl FnMut(&T) -> PyResult<K>, default: T) -> PyResult<T> {
    let mut it = items.into_iter().peekable();
    if it.peek().is_none() {
        return Ok(default);
    }
    max_by_key(it, key)
}

/// `min(iterable, key=key)`.
pub fn min_by_key<T, K: PyOrd, I: IntoIterator<Item = T>>(items: I, mut key: impl FnMut(&T) -> PyResult<K>) -> PyResult<T> {
    let mut it = items.into_iter();
    let first = it.next().ok_or_else(|| PyErr::value_error("min() arg is an empty sequence"))?;
    let mut best_key = key(&first)?;
    let mut best = first;
    for x in it {
        let k = key(&x)?;
        if k.py_lt(&best_key)? {
            best = x;
            best_key = k;
        }
    }
    Ok(best)
}

/// `max(iterable, key=key)`.
pub fn max_by_key<T, K: PyOrd, I: IntoIterator<Item = T>>(items: I, mut key: impl FnMut(&T) -> PyResult<K>) -> PyResult<T> {
    let mut it = items.into_iter();
    let first = it.next().ok_or_else(|| PyErr::value_error("max() arg is an empty sequence"))?;
    let mut best_key = key(&first)?;
    let mut best = first;
    for x in it {
        let k = key(&x)?;
        if k.py_gt(&best_key)? {
            best = x;
            best_key = k;
        }
    }
    Ok(best)
}

/// `min(a, b, ...)` / `min(iterable)` over dynamic values (`min(3.5, 2)` is the int `2`).
pub fn min_values(items: Vec<Value>) -> PyResult<Value> {
    min_iter(items)
}

/// `max(a, b, ...)` / `max(iterable)` over dynamic values.
pub fn max_values(items: Vec<Value>) -> PyResult<Value> {
    max_iter(items)
}

/// `sorted(iterable)`.
pub fn sorted<T: PyOrd + Clone, I: IntoIterator<Item = T>>(items: I, reverse: bool) -> PyResult<PyList<T>> {
    let list: PyList<T> = items.into_iter().collect();
    list.sort_reverse(reverse)?;
    Ok(list)
}

/// `sorted(iterable, key=key, reverse=reverse)`.
pub fn sorted_by_key<T, K: PyOrd, I: IntoIterator<Item = T>>(
    items: I,
    key: impl FnMut(&T) -> PyResult<K>,
    reverse: bool,
) -> PyResult<PyList<T>> {
    let list: PyList<T> = items.into_iter().collect();
    list.sort_by_key(key, reverse)?;
    Ok(list)
}

/// `sum(iterable, start)` over dynamic values (left to right with `+`, as CPython 3.11).
pub fn sum_values<I: IntoIterator<Item = Value>>(items: I, start: Value) -> PyResult<Value> {
    if let Value::Str(_) = start {
        return Err(PyErr::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut acc = start;
    for x in items {
        acc = acc.add(&x)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------------------------------
// Numeric builtins on dynamic values

/// `abs(x)`.
pub fn abs_value(x: Value) -> PyResult<Value> {
    match &x {
        Value::Int(i) => Ok(Value::Int(i.abs())),
        Value::Bool(b) => Ok(Value::Int(Int::from(*b))),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        _ => Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", x.type_name()))),
    }
}

/// `divmod(a, b)`.
pub fn divmod_value(a: Value, b: Value) -> PyResult<Value> {
    a.divmod(&b)
}

/// `pow(base, exp)` or `pow(base, exp, mod)`.
pub fn pow_value(base: Value, exp: Value, modulus: Option<Value>) -> PyResult<Value> {
    match &modulus {
        None | Some(Value::None) => base.pow(&exp),
        Some(m) => match (base.as_int(), exp.as_int(), m.as_int()) {
            (Some(b), Some(e), Some(m)) => b.pow_mod(&e, &m).map(Value::Int),
            _ if base.as_int().is_some() || matches!(base, Value::Float(_)) => Err(PyErr::type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            )),
            _ => Err(PyErr::type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                base.type_name(),
                exp.type_name(),
                m.type_name()
            ))),
        },
    }
}

/// `'float' object cannot be interpreted as an integer`.
#[cold]
fn not_an_integer(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()))
}

/// `round(x)` / `round(x, ndigits)`.
pub fn round_value(x: Value, ndigits: Option<Value>) -> PyResult<Value> {
    let nd = match &ndigits {
        None | Some(Value::None) => None,
        Some(n) => Some(n.as_int().ok_or_else(|| not_an_integer(n))?.into_owned()),
    };
    if let Some(i) = x.as_int() {
        return Ok(Value::Int(match nd {
            None => i.into_owned(),
            Some(n) => i.round_ndigits(&n),
        }));
    }
    match (&x, nd) {
        (Value::Float(f), None) => float_round(*f).map(Value::Int),
        (Value::Float(f), Some(n)) => float_round_ndigits_int(*f, &n).map(Value::Float),
        _ => Err(PyErr::type_error(format!("type {} doesn't define __round__ method", x.type_name()))),
    }
}

/// `int(x)` for str, float, bool and int.
pub fn int_value(x: Value) -> PyResult<Int> {
    match x {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(Int::from(b)),
        Value::Float(f) => Int::from_f64(f),
        Value::Str(s) => Int::parse(s.as_str(), 10),
        _ => Err(PyErr::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            x.type_name()
        ))),
    }
}

/// `float(x)` for str, int, bool and float.
pub fn float_value(x: Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => Ok(f),
        Value::Int(i) => i.to_f64(),
        Value::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
        Value::Str(s) => float_parse(s.as_str()),
        _ => Err(PyErr::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            x.type_name()
        ))),
    }
}

/// `str(x)`.
pub fn str_value(x: Value) -> PyResult<PyStr> {
    match x {
        Value::Str(s) => Ok(s),
        _ => py_str(&x),
    }
}

/// `format(x, spec)` for dynamic values (the `{x:spec}` of f-strings).
pub fn format_value(x: Value, spec: &str) -> PyResult<PyStr> {
    let text = match &x {
        Value::Int(i) => format_int(i, spec)?,
        Value::Bool(b) => format_bool(*b, spec)?,
        Value::Float(f) => format_float(*f, spec)?,
        Value::Str(s) => format_str(s.as_str(), spec)?,
        _ if spec.is_empty() => return py_str(&x),
        _ => {
            return Err(PyErr::type_error(format!(
                "unsupported format string passed to {}.__format__",
                x.type_name()
            )))
        }
    };
    Ok(PyStr::from(text))
}

/// `bool(x)`.
#[inline]
pub fn bool_value(x: Value) -> bool {
    x.truthy()
}

/// `hex(x)`.
pub fn hex_value(x: Value) -> PyResult<PyStr> {
    x.as_int().map(|i| PyStr::from(i.hex())).ok_or_else(|| not_an_integer(&x))
}

/// `oct(x)`.
pub fn oct_value(x: Value) -> PyResult<PyStr> {
    x.as_int().map(|i| PyStr::from(i.oct())).ok_or_else(|| not_an_integer(&x))
}

/// `bin(x)`.
pub fn bin_value(x: Value) -> PyResult<PyStr> {
    x.as_int().map(|i| PyStr::from(i.bin())).ok_or_else(|| not_an_integer(&x))
}

/// `ascii(x)`: the repr with non-ASCII characters escaped.
pub fn py_ascii<T: PyObject + ?Sized>(x: &T) -> PyResult<PyStr> {
    let r = crate::object::py_repr(x)?;
    if r.is_ascii() {
        return Ok(r);
    }
    Ok(PyStr::from(crate::pystr::ascii_escape(r.as_str())))
}

/// `ord(c)`.
pub fn ord(c: &PyStr) -> PyResult<Int> {
    let mut it = c.as_str().chars();
    match (it.next(), it.next()) {
        (Some(ch), None) => Ok(Int::from(ch as i64)),
        _ => Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            c.len_usize()
        ))),
    }
}

/// `chr(i)`. Lone surrogates (U+D800..U+DFFF) are valid Python strs but cannot be
/// represented here: they raise `ValueError` too.
pub fn chr(i: &Int) -> PyResult<PyStr> {
    let code = i.to_i64().filter(|v| (0..0x110000).contains(v));
    let Some(code) = code else {
        return Err(PyErr::value_error("chr() arg not in range(0x110000)"));
    };
    char::from_u32(code as u32)
        .map(PyStr::from_char)
        .ok_or_else(|| PyErr::value_error("chr() of a surrogate code point is not supported"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;

    fn i(v: i64) -> Value {
        Value::Int(Int::from(v))
    }
    fn f(v: f64) -> Value {
        Value::Float(v)
    }
    fn s(v: &str) -> Value {
        Value::Str(PyStr::from(v))
    }
    fn r(v: &Value) -> String {
        py_repr(v).unwrap().as_str().to_string()
    }
    fn ints(it: impl Iterator<Item = Int>) -> Vec<i64> {
        it.map(|x| x.to_i64().unwrap()).collect()
    }

    #[test]
    fn ranges() {
        let n = |x: i64| Int::from(x);
        assert_eq!(ints(range(&n(0), &n(5), &n(1)).unwrap()), [0, 1, 2, 3, 4]);
        assert_eq!(ints(range(&n(10), &n(0), &n(-3)).unwrap()), [10, 7, 4, 1]);
        assert_eq!(ints(range(&n(0), &n(-1), &n(1)).unwrap()), Vec::<i64>::new());
        assert_eq!(ints(range_stop(&n(3)).unwrap().rev()), [2, 1, 0]);
        assert_eq!(ints(range(&n(1), &n(10), &n(4)).unwrap().rev()), [9, 5, 1]);
        let e = range(&n(0), &n(10), &n(0)).unwrap_err();
        assert_eq!(e.to_string(), "ValueError: range() arg 3 must not be zero");
        // Near the ends of i64 nothing overflows.
        assert_eq!(ints(range_i64(i64::MAX - 2, i64::MAX, 1).unwrap()), [i64::MAX - 2, i64::MAX - 1]);
        assert_eq!(ints(range_i64(i64::MIN + 1, i64::MIN, -1).unwrap()), [i64::MIN + 1]);
        assert_eq!(range_i64(i64::MIN, i64::MAX, 1).unwrap().size_hint().0 as u64, u64::MAX);
        // len(range(2**63)) -> OverflowError: Python int too large to convert to C ssize_t
        let big = Int::big("9223372036854775808");
        let e = range_len(&n(0), &big, &n(1)).unwrap_err();
        assert_eq!(e.to_string(), "OverflowError: Python int too large to convert to C ssize_t");
        assert_eq!(range_len(&n(0), &n(10), &n(3)).unwrap(), n(4));
        assert_eq!(range_len(&n(10), &n(0), &n(-3)).unwrap(), n(4));
        // Big bounds iterate: list(range(2**63, 2**63 + 3)) == [9223372036854775808, ...]
        let v: Vec<String> = range(&big, &(&big + &n(3)), &n(1)).unwrap().map(|x| x.to_string()).collect();
        assert_eq!(v, ["9223372036854775808", "9223372036854775809", "9223372036854775810"]);
        let v: Vec<String> = range(&big, &n(0), &Int::big("-4611686018427387904")).unwrap().map(|x| x.to_string()).collect();
        assert_eq!(v, ["9223372036854775808", "4611686018427387904"]);
    }

    #[test]
    fn enumerate() {
        let v: Vec<(Int, char)> = py_enumerate("ab".chars(), Int::from(5)).collect();
        assert_eq!(v, vec![(Int::from(5), 'a'), (Int::from(6), 'b')]);
        let v: Vec<Int> = py_enumerate(0..2, Int::from(i64::MAX)).map(|(k, _)| k).collect();
        assert_eq!(v[1], Int::big("9223372036854775808"));
    }

    #[test]
    fn min_max() {
        // min(3.5, 2) == 2 (the int); min(1, True) == 1; max(True, 1) is True
        assert_eq!(r(&min_values(vec![f(3.5), i(2)]).unwrap()), "2");
        assert_eq!(r(&min_values(vec![i(1), Value::Bool(true)]).unwrap()), "1");
        assert_eq!(r(&max_values(vec![Value::Bool(true), i(1)]).unwrap()), "True");
        assert_eq!(r(&max_values(vec![i(1), Value::Bool(true)]).unwrap()), "1");
        assert_eq!(r(&min_values(vec![f(f64::NAN), i(1)]).unwrap()), "nan");
        assert_eq!(r(&min_values(vec![i(1), f(f64::NAN)]).unwrap()), "1");
        assert_eq!(min_values(vec![]).unwrap_err().to_string(), "ValueError: min() arg is an empty sequence");
        assert_eq!(max_values(vec![]).unwrap_err().to_string(), "ValueError: max() arg is an empty sequence");
        // min(1, 'a') -> '<' not supported between 'str' and 'int'; max([1, 'a']) -> '>' ...
        assert_eq!(
            min_values(vec![i(1), s("a")]).unwrap_err().to_string(),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(
            max_values(vec![i(1), s("a")]).unwrap_err().to_string(),
            "TypeError: '>' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(min2(2.0, f64::NAN), 2.0);
        assert!(min2(f64::NAN, 2.0).is_nan());
        assert_eq!(max2(Int::from(1), Int::from(3)), Int::from(3));
        assert_eq!(min_iter(vec![Int::from(4), Int::from(2), Int::from(9)]).unwrap(), Int::from(2));
        let words = vec![PyStr::from("bb"), PyStr::from("a"), PyStr::from("cc")];
        assert_eq!(max_by_key(words.clone(), |w| Ok(w.len())).unwrap(), "bb");
        assert_eq!(min_by_key(words.clone(), |w| Ok(w.len())).unwrap(), "a");
        assert_eq!(py_repr(&sorted(words, true).unwrap()).unwrap(), "['cc', 'bb', 'a']");
    }

    #[test]
    fn sums() {
        assert_eq!(r(&sum_values(vec![i(1), f(2.5)], i(0)).unwrap()), "3.5");
        let e = sum_values(vec![s("a")], i(0)).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
        let e = sum_values(vec![], s("")).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: sum() can't sum strings [use ''.join(seq) instead]");
    }

    #[test]
    fn numeric_builtins() {
        assert_eq!(r(&abs_value(i(-5)).unwrap()), "5");
        assert_eq!(r(&abs_value(Value::Bool(true)).unwrap()), "1");
        assert_eq!(r(&abs_value(f(-0.0)).unwrap()), "0.0");
        assert_eq!(abs_value(Value::None).unwrap_err().to_string(), "TypeError: bad operand type for abs(): 'NoneType'");
        assert_eq!(r(&divmod_value(i(7), i(-2)).unwrap()), "(-4, -1)");
        assert_eq!(r(&divmod_value(f(7.5), i(2)).unwrap()), "(3.0, 1.5)");
        assert_eq!(
            divmod_value(s("a"), i(2)).unwrap_err().to_string(),
            "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'"
        );
        assert_eq!(r(&pow_value(i(2), i(3), Some(i(5))).unwrap()), "3");
        assert_eq!(r(&pow_value(i(2), i(-1), None).unwrap()), "0.5");
        assert_eq!(r(&pow_value(i(2), i(3), Some(Value::None)).unwrap()), "8");
        assert_eq!(
            pow_value(f(2.0), i(3), Some(i(5))).unwrap_err().to_string(),
            "TypeError: pow() 3rd argument not allowed unless all arguments are integers"
        );
        assert_eq!(
            pow_value(Value::None, i(2), None).unwrap_err().to_string(),
            "TypeError: unsupported operand type(s) for ** or pow(): 'NoneType' and 'int'"
        );
        assert_eq!(r(&round_value(f(2.5), None).unwrap()), "2");
        assert_eq!(r(&round_value(Value::Bool(true), None).unwrap()), "1");
        assert_eq!(r(&round_value(i(5), Some(Value::None)).unwrap()), "5");
        assert_eq!(
            round_value(s("a"), None).unwrap_err().to_string(),
            "TypeError: type str doesn't define __round__ method"
        );
        assert_eq!(
            round_value(f(1.5), Some(f(1.5))).unwrap_err().to_string(),
            "TypeError: 'float' object cannot be interpreted as an integer"
        );
    }

    #[test]
    fn conversions() {
        assert_eq!(int_value(Value::Bool(true)).unwrap(), Int::from(1));
        assert_eq!(int_value(f(-2.9)).unwrap(), Int::from(-2));
        assert_eq!(int_value(s("  -12  ")).unwrap(), Int::from(-12));
        assert_eq!(
            int_value(Value::None).unwrap_err().to_string(),
            "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
        );
        assert_eq!(
            int_value(s("abc")).unwrap_err().to_string(),
            "ValueError: invalid literal for int() with base 10: 'abc'"
        );
        assert_eq!(
            int_value(f(f64::INFINITY)).unwrap_err().to_string(),
            "OverflowError: cannot convert float infinity to integer"
        );
        assert_eq!(float_value(s(" 1e3 ")).unwrap(), 1000.0);
        assert_eq!(float_value(Value::Bool(true)).unwrap(), 1.0);
        assert_eq!(
            float_value(Value::None).unwrap_err().to_string(),
            "TypeError: float() argument must be a string or a real number, not 'NoneType'"
        );
        assert_eq!(
            float_value(s("x")).unwrap_err().to_string(),
            "ValueError: could not convert string to float: 'x'"
        );
        assert_eq!(str_value(Value::None).unwrap(), "None");
        assert_eq!(str_value(f(1.0)).unwrap(), "1.0");
        assert_eq!(hex_value(i(-255)).unwrap(), "-0xff");
        assert_eq!(oct_value(i(8)).unwrap(), "0o10");
        assert_eq!(bin_value(i(-5)).unwrap(), "-0b101");
        assert_eq!(hex_value(Value::Bool(true)).unwrap(), "0x1");
        assert_eq!(
            bin_value(s("a")).unwrap_err().to_string(),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert!(!bool_value(s("")));
        // format(5, '03d'), format(True, ''), format(2.5, '.2f'), format([1], ''), format(None, 'x')
        assert_eq!(format_value(i(5), "03d").unwrap(), "005");
        assert_eq!(format_value(Value::Bool(true), "").unwrap(), "True");
        assert_eq!(format_value(f(2.5), ".2f").unwrap(), "2.50");
        assert_eq!(format_value(s("ab"), ">4").unwrap(), "  ab");
        assert_eq!(format_value(Value::None, "").unwrap(), "None");
        assert_eq!(
            format_value(Value::None, "x").unwrap_err().to_string(),
            "TypeError: unsupported format string passed to NoneType.__format__"
        );
        assert_eq!(ord(&PyStr::from("é")).unwrap(), Int::from(233));
        assert_eq!(
            ord(&PyStr::from("ab")).unwrap_err().to_string(),
            "TypeError: ord() expected a character, but string of length 2 found"
        );
        assert_eq!(chr(&Int::from(97)).unwrap(), "a");
        assert_eq!(
            chr(&Int::from(0x110000)).unwrap_err().to_string(),
            "ValueError: chr() arg not in range(0x110000)"
        );
        assert!(chr(&Int::from(-1)).is_err());
    }

    #[test]
    fn print_partial_output_on_error() {
        // print(1, 10**5000) raises after writing "1 " (checked through print_with's writer).
        thread_local!(static OUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
        fn capture(s: &str) -> PyResult<()> {
            OUT.with(|o| o.borrow_mut().push_str(s));
            Ok(())
        }
        let big = Int::big(&"9".repeat(5000));
        let one = Int::from(1);
        let e = print_with(&[&one, &big], " ", "\n", capture).unwrap_err();
        assert!(e.is_instance(Exc::ValueError));
        assert_eq!(OUT.with(|o| o.borrow().clone()), "1 ");
        print_with(&[&PyStr::from("a"), &(), &2.5f64], "-", "!\n", capture).unwrap();
        assert_eq!(OUT.with(|o| o.borrow().clone()), "1 a-None-2.5!\n");
    }
}
