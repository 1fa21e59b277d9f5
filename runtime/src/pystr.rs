//! `PyStr`: Python's immutable `str`.
//!
//! Reference counted, so `clone` is O(1) like assigning a str in Python. The text is UTF-8 and
//! the number of code points is computed once at construction: `len` is O(1), and for ASCII
//! strings (the common case) indexing and slicing are O(1) too. Indices everywhere are code
//! point indices as in Python, never byte offsets.
//!
//! Character classes (`isalpha`, `isdigit`, `isspace`, ...) follow CPython 3.11's Unicode 14
//! tables exactly; case mapping (`upper`, `lower`) uses Rust's, whose Unicode version may be newer.

use crate::err::{PyErr, PyResult};
use crate::format::{str_repr, write_str_repr};
use crate::int::Int;
use crate::list::{seq_index, slice_indices, PyList};
use crate::object::PyObject;
use crate::value::Value;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Add;
use std::rc::Rc;

/// Python `str`.
#[derive(Clone)]
pub struct PyStr {
    s: Rc<str>,
    /// Number of code points (== `s.len()` exactly when the string is ASCII).
    nchars: usize,
}

thread_local! {
    /// One shared object per ASCII character (and the empty string), as CPython caches
    /// one-character strings: iterating or indexing an ASCII str then allocates nothing.
    static ASCII: Vec<PyStr> = (0u8..128)
        .map(|b| PyStr { s: Rc::from((b as char).encode_utf8(&mut [0; 4]) as &str), nchars: 1 })
        .collect();
    static EMPTY: PyStr = PyStr { s: Rc::from(""), nchars: 0 };
}

/// Python's `str.isspace` for one character: Unicode White_Space plus the four ASCII
/// information separators `\x1c`..`\x1f` (bidirectional class B/S).
#[inline]
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Line boundaries of `str.splitlines`.
#[inline]
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                Ordering::Less
            } else if lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's per-character predicates (`str.isalpha` etc. of a one-character string).
pub fn is_py_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(ISALPHA, c)
    }
}
pub fn is_py_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(ISDECIMAL, c)
    }
}
pub fn is_py_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(ISDIGIT, c)
    }
}
pub fn is_py_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(ISNUMERIC, c)
    }
}
fn is_py_alnum(c: char) -> bool {
    is_py_alpha(c) || is_py_decimal(c) || is_py_digit(c) || is_py_numeric(c)
}
/// General category Lt (CPython's "titlecase" flag).
fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f
        | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// Unicode's Cased property (CPython's `_PyUnicode_IsCased`).
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

/// Appends the full title-case mapping of `c` (CPython's `_PyUnicode_ToTitleFull`): the upper
/// case mapping except for the characters of [`TITLE_CASE`].
fn push_title(out: &mut String, c: char) {
    match TITLE_CASE.binary_search_by_key(&(c as u32), |&(k, _)| k) {
        Ok(i) => out.push_str(TITLE_CASE[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// Appends the lower case of the character `c` at byte `b` of `s`: a capital sigma becomes a
/// final sigma at the end of a word, as CPython's `lower_ucs4` decides from the context.
fn push_lower_at(out: &mut String, s: &str, b: usize, c: char) {
    if c != 'Σ' {
        out.extend(c.to_lowercase());
        return;
    }
    // Rust's `str::to_lowercase` applies the same Final_Sigma rule; σ and ς have the same
    // UTF-8 length, so the prefix's lower case ends where this character's begins.
    let start = s[..b].to_lowercase().len();
    let whole = s.to_lowercase();
    out.push(whole[start..].chars().next().unwrap_or('σ'));
}

/// The characters whose title case differs from their upper case in CPython 3.11 (Unicode 14),
/// sorted by code point.
const TITLE_CASE: &[(u32, &str)] = &[
    (0xdf, "\u{53}\u{73}"), (0x1c4, "\u{1c5}"), (0x1c5, "\u{1c5}"), (0x1c6, "\u{1c5}"),
    (0x1c7, "\u{1c8}"), (0x1c8, "\u{1c8}"), (0x1c9, "\u{1c8}"), (0x1ca, "\u{1cb}"),
    (0x1cb, "\u{1cb}"), (0x1cc, "\u{1cb}"), (0x1f1, "\u{1f2}"), (0x1f2, "\u{1f2}"),
    (0x1f3, "\u{1f2}"), (0x587, "\u{535}\u{582}"), (0x10d0, "\u{10d0}"), (0x10d1, "\u{10d1}"),
    (0x10d2, "\u{10d2}"), (0x10d3, "\u{10d3}"), (0x10d4, "\u{10d4}"), (0x10d5, "\u{10d5}"),
    (0x10d6, "\u{10d6}"), (0x10d7, "\u{10d7}"), (0x10d8, "\u{10d8}"), (0x10d9, "\u{10d9}"),
    (0x10da, "\u{10da}"), (0x10db, "\u{10db}"), (0x10dc, "\u{10dc}"), (0x10dd, "\u{10dd}"),
    (0x10de, "\u{10de}"), (0x10df, "\u{10df}"), (0x10e0, "\u{10e0}"), (0x10e1, "\u{10e1}"),
    (0x10e2, "\u{10e2}"), (0x10e3, "\u{10e3}"), (0x10e4, "\u{10e4}"), (0x10e5, "\u{10e5}"),
    (0x10e6, "\u{10e6}"), (0x10e7, "\u{10e7}"), (0x10e8, "\u{10e8}"), (0x10e9, "\u{10e9}"),
    (0x10ea, "\u{10ea}"), (0x10eb, "\u{10eb}"), (0x10ec, "\u{10ec}"), (0x10ed, "\u{10ed}"),
    (0x10ee, "\u{10ee}"), (0x10ef, "\u{10ef}"), (0x10f0, "\u{10f0}"), (0x10f1, "\u{10f1}"),
    (0x10f2, "\u{10f2}"), (0x10f3, "\u{10f3}"), (0x10f4, "\u{10f4}"), (0x10f5, "\u{10f5}"),
    (0x10f6, "\u{10f6}"), (0x10f7, "\u{10f7}"), (0x10f8, "\u{10f8}"), (0x10f9, "\u{10f9}"),
    (0x10fa, "\u{10fa}"), (0x10fd, "\u{10fd}"), (0x10fe, "\u{10fe}"), (0x10ff, "\u{10ff}"),
    (0x1f80, "\u{1f88}"), (0x1f81, "\u{1f89}"), (0x1f82, "\u{1f8a}"), (0x1f83, "\u{1f8b}"),
    (0x1f84, "\u{1f8c}"), (0x1f85, "\u{1f8d}"), (0x1f86, "\u{1f8e}"), (0x1f87, "\u{1f8f}"),
    (0x1f88, "\u{1f88}"), (0x1f89, "\u{1f89}"), (0x1f8a, "\u{1f8a}"), (0x1f8b, "\u{1f8b}"),
    (0x1f8c, "\u{1f8c}"), (0x1f8d, "\u{1f8d}"), (0x1f8e, "\u{1f8e}"), (0x1f8f, "\u{1f8f}"),
    (0x1f90, "\u{1f98}"), (0x1f91, "\u{1f99}"), (0x1f92, "\u{1f9a}"), (0x1f93, "\u{1f9b}"),
    (0x1f94, "\u{1f9c}"), (0x1f95, "\u{1f9d}"), (0x1f96, "\u{1f9e}"), (0x1f97, "\u{1f9f}"),
    (0x1f98, "\u{1f98}"), (0x1f99, "\u{1f99}"), (0x1f9a, "\u{1f9a}"), (0x1f9b, "\u{1f9b}"),
    (0x1f9c, "\u{1f9c}"), (0x1f9d, "\u{1f9d}"), (0x1f9e, "\u{1f9e}"), (0x1f9f, "\u{1f9f}"),
    (0x1fa0, "\u{1fa8}"), (0x1fa1, "\u{1fa9}"), (0x1fa2, "\u{1faa}"), (0x1fa3, "\u{1fab}"),
    (0x1fa4, "\u{1fac}"), (0x1fa5, "\u{1fad}"), (0x1fa6, "\u{1fae}"), (0x1fa7, "\u{1faf}"),
    (0x1fa8, "\u{1fa8}"), (0x1fa9, "\u{1fa9}"), (0x1faa, "\u{1faa}"), (0x1fab, "\u{1fab}"),
    (0x1fac, "\u{1fac}"), (0x1fad, "\u{1fad}"), (0x1fae, "\u{1fae}"), (0x1faf, "\u{1faf}"),
    (0x1fb2, "\u{1fba}\u{345}"), (0x1fb3, "\u{1fbc}"), (0x1fb4, "\u{386}\u{345}"),
    (0x1fb7, "\u{391}\u{342}\u{345}"), (0x1fbc, "\u{1fbc}"), (0x1fc2, "\u{1fca}\u{345}"),
    (0x1fc3, "\u{1fcc}"), (0x1fc4, "\u{389}\u{345}"), (0x1fc7, "\u{397}\u{342}\u{345}"),
    (0x1fcc, "\u{1fcc}"), (0x1ff2, "\u{1ffa}\u{345}"), (0x1ff3, "\u{1ffc}"),
    (0x1ff4, "\u{38f}\u{345}"), (0x1ff7, "\u{3a9}\u{342}\u{345}"), (0x1ffc, "\u{1ffc}"),
    (0xfb00, "\u{46}\u{66}"), (0xfb01, "\u{46}\u{69}"), (0xfb02, "\u{46}\u{6c}"),
    (0xfb03, "\u{46}\u{66}\u{69}"), (0xfb04, "\u{46}\u{66}\u{6c}"), (0xfb05, "\u{53}\u{74}"),
    (0xfb06, "\u{53}\u{74}"), (0xfb13, "\u{544}\u{576}"), (0xfb14, "\u{544}\u{565}"),
    (0xfb15, "\u{544}\u{56b}"), (0xfb16, "\u{54e}\u{576}"), (0xfb17, "\u{544}\u{56d}"),
];

impl PyStr {
    /// The empty string (shared).
    pub fn empty() -> PyStr {
        EMPTY.with(|e| e.clone())
    }

    /// A one-character string (shared for ASCII).
    pub fn from_char(c: char) -> PyStr {
        if c.is_ascii() {
            ASCII.with(|t| t[c as usize].clone())
        } else {
            PyStr { s: Rc::from(c.encode_utf8(&mut [0; 4]) as &str), nchars: 1 }
        }
    }

    /// Takes the text of a string already known to have `nchars` code points.
    #[inline]
    fn with_count(s: &str, nchars: usize) -> PyStr {
        match nchars {
            0 => PyStr::empty(),
            1 if s.len() == 1 => PyStr::from_char(s.as_bytes()[0] as char),
            _ => PyStr { s: Rc::from(s), nchars },
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// `len(s)`.
    #[inline]
    pub fn len(&self) -> Int {
        Int::from(self.nchars)
    }

    /// `len(s)` as a machine integer.
    #[inline]
    pub fn len_usize(&self) -> usize {
        self.nchars
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.nchars == 0
    }

    /// `s.isascii()`; also says whether indexing is O(1).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }

    /// Same object (Python `is`).
    #[inline]
    pub fn ptr_eq(&self, other: &PyStr) -> bool {
        Rc::ptr_eq(&self.s, &other.s)
    }

    /// Byte offset of code point `i` (`i <= len`).
    fn byte_at(&self, i: usize) -> usize {
        if self.is_ascii() {
            i
        } else {
            self.s.char_indices().nth(i).map_or(self.s.len(), |(b, _)| b)
        }
    }

    /// Code point index of byte offset `b` (a char boundary).
    fn char_at_byte(&self, b: usize) -> usize {
        if self.is_ascii() {
            b
        } else {
            self.s[..b].chars().count()
        }
    }

    /// `self[i]` for an in-range code point index.
    fn char_str(&self, i: usize) -> PyStr {
        if self.is_ascii() {
            PyStr::from_char(self.s.as_bytes()[i] as char)
        } else {
            self.s.chars().nth(i).map_or_else(PyStr::empty, PyStr::from_char)
        }
    }

    /// Substring between two code point indices (`start <= stop <= len`).
    fn substr(&self, start: usize, stop: usize) -> PyStr {
        if start == 0 && stop == self.nchars {
            return self.clone();
        }
        let (a, b) = if self.is_ascii() { (start, stop) } else { (self.byte_at(start), self.byte_at(stop)) };
        PyStr::with_count(&self.s[a..b], stop - start)
    }

    /// Substring between two byte offsets on char boundaries.
    fn sub_bytes(&self, a: usize, b: usize) -> PyStr {
        if a == 0 && b == self.s.len() {
            return self.clone();
        }
        PyStr::from(&self.s[a..b])
    }

    /// `s + t`.
    pub fn concat(&self, other: &PyStr) -> PyStr {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let mut s = String::with_capacity(self.s.len() + other.s.len());
        s.push_str(&self.s);
        s.push_str(&other.s);
        PyStr { s: Rc::from(s), nchars: self.nchars + other.nchars }
    }

    /// `s * n` (negative `n` gives `''`).
    pub fn repeat(&self, n: &Int) -> PyResult<PyStr> {
        let n = repeat_count(n)?;
        if n == 0 || self.is_empty() {
            return Ok(PyStr::empty());
        }
        if n == 1 {
            return Ok(self.clone());
        }
        let bytes = self
            .s
            .len()
            .checked_mul(n)
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(|| PyErr::overflow("repeated string is too long"))?;
        let mut s = String::new();
        s.try_reserve_exact(bytes).map_err(|_| PyErr::memory_error())?;
        for _ in 0..n {
            s.push_str(&self.s);
        }
        Ok(PyStr { s: Rc::from(s), nchars: self.nchars * n })
    }

    /// `s[i]`, negative indices from the end.
    pub fn getitem(&self, i: &Int) -> PyResult<PyStr> {
        let i = seq_index(i, self.nchars, "string index out of range")?;
        Ok(self.char_str(i))
    }

    /// `s[i]` for a machine-integer index (what inferred loops use).
    #[inline]
    pub fn getitem_i64(&self, i: i64) -> PyResult<PyStr> {
        let n = self.nchars as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyErr::index_error("string index out of range"));
        }
        Ok(self.char_str(j as usize))
    }

    /// `s[start:stop:step]`.
    pub fn slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<PyStr> {
        let sl = slice_indices(self.nchars, start, stop, step)?;
        if sl.step == 1 {
            return Ok(self.substr(sl.start as usize, (sl.start as usize) + sl.len));
        }
        let mut out = String::new();
        if self.is_ascii() {
            let b = self.s.as_bytes();
            out.extend(sl.iter().map(|i| b[i] as char));
        } else {
            let chars: Vec<char> = self.s.chars().collect();
            out.extend(sl.iter().map(|i| chars[i]));
        }
        Ok(PyStr::with_count(&out, sl.len))
    }

    /// `sub in s`.
    #[inline]
    pub fn contains(&self, sub: &PyStr) -> bool {
        self.s.contains(&*sub.s)
    }

    /// Iterates the characters as one-character strings (`for c in s`).
    pub fn iter(&self) -> PyStrIter {
        PyStrIter { s: self.clone(), byte: 0 }
    }

    /// `s.upper()`.
    pub fn upper(&self) -> PyStr {
        if self.is_ascii() {
            PyStr::with_count(&self.s.to_ascii_uppercase(), self.nchars)
        } else {
            PyStr::from(self.s.to_uppercase())
        }
    }

    /// `s.lower()`.
    pub fn lower(&self) -> PyStr {
        if self.is_ascii() {
            PyStr::with_count(&self.s.to_ascii_lowercase(), self.nchars)
        } else {
            PyStr::from(self.s.to_lowercase())
        }
    }

    /// `s.swapcase()`.
    pub fn swapcase(&self) -> PyStr {
        let mut out = String::with_capacity(self.s.len());
        for (b, c) in self.s.char_indices() {
            if c.is_uppercase() {
                push_lower_at(&mut out, &self.s, b, c);
            } else if c.is_lowercase() {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
        PyStr::from(out)
    }

    /// `s.strip()` (`chars = None`: whitespace) or `s.strip(chars)`.
    pub fn strip(&self, chars: Option<&PyStr>) -> PyStr {
        self.strip_impl(chars, true, true)
    }
    /// `s.lstrip(chars)`.
    pub fn lstrip(&self, chars: Option<&PyStr>) -> PyStr {
        self.strip_impl(chars, true, false)
    }
    /// `s.rstrip(chars)`.
    pub fn rstrip(&self, chars: Option<&PyStr>) -> PyStr {
        self.strip_impl(chars, false, true)
    }

    fn strip_impl(&self, chars: Option<&PyStr>, left: bool, right: bool) -> PyStr {
        let pred = |c: char| match chars {
            None => is_py_space(c),
            Some(set) => set.s.contains(c),
        };
        let mut t: &str = &self.s;
        if left {
            t = t.trim_start_matches(pred);
        }
        if right {
            t = t.trim_end_matches(pred);
        }
        if t.len() == self.s.len() {
            return self.clone();
        }
        PyStr::from(t)
    }

    /// `s.split()` (`sep = None`: runs of whitespace) or `s.split(sep)`.
    pub fn split(&self, sep: Option<&PyStr>) -> PyResult<PyList<PyStr>> {
        self.split_max(sep, -1)
    }

    /// `s.split(sep, maxsplit)` (a negative `maxsplit` means no limit).
    pub fn split_max(&self, sep: Option<&PyStr>, maxsplit: i64) -> PyResult<PyList<PyStr>> {
        let mut max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let s: &str = &self.s;
        let mut out = Vec::new();
        match sep {
            None => {
                let mut i = 0;
                while max > 0 {
                    max -= 1;
                    i += s[i..].find(|c| !is_py_space(c)).unwrap_or(s.len() - i);
                    if i == s.len() {
                        break;
                    }
                    let j = i;
                    i += s[i..].find(is_py_space).unwrap_or(s.len() - i);
                    out.push(self.sub_bytes(j, i));
                }
                if i < s.len() {
                    i += s[i..].find(|c| !is_py_space(c)).unwrap_or(s.len() - i);
                    if i < s.len() {
                        out.push(self.sub_bytes(i, s.len()));
                    }
                }
            }
            Some(sep) => {
                if sep.is_empty() {
                    return Err(PyErr::value_error("empty separator"));
                }
                let mut i = 0;
                while max > 0 {
                    max -= 1;
                    match s[i..].find(&*sep.s) {
                        Some(pos) => {
                            out.push(self.sub_bytes(i, i + pos));
                            i += pos + sep.s.len();
                        }
                        None => break,
                    }
                }
                out.push(self.sub_bytes(i, s.len()));
            }
        }
        Ok(PyList::from_vec(out))
    }

    /// `s.rsplit(sep, maxsplit)`.
    pub fn rsplit(&self, sep: Option<&PyStr>, maxsplit: i64) -> PyResult<PyList<PyStr>> {
        let mut max = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
        let s: &str = &self.s;
        let mut out = Vec::new();
        match sep {
            None => {
                // `end` is the byte offset one past the part of `s` still to split.
                let mut end = s.len();
                while max > 0 {
                    max -= 1;
                    end = s[..end].rfind(|c| !is_py_space(c)).map_or(0, |b| b + char_len(s, b));
                    if end == 0 {
                        break;
                    }
                    let j = end;
                    end = s[..end].rfind(is_py_space).map_or(0, |b| b + char_len(s, b));
                    out.push(self.sub_bytes(end, j));
                }
                if end > 0 {
                    end = s[..end].rfind(|c| !is_py_space(c)).map_or(0, |b| b + char_len(s, b));
                    if end > 0 {
                        out.push(self.sub_bytes(0, end));
                    }
                }
            }
            Some(sep) => {
                if sep.is_empty() {
                    return Err(PyErr::value_error("empty separator"));
                }
                let mut j = s.len();
                while max > 0 {
                    max -= 1;
                    match s[..j].rfind(&*sep.s) {
                        Some(pos) => {
                            out.push(self.sub_bytes(pos + sep.s.len(), j));
                            j = pos;
                        }
                        None => break,
                    }
                }
                out.push(self.sub_bytes(0, j));
            }
        }
        out.reverse();
        Ok(PyList::from_vec(out))
    }

    /// `s.splitlines(keepends)`.
    /// `s.splitlines()`.
    pub fn splitlines_plain(&self) -> PyList<PyStr> {
        self.splitlines(false)
    }

    pub fn splitlines(&self, keepends: bool) -> PyList<PyStr> {
        let s: &str = &self.s;
        let mut out = Vec::new();
        let mut start = 0;
        let mut it = s.char_indices().peekable();
        while let Some((b, c)) = it.next() {
            if is_line_break(c) {
                let mut end = b + c.len_utf8();
                if c == '\r' && it.peek().is_some_and(|&(_, n)| n == '\n') {
                    it.next();
                    end += 1;
                }
                out.push(self.sub_bytes(start, if keepends { end } else { b }));
                start = end;
            }
        }
        if start < s.len() {
            out.push(self.sub_bytes(start, s.len()));
        }
        PyList::from_vec(out)
    }

    /// `s.join(items)` for items statically known to be strings.
    pub fn join<I>(&self, items: I) -> PyStr
    where
        I: IntoIterator,
        I::Item: Borrow<PyStr>,
    {
        let mut out = String::new();
        let mut n = 0;
        for (i, item) in items.into_iter().enumerate() {
            let item = item.borrow();
            if i > 0 {
                out.push_str(&self.s);
                n += self.nchars;
            }
            out.push_str(&item.s);
            n += item.nchars;
        }
        PyStr::with_count(&out, n)
    }

    /// `s.join(items)` for dynamically typed items: `TypeError` on a non-str.
    pub fn join_values<I: IntoIterator<Item = Value>>(&self, items: I) -> PyResult<PyStr> {
        let mut strs = Vec::new();
        for (i, v) in items.into_iter().enumerate() {
            match v {
                Value::Str(s) => strs.push(s),
                other => {
                    return Err(PyErr::type_error(format!(
                        "sequence item {i}: expected str instance, {} found",
                        other.type_name()
                    )))
                }
            }
        }
        Ok(self.join(strs))
    }

    /// `s.startswith(prefix)`.
    #[inline]
    pub fn startswith(&self, prefix: &PyStr) -> bool {
        self.s.starts_with(&*prefix.s)
    }

    /// `s.endswith(suffix)`.
    #[inline]
    pub fn endswith(&self, suffix: &PyStr) -> bool {
        self.s.ends_with(&*suffix.s)
    }

    /// `s.replace(old, new)`.
    pub fn replace(&self, old: &PyStr, new: &PyStr) -> PyStr {
        self.replace_count(old, new, -1)
    }

    /// `s.replace(old, new, count)` (negative `count`: all).
    pub fn replace_count(&self, old: &PyStr, new: &PyStr, count: i64) -> PyStr {
        if count == 0 || (!old.is_empty() && !self.s.contains(&*old.s)) {
            return self.clone();
        }
        let r = if count < 0 {
            self.s.replace(&*old.s, &new.s)
        } else {
            self.s.replacen(&*old.s, &new.s, usize::try_from(count).unwrap_or(usize::MAX))
        };
        PyStr::from(r)
    }

    /// `s.find(sub)`: code point index or -1.
    pub fn find(&self, sub: &PyStr) -> Int {
        match self.s.find(&*sub.s) {
            Some(b) => Int::from(self.char_at_byte(b)),
            None => Int::from(-1),
        }
    }

    /// `s.rfind(sub)`.
    pub fn rfind(&self, sub: &PyStr) -> Int {
        match self.s.rfind(&*sub.s) {
            Some(b) => Int::from(self.char_at_byte(b)),
            None => Int::from(-1),
        }
    }

    /// `s.index(sub)`: like `find` but raises `ValueError`.
    pub fn index(&self, sub: &PyStr) -> PyResult<Int> {
        match self.s.find(&*sub.s) {
            Some(b) => Ok(Int::from(self.char_at_byte(b))),
            None => Err(PyErr::value_error("substring not found")),
        }
    }

    /// `s.rindex(sub)`.
    pub fn rindex(&self, sub: &PyStr) -> PyResult<Int> {
        match self.s.rfind(&*sub.s) {
            Some(b) => Ok(Int::from(self.char_at_byte(b))),
            None => Err(PyErr::value_error("substring not found")),
        }
    }

    /// `s.count(sub)`: non-overlapping occurrences (`len(s) + 1` for `''`).
    pub fn count(&self, sub: &PyStr) -> Int {
        if sub.is_empty() {
            return Int::from(self.nchars + 1);
        }
        Int::from(self.s.matches(&*sub.s).count())
    }

    /// The code point bounds `s[start:end]` searches in (CPython's `ADJUST_INDICES`): `end`
    /// clamped to the length, negative bounds counted from the end; `start` may exceed `end`.
    fn search_bounds(&self, start: Option<&Int>, end: Option<&Int>) -> (i64, i64) {
        let len = self.nchars as i64;
        let end = match end.map(crate::vars::saturating_i64) {
            None => len,
            Some(e) if e > len => len,
            Some(e) if e < 0 => (e.saturating_add(len)).max(0),
            Some(e) => e,
        };
        let start = match start.map(crate::vars::saturating_i64) {
            None => 0,
            Some(s) if s < 0 => (s.saturating_add(len)).max(0),
            Some(s) => s,
        };
        (start, end)
    }

    /// The part of `s` between search bounds where `sub` fits, or `None` when it cannot.
    fn search_window(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> Option<(usize, PyStr)> {
        let (start, end) = self.search_bounds(start, end);
        if end - start < sub.nchars as i64 {
            return None;
        }
        Some((start as usize, self.substr(start as usize, end as usize)))
    }

    /// `s.find(sub, start, end)`.
    pub fn find_range(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> Int {
        match self.search_window(sub, start, end) {
            Some((offset, w)) => match w.s.find(&*sub.s) {
                Some(b) => Int::from(offset + w.char_at_byte(b)),
                None => Int::from(-1),
            },
            None => Int::from(-1),
        }
    }

    /// `s.rfind(sub, start, end)`.
    pub fn rfind_range(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> Int {
        match self.search_window(sub, start, end) {
            Some((offset, w)) => match w.s.rfind(&*sub.s) {
                Some(b) => Int::from(offset + w.char_at_byte(b)),
                None => Int::from(-1),
            },
            None => Int::from(-1),
        }
    }

    /// `s.index(sub, start, end)`.
    pub fn index_range(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> PyResult<Int> {
        let i = self.find_range(sub, start, end);
        if i.is_negative() {
            return Err(PyErr::value_error("substring not found"));
        }
        Ok(i)
    }

    /// `s.rindex(sub, start, end)`.
    pub fn rindex_range(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> PyResult<Int> {
        let i = self.rfind_range(sub, start, end);
        if i.is_negative() {
            return Err(PyErr::value_error("substring not found"));
        }
        Ok(i)
    }

    /// `s.count(sub, start, end)`.
    pub fn count_range(&self, sub: &PyStr, start: Option<&Int>, end: Option<&Int>) -> Int {
        match self.search_window(sub, start, end) {
            Some((_, w)) => w.count(sub),
            None => Int::from(0),
        }
    }

    /// `s.startswith(prefix, start, end)`.
    pub fn startswith_range(&self, prefix: &PyStr, start: Option<&Int>, end: Option<&Int>) -> bool {
        self.search_window(prefix, start, end).is_some_and(|(_, w)| w.s.starts_with(&*prefix.s))
    }

    /// `s.endswith(suffix, start, end)`.
    pub fn endswith_range(&self, suffix: &PyStr, start: Option<&Int>, end: Option<&Int>) -> bool {
        self.search_window(suffix, start, end).is_some_and(|(_, w)| w.s.ends_with(&*suffix.s))
    }

    /// `s.removeprefix(prefix)`.
    pub fn removeprefix(&self, prefix: &PyStr) -> PyStr {
        match self.s.strip_prefix(&*prefix.s) {
            Some(rest) if !prefix.is_empty() => PyStr::with_count(rest, self.nchars - prefix.nchars),
            _ => self.clone(),
        }
    }

    /// `s.removesuffix(suffix)`.
    pub fn removesuffix(&self, suffix: &PyStr) -> PyStr {
        match self.s.strip_suffix(&*suffix.s) {
            Some(rest) if !suffix.is_empty() => PyStr::with_count(rest, self.nchars - suffix.nchars),
            _ => self.clone(),
        }
    }

    /// `s.istitle()`: cased characters, upper/title case only after uncased ones and lower
    /// case only after cased ones.
    pub fn istitle(&self) -> bool {
        let mut cased = false;
        let mut prev_cased = false;
        for c in self.s.chars() {
            if c.is_uppercase() || is_titlecase(c) {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        cased
    }

    /// `s.isprintable()` (true for the empty string).
    pub fn isprintable(&self) -> bool {
        self.s.chars().all(crate::format::is_printable)
    }

    /// `s.expandtabs(tabsize)`: tabs to spaces up to the next multiple of `tabsize` columns,
    /// the column restarting after `\n` and `\r`.
    pub fn expandtabs(&self, tabsize: Option<&Int>) -> PyResult<PyStr> {
        let size = match tabsize {
            None => 8,
            Some(t) => t
                .to_i64()
                .filter(|v| i32::try_from(*v).is_ok())
                .ok_or_else(|| PyErr::overflow("Python int too large to convert to C int"))?,
        };
        if !self.s.contains('\t') {
            return Ok(self.clone());
        }
        let mut out = String::with_capacity(self.s.len());
        let mut col: i64 = 0;
        for c in self.s.chars() {
            match c {
                '\t' => {
                    if size > 0 {
                        let n = size - col % size;
                        out.extend(std::iter::repeat_n(' ', n as usize));
                        col += n;
                    }
                }
                '\n' | '\r' => {
                    out.push(c);
                    col = 0;
                }
                _ => {
                    out.push(c);
                    col += 1;
                }
            }
        }
        Ok(PyStr::from(out))
    }

    fn all_nonempty(&self, f: impl Fn(char) -> bool) -> bool {
        !self.is_empty() && self.s.chars().all(f)
    }

    pub fn isdigit(&self) -> bool {
        self.all_nonempty(is_py_digit)
    }
    pub fn isdecimal(&self) -> bool {
        self.all_nonempty(is_py_decimal)
    }
    pub fn isnumeric(&self) -> bool {
        self.all_nonempty(is_py_numeric)
    }
    pub fn isalpha(&self) -> bool {
        self.all_nonempty(is_py_alpha)
    }
    pub fn isalnum(&self) -> bool {
        self.all_nonempty(is_py_alnum)
    }
    pub fn isspace(&self) -> bool {
        self.all_nonempty(is_py_space)
    }
    pub fn isascii(&self) -> bool {
        self.is_ascii()
    }

    /// `s.isupper()`: has a cased character and none lowercase or titlecase.
    pub fn isupper(&self) -> bool {
        let mut cased = false;
        for c in self.s.chars() {
            if c.is_lowercase() || is_titlecase(c) {
                return false;
            }
            cased |= c.is_uppercase();
        }
        cased
    }

    /// `s.islower()`: has a cased character and none uppercase or titlecase.
    pub fn islower(&self) -> bool {
        let mut cased = false;
        for c in self.s.chars() {
            if c.is_uppercase() || is_titlecase(c) {
                return false;
            }
            cased |= c.is_lowercase();
        }
        cased
    }

    /// Padding helper for `ljust`/`rjust`/`center`: (width, fill char).
    fn pad_args(&self, width: &Int, fill: Option<&PyStr>) -> PyResult<(usize, char)> {
        let fill = match fill {
            None => ' ',
            Some(f) => {
                let mut it = f.s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => c,
                    _ => {
                        return Err(PyErr::type_error(
                            "The fill character must be exactly one character long",
                        ))
                    }
                }
            }
        };
        let width = match width.to_i64() {
            Some(w) => w.max(0) as usize,
            None if *width < Int::from(0) => 0,
            None => return Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
        };
        Ok((width, fill))
    }

    fn padded(&self, left: usize, right: usize, fill: char) -> PyResult<PyStr> {
        let mut out = String::new();
        out.try_reserve(self.s.len() + (left + right) * fill.len_utf8())
            .map_err(|_| PyErr::memory_error())?;
        out.extend(std::iter::repeat_n(fill, left));
        out.push_str(&self.s);
        out.extend(std::iter::repeat_n(fill, right));
        Ok(PyStr::with_count(&out, self.nchars + left + right))
    }

    /// `s.ljust(width, fill)`.
    pub fn ljust(&self, width: &Int, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let (w, f) = self.pad_args(width, fill)?;
        if w <= self.nchars {
            return Ok(self.clone());
        }
        self.padded(0, w - self.nchars, f)
    }

    /// `s.rjust(width, fill)`.
    pub fn rjust(&self, width: &Int, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let (w, f) = self.pad_args(width, fill)?;
        if w <= self.nchars {
            return Ok(self.clone());
        }
        self.padded(w - self.nchars, 0, f)
    }

    /// `s.center(width, fill)`, with CPython's choice of side for the odd padding character.
    pub fn center(&self, width: &Int, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let (w, f) = self.pad_args(width, fill)?;
        if w <= self.nchars {
            return Ok(self.clone());
        }
        let marg = w - self.nchars;
        let left = marg / 2 + (marg & w & 1);
        self.padded(left, marg - left, f)
    }

    /// `s.zfill(width)`: zeros after a leading sign.
    pub fn zfill(&self, width: &Int) -> PyResult<PyStr> {
        let (w, _) = self.pad_args(width, None)?;
        if w <= self.nchars {
            return Ok(self.clone());
        }
        let fill = w - self.nchars;
        let mut out = String::with_capacity(self.s.len() + fill);
        let rest = match self.s.as_bytes().first() {
            Some(b'+') | Some(b'-') => {
                out.push_str(&self.s[..1]);
                &self.s[1..]
            }
            _ => &self.s[..],
        };
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(rest);
        Ok(PyStr::with_count(&out, w))
    }

    /// `s.capitalize()`: the first character in title case, the rest in lower case.
    pub fn capitalize(&self) -> PyStr {
        let s: &str = &self.s;
        let mut out = String::with_capacity(s.len());
        for (b, c) in s.char_indices() {
            if b == 0 {
                push_title(&mut out, c);
            } else {
                push_lower_at(&mut out, s, b, c);
            }
        }
        PyStr::from(out)
    }

    /// `s.title()`: title case after an uncased character, lower case after a cased one.
    pub fn title(&self) -> PyStr {
        let s: &str = &self.s;
        let mut out = String::with_capacity(s.len());
        let mut prev_cased = false;
        for (b, c) in s.char_indices() {
            if prev_cased {
                push_lower_at(&mut out, s, b, c);
            } else {
                push_title(&mut out, c);
            }
            prev_cased = is_cased(c);
        }
        PyStr::from(out)
    }

    /// `s.partition(sep)`.
    pub fn partition(&self, sep: &PyStr) -> PyResult<(PyStr, PyStr, PyStr)> {
        if sep.is_empty() {
            return Err(PyErr::value_error("empty separator"));
        }
        Ok(match self.s.find(&*sep.s) {
            Some(b) => (self.sub_bytes(0, b), sep.clone(), self.sub_bytes(b + sep.s.len(), self.s.len())),
            None => (self.clone(), PyStr::empty(), PyStr::empty()),
        })
    }

    /// `s.rpartition(sep)`.
    pub fn rpartition(&self, sep: &PyStr) -> PyResult<(PyStr, PyStr, PyStr)> {
        if sep.is_empty() {
            return Err(PyErr::value_error("empty separator"));
        }
        Ok(match self.s.rfind(&*sep.s) {
            Some(b) => (self.sub_bytes(0, b), sep.clone(), self.sub_bytes(b + sep.s.len(), self.s.len())),
            None => (PyStr::empty(), PyStr::empty(), self.clone()),
        })
    }

    /// `s.split(sep, maxsplit)` with Python's int argument.
    pub fn split_n(&self, sep: Option<&PyStr>, maxsplit: &Int) -> PyResult<PyList<PyStr>> {
        self.split_max(sep, ssize_arg(maxsplit)?)
    }

    /// `s.rsplit(sep, maxsplit)` with Python's int argument.
    pub fn rsplit_n(&self, sep: Option<&PyStr>, maxsplit: &Int) -> PyResult<PyList<PyStr>> {
        self.rsplit(sep, ssize_arg(maxsplit)?)
    }

    /// `s.replace(old, new, count)` with Python's int argument.
    pub fn replace_n(&self, old: &PyStr, new: &PyStr, count: &Int) -> PyResult<PyStr> {
        Ok(self.replace_count(old, new, ssize_arg(count)?))
    }

    /// `s.rsplit()` / `s.rsplit(sep)` (no limit).
    pub fn rsplit_all(&self, sep: Option<&PyStr>) -> PyResult<PyList<PyStr>> {
        self.rsplit(sep, -1)
    }
}

// ---------------------------------------------------------------------------------------------
// printf-style formatting: `fmt % args`

/// Where the arguments of `fmt % args` come from.
struct PercentArgs<'a> {
    items: &'a [Value],
    next: usize,
    /// `args` was not a tuple but a mapping-like object (a list): CPython then never complains
    /// that arguments were left unconverted.
    lenient: bool,
}

impl PercentArgs<'_> {
    fn take(&mut self) -> PyResult<&Value> {
        let v = self
            .items
            .get(self.next)
            .ok_or_else(|| PyErr::type_error("not enough arguments for format string"))?;
        self.next += 1;
        Ok(v)
    }
}

#[derive(Default)]
struct PercentSpec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

impl PyStr {
    /// `self % args` (printf-style formatting) with CPython's conversions and errors. A tuple
    /// supplies the arguments in order; any other value is the single argument.
    pub fn percent_format(&self, args: &Value) -> PyResult<PyStr> {
        let single = std::slice::from_ref(args);
        // `%(key)s` takes its value from a mapping argument (a dict).
        let mapping = matches!(args, Value::Obj(o) if matches!(o.type_name(), "dict" | "defaultdict" | "Counter" | "OrderedDict") || o.builtin_base().is_some_and(|b| b.type_name() == "dict"));
        let mut a = match args {
            Value::Tuple(t) => PercentArgs { items: t, next: 0, lenient: false },
            Value::Obj(o) => PercentArgs { items: single, next: 0, lenient: mapping || o.seq_len().is_some() },
            _ => PercentArgs { items: single, next: 0, lenient: false },
        };
        let chars: Vec<char> = self.s.chars().collect();
        let mut out = String::with_capacity(self.s.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            let incomplete = || PyErr::value_error("incomplete format");
            let mut keyed = None;
            if chars.get(i) == Some(&'(') {
                if !mapping {
                    return Err(PyErr::type_error("format requires a mapping"));
                }
                // The key runs to the matching `)` (it may contain parentheses).
                let (start, mut depth) = (i + 1, 1);
                i += 1;
                while i < chars.len() {
                    match chars[i] {
                        '(' => depth += 1,
                        ')' if depth == 1 => break,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(PyErr::value_error("incomplete format key"));
                }
                let key: String = chars[start..i].iter().collect();
                i += 1;
                keyed = Some(args.getitem(&Value::Str(PyStr::from(key)))?);
            }
            let mut spec = PercentSpec::default();
            while let Some(&f) = chars.get(i) {
                match f {
                    '-' => spec.left = true,
                    '+' => spec.plus = true,
                    ' ' => spec.space = true,
                    '#' => spec.alt = true,
                    '0' => spec.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if chars.get(i) == Some(&'*') {
                i += 1;
                let w = star_arg(a.take()?)?;
                if w < 0 {
                    spec.left = true;
                }
                spec.width = usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX);
            } else {
                spec.width = parse_digits(&chars, &mut i)?;
            }
            if chars.get(i) == Some(&'.') {
                i += 1;
                if chars.get(i) == Some(&'*') {
                    i += 1;
                    let p = star_arg(a.take()?)?;
                    spec.precision = Some(usize::try_from(p.max(0)).unwrap_or(usize::MAX));
                } else {
                    spec.precision = Some(parse_digits(&chars, &mut i)?);
                }
            }
            while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let conv = *chars.get(i).ok_or_else(incomplete)?;
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let arg = match &keyed {
                Some(v) => v,
                None => a.take()?,
            };
            match conv {
                's' | 'r' | 'a' => {
                    let mut text = String::new();
                    match conv {
                        's' => arg.write_str(&mut text)?,
                        'r' => arg.write_repr(&mut text)?,
                        _ => {
                            let mut r = String::new();
                            arg.write_repr(&mut r)?;
                            text = ascii_escape(&r);
                        }
                    }
                    if let Some(p) = spec.precision {
                        if let Some((b, _)) = text.char_indices().nth(p) {
                            text.truncate(b);
                        }
                    }
                    pad_text(&mut out, &text, &spec);
                }
                'c' => {
                    let ch = match arg {
                        Value::Str(s) if s.len_usize() == 1 => s.as_str().chars().next(),
                        Value::Int(_) | Value::Bool(_) => {
                            let code = arg.as_int().and_then(|n| n.to_i64()).filter(|n| (0..0x110000).contains(n));
                            match code {
                                Some(n) => char::from_u32(n as u32),
                                None => return Err(PyErr::overflow("%c arg not in range(0x110000)")),
                            }
                        }
                        _ => None,
                    };
                    let ch = ch.ok_or_else(|| PyErr::type_error("%c requires int or char"))?;
                    pad_text(&mut out, ch.encode_utf8(&mut [0; 4]), &spec);
                }
                'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                    let n = match (arg, conv) {
                        (Value::Int(n), _) => n.clone(),
                        (Value::Bool(b), _) => Int::from(*b),
                        (Value::Float(f), 'd' | 'i' | 'u') => Int::from_f64(*f)?,
                        (_, 'd' | 'i' | 'u') => {
                            return Err(PyErr::type_error(format!(
                                "%{conv} format: a real number is required, not {}",
                                arg.type_name()
                            )))
                        }
                        _ => {
                            return Err(PyErr::type_error(format!(
                                "%{conv} format: an integer is required, not {}",
                                arg.type_name()
                            )))
                        }
                    };
                    format_percent_int(&mut out, &n, conv, &spec)?;
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    let x = match arg {
                        Value::Float(f) => *f,
                        Value::Int(n) => n.to_f64()?,
                        Value::Bool(b) => f64::from(u8::from(*b)),
                        _ => return Err(PyErr::type_error(format!("must be real number, not {}", arg.type_name()))),
                    };
                    let mut fs = String::new();
                    if spec.left {
                        fs.push('<');
                    }
                    if spec.plus {
                        fs.push('+');
                    } else if spec.space {
                        fs.push(' ');
                    }
                    if spec.alt {
                        fs.push('#');
                    }
                    if spec.zero && !spec.left {
                        fs.push('0');
                    }
                    if spec.width > 0 {
                        fs.push_str(&spec.width.to_string());
                    }
                    if let Some(p) = spec.precision {
                        fs.push('.');
                        fs.push_str(&p.to_string());
                    }
                    fs.push(conv);
                    out.push_str(&crate::format::format_float(x, &fs)?);
                }
                other => {
                    return Err(PyErr::value_error(format!(
                        "unsupported format character '{}' (0x{:x}) at index {}",
                        other,
                        other as u32,
                        i - 1
                    )))
                }
            }
        }
        if a.next < a.items.len() && !a.lenient {
            return Err(PyErr::type_error("not all arguments converted during string formatting"));
        }
        Ok(PyStr::from(out))
    }
}

// ---------------------------------------------------------------------------------------------
// `fmt.format(*args, **kwargs)`

/// How `str.format` numbers its fields: not yet decided, `{}` (automatic: the next index), or
/// `{0}` (manual). One call never mixes the two.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unset,
    Auto(usize),
    Manual,
}

struct FormatArgs<'a> {
    args: &'a [Value],
    kwargs: &'a [(&'a str, Value)],
    numbering: Numbering,
}

impl PyStr {
    /// `self.format(*args, **kwargs)` with CPython's field syntax (`{}`, `{0}`, `{name}`,
    /// `{0[key]}`, `!r`/`!s`/`!a`, format specs with nested fields) and its errors.
    pub fn format_method(&self, args: &[Value], kwargs: &[(&str, Value)]) -> PyResult<PyStr> {
        let chars: Vec<char> = self.s.chars().collect();
        let mut st = FormatArgs { args, kwargs, numbering: Numbering::Unset };
        let mut out = String::with_capacity(self.s.len());
        format_markup(&chars, &mut st, 2, &mut out)?;
        Ok(PyStr::from(out))
    }
}

/// Expands the literal text and replacement fields of `s` (CPython's `build_string`);
/// `depth` limits the nesting of fields inside format specs.
fn format_markup(s: &[char], st: &mut FormatArgs, depth: u32, out: &mut String) -> PyResult<()> {
    if depth == 0 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s[i];
        i += 1;
        if c != '{' && c != '}' {
            out.push(c);
            continue;
        }
        if c == '}' {
            if i >= n || s[i] != '}' {
                return Err(PyErr::value_error("Single '}' encountered in format string"));
            }
            i += 1;
            out.push('}');
            continue;
        }
        if i >= n {
            return Err(PyErr::value_error("Single '{' encountered in format string"));
        }
        if s[i] == '{' {
            i += 1;
            out.push('{');
            continue;
        }
        let (name, conversion, spec) = parse_field(s, &mut i)?;
        format_field(name, conversion, spec, st, depth, out)?;
    }
    Ok(())
}

/// The field starting at `s[*i]` (after its `{`), up to and past its closing `}`:
/// `name[!conversion][:spec]` (CPython 3.11's `parse_field`).
fn parse_field<'s>(s: &'s [char], i: &mut usize) -> PyResult<(&'s [char], Option<char>, &'s [char])> {
    let n = s.len();
    let start = *i;
    let mut c = '\0';
    while *i < n {
        c = s[*i];
        *i += 1;
        match c {
            '{' => return Err(PyErr::value_error("unexpected '{' in field name")),
            '[' => {
                while *i < n && s[*i] != ']' {
                    *i += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    if c != '!' && c != ':' {
        if c != '}' {
            return Err(PyErr::value_error("expected '}' before end of string"));
        }
        return Ok((&s[start..*i - 1], None, &s[..0]));
    }
    let name = &s[start..*i - 1];
    let mut conversion = None;
    if c == '!' {
        if *i >= n {
            return Err(PyErr::value_error("end of string while looking for conversion specifier"));
        }
        conversion = Some(s[*i]);
        *i += 1;
        if *i < n {
            let c = s[*i];
            *i += 1;
            if c == '}' {
                return Ok((name, conversion, &s[..0]));
            }
            if c != ':' {
                return Err(PyErr::value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *i;
    let mut count = 1;
    while *i < n {
        let c = s[*i];
        *i += 1;
        if c == '{' {
            count += 1;
        } else if c == '}' {
            count -= 1;
            if count == 0 {
                return Ok((name, conversion, &s[spec_start..*i - 1]));
            }
        }
    }
    Err(PyErr::value_error("unmatched '{' in format spec"))
}

/// Formats one field's object with its conversion and (expanded) spec.
fn format_field(name: &[char], conversion: Option<char>, spec: &[char], st: &mut FormatArgs, depth: u32, out: &mut String) -> PyResult<()> {
    let mut obj = field_object(name, st)?;
    if let Some(c) = conversion {
        obj = Value::Str(match c {
            'r' => crate::object::py_repr(&obj)?,
            's' => crate::object::py_str(&obj)?,
            'a' => PyStr::from(ascii_escape(crate::object::py_repr(&obj)?.as_str())),
            c if (c as u32) > 32 && (c as u32) < 127 => {
                return Err(PyErr::value_error(format!("Unknown conversion specifier {c}")))
            }
            c => return Err(PyErr::value_error(format!("Unknown conversion specifier \\x{:x}", c as u32))),
        });
    }
    let spec: String = if spec.contains(&'{') {
        let mut expanded = String::new();
        format_markup(spec, st, depth - 1, &mut expanded)?;
        expanded
    } else {
        spec.iter().collect()
    };
    let text = crate::builtins::format_value(obj, &spec)?;
    out.push_str(text.as_str());
    Ok(())
}

/// A field name's digits as an index (CPython's `get_integer`): `None` unless every character
/// is a decimal digit.
fn field_index(s: &[char]) -> PyResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut n: usize = 0;
    for &c in s {
        let Some(d) = crate::format::decimal_value(c) else { return Ok(None) };
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(n))
}

/// The object a field name selects: an argument, then `.attr` and `[key]` lookups.
fn field_object(name: &[char], st: &mut FormatArgs) -> PyResult<Value> {
    let first_len = name.iter().position(|&c| c == '.' || c == '[').unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_len);
    let index = field_index(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        if st.numbering == Numbering::Unset {
            st.numbering = if empty { Numbering::Auto(0) } else { Numbering::Manual };
        }
        match (st.numbering, empty) {
            (Numbering::Manual, true) => {
                return Err(PyErr::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ))
            }
            (Numbering::Auto(_), false) => {
                return Err(PyErr::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ))
            }
            _ => {}
        }
    }
    let mut obj = match (index, st.numbering) {
        (None, Numbering::Auto(next)) if empty => {
            st.numbering = Numbering::Auto(next + 1);
            positional(st, next)?
        }
        (Some(i), _) => positional(st, i)?,
        _ => {
            let key: String = first.iter().collect();
            match st.kwargs.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => v.clone(),
                None => return Err(PyErr::key_error(Value::Str(PyStr::from(key)))),
            }
        }
    };
    while let Some((&c, tail)) = rest.split_first() {
        let (part, next) = match c {
            '.' => {
                let len = tail.iter().position(|&c| c == '.' || c == '[').unwrap_or(tail.len());
                (&tail[..len], &tail[len..])
            }
            '[' => {
                let len = tail
                    .iter()
                    .position(|&c| c == ']')
                    .ok_or_else(|| PyErr::value_error("Missing ']' in format string"))?;
                (&tail[..len], &tail[len + 1..])
            }
            _ => {
                return Err(PyErr::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ))
            }
        };
        if part.is_empty() {
            return Err(PyErr::value_error("Empty attribute in format string"));
        }
        let part_text: String = part.iter().collect();
        obj = if c == '.' {
            return Err(PyErr::new(
                crate::err::Exc::NotImplementedError,
                format!("py2rust: str.format cannot read the attribute '.{part_text}' of a field"),
            ));
        } else {
            match field_index(part)? {
                Some(i) => obj.getitem(&Value::Int(Int::from(i)))?,
                None => obj.getitem(&Value::Str(PyStr::from(part_text)))?,
            }
        };
        rest = next;
    }
    Ok(obj)
}

fn positional(st: &FormatArgs, i: usize) -> PyResult<Value> {
    st.args.get(i).cloned().ok_or_else(|| {
        PyErr::index_error(format!("Replacement index {i} out of range for positional args tuple"))
    })
}

/// An int argument CPython converts to a C `Py_ssize_t`.
fn ssize_arg(n: &Int) -> PyResult<i64> {
    n.to_i64().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))
}

/// A `*` width or precision argument.
fn star_arg(v: &Value) -> PyResult<i64> {
    match v.as_int() {
        Some(n) => n.to_i64().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t")),
        None => Err(PyErr::type_error("* wants int")),
    }
}

fn parse_digits(chars: &[char], i: &mut usize) -> PyResult<usize> {
    let mut n: usize = 0;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .ok_or_else(|| PyErr::value_error("width too big"))?;
        *i += 1;
    }
    Ok(n)
}

/// Pads `text` to the width with spaces (left-justified with `-`); `0` does not apply to text.
fn pad_text(out: &mut String, text: &str, spec: &PercentSpec) {
    let n = text.chars().count();
    let pad = spec.width.saturating_sub(n);
    if !spec.left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out.push_str(text);
    if spec.left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
}

/// `%d`, `%x`, `%X`, `%o`: sign, `#` prefix, digits zero-padded to the precision, then the
/// width (spaces, or zeros after the prefix with the `0` flag).
fn format_percent_int(out: &mut String, n: &Int, conv: char, spec: &PercentSpec) -> PyResult<()> {
    let neg = n.is_negative();
    let mag = n.abs();
    let (prefix, mut digits) = match conv {
        'x' => ("0x", mag.hex()[2..].to_string()),
        'X' => ("0X", mag.hex()[2..].to_uppercase()),
        'o' => ("0o", mag.oct()[2..].to_string()),
        _ => ("", mag.to_string_checked()?),
    };
    if let Some(p) = spec.precision {
        if digits.len() < p {
            digits.insert_str(0, &"0".repeat(p - digits.len()));
        }
    }
    let sign = if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let prefix = if spec.alt { prefix } else { "" };
    let len = sign.len() + prefix.len() + digits.len();
    let pad = spec.width.saturating_sub(len);
    if spec.left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(&digits);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if spec.zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(&digits);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(&digits);
    }
    Ok(())
}

/// `ascii()` of a repr: non-ASCII characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Byte length of the char starting at byte `b` of `s`.
fn char_len(s: &str, b: usize) -> usize {
    s[b..].chars().next().map_or(1, char::len_utf8)
}

/// Converts a repetition count: negative means 0; beyond a machine word is `OverflowError`.
pub(crate) fn repeat_count(n: &Int) -> PyResult<usize> {
    match n.to_i64() {
        Some(v) if v <= 0 => Ok(0),
        Some(v) => usize::try_from(v).map_err(|_| index_overflow()),
        None if *n < Int::from(0) => Ok(0),
        None => Err(index_overflow()),
    }
}

#[cold]
fn index_overflow() -> PyErr {
    PyErr::overflow("cannot fit 'int' into an index-sized integer")
}

/// Iterator over the characters of a `PyStr`, as one-character strings.
pub struct PyStrIter {
    s: PyStr,
    byte: usize,
}

impl Iterator for PyStrIter {
    type Item = PyStr;
    #[inline]
    fn next(&mut self) -> Option<PyStr> {
        let c = self.s.s[self.byte..].chars().next()?;
        self.byte += c.len_utf8();
        Some(PyStr::from_char(c))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest = self.s.s.len() - self.byte;
        (rest.div_ceil(4), Some(rest))
    }
}

impl IntoIterator for &PyStr {
    type Item = PyStr;
    type IntoIter = PyStrIter;
    fn into_iter(self) -> PyStrIter {
        self.iter()
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        let n = s.chars().count();
        PyStr::with_count(s, n)
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        let n = s.chars().count();
        match n {
            0 | 1 => PyStr::with_count(&s, n),
            _ => PyStr { s: Rc::from(s), nchars: n },
        }
    }
}

impl From<char> for PyStr {
    fn from(c: char) -> PyStr {
        PyStr::from_char(c)
    }
}

impl Default for PyStr {
    fn default() -> PyStr {
        PyStr::empty()
    }
}

impl AsRef<str> for PyStr {
    fn as_ref(&self) -> &str {
        &self.s
    }
}

impl Borrow<str> for PyStr {
    fn borrow(&self) -> &str {
        &self.s
    }
}

impl PartialEq for PyStr {
    #[inline]
    fn eq(&self, other: &PyStr) -> bool {
        Rc::ptr_eq(&self.s, &other.s) || self.s == other.s
    }
}
impl Eq for PyStr {}

impl PartialEq<str> for PyStr {
    fn eq(&self, other: &str) -> bool {
        &*self.s == other
    }
}
impl PartialEq<&str> for PyStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.s == *other
    }
}

/// Code point order, which is UTF-8 byte order: what Python's `<` on str is.
impl PartialOrd for PyStr {
    fn partial_cmp(&self, other: &PyStr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PyStr {
    fn cmp(&self, other: &PyStr) -> Ordering {
        self.s.cmp(&other.s)
    }
}

impl Hash for PyStr {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.s.hash(h)
    }
}

impl fmt::Display for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.s)
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&str_repr(&self.s))
    }
}

impl Add<&PyStr> for &PyStr {
    type Output = PyStr;
    fn add(self, other: &PyStr) -> PyStr {
        self.concat(other)
    }
}
impl Add<&PyStr> for PyStr {
    type Output = PyStr;
    fn add(self, other: &PyStr) -> PyStr {
        self.concat(other)
    }
}
impl Add<PyStr> for PyStr {
    type Output = PyStr;
    fn add(self, other: PyStr) -> PyStr {
        self.concat(&other)
    }
}

impl PyObject for PyStr {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        write_str_repr(&self.s, out);
        Ok(())
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&self.s);
        Ok(())
    }
    #[inline]
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "str"
    }
}

// Generated from CPython 3.11 (Unicode 14.0.0) by enumerating every code point:
// `[(lo, hi)]` inclusive ranges where the str predicate is true, sorted.
static ISALPHA: &[(u32, u32)] = &[
    (0x41, 0x5a), (0x61, 0x7a), (0xaa, 0xaa), (0xb5, 0xb5), (0xba, 0xba), (0xc0, 0xd6),
    (0xd8, 0xf6), (0xf8, 0x2c1), (0x2c6, 0x2d1), (0x2e0, 0x2e4), (0x2ec, 0x2ec), (0x2ee, 0x2ee),
    (0x370, 0x374), (0x376, 0x377), (0x37a, 0x37d), (0x37f, 0x37f), (0x386, 0x386),
    (0x388, 0x38a), (0x38c, 0x38c), (0x38e, 0x3a1), (0x3a3, 0x3f5), (0x3f7, 0x481),
    (0x48a, 0x52f), (0x531, 0x556), (0x559, 0x559), (0x560, 0x588), (0x5d0, 0x5ea),
    (0x5ef, 0x5f2), (0x620, 0x64a), (0x66e, 0x66f), (0x671, 0x6d3), (0x6d5, 0x6d5),
    (0x6e5, 0x6e6), (0x6ee, 0x6ef), (0x6fa, 0x6fc), (0x6ff, 0x6ff), (0x710, 0x710),
    (0x712, 0x72f), (0x74d, 0x7a5), (0x7b1, 0x7b1), (0x7ca, 0x7ea), (0x7f4, 0x7f5),
    (0x7fa, 0x7fa), (0x800, 0x815), (0x81a, 0x81a), (0x824, 0x824), (0x828, 0x828),
    (0x840, 0x858), (0x860, 0x86a), (0x870, 0x887), (0x889, 0x88e), (0x8a0, 0x8c9),
    (0x904, 0x939), (0x93d, 0x93d), (0x950, 0x950), (0x958, 0x961), (0x971, 0x980),
    (0x985, 0x98c), (0x98f, 0x990), (0x993, 0x9a8), (0x9aa, 0x9b0), (0x9b2, 0x9b2),
    (0x9b6, 0x9b9), (0x9bd, 0x9bd), (0x9ce, 0x9ce), (0x9dc, 0x9dd), (0x9df, 0x9e1),
    (0x9f0, 0x9f1), (0x9fc, 0x9fc), (0xa05, 0xa0a), (0xa0f, 0xa10), (0xa13, 0xa28),
    (0xa2a, 0xa30), (0xa32, 0xa33), (0xa35, 0xa36), (0xa38, 0xa39), (0xa59, 0xa5c),
    (0xa5e, 0xa5e), (0xa72, 0xa74), (0xa85, 0xa8d), (0xa8f, 0xa91), (0xa93, 0xaa8),
    (0xaaa, 0xab0), (0xab2, 0xab3), (0xab5, 0xab9), (0xabd, 0xabd), (0xad0, 0xad0),
    (0xae0, 0xae1), (0xaf9, 0xaf9), (0xb05, 0xb0c), (0xb0f, 0xb10), (0xb13, 0xb28),
    (0xb2a, 0xb30), (0xb32, 0xb33), (0xb35, 0xb39), (0xb3d, 0xb3d), (0xb5c, 0xb5d),
    (0xb5f, 0xb61), (0xb71, 0xb71), (0xb83, 0xb83), (0xb85, 0xb8a), (0xb8e, 0xb90),
    (0xb92, 0xb95), (0xb99, 0xb9a), (0xb9c, 0xb9c), (0xb9e, 0xb9f), (0xba3, 0xba4),
    (0xba8, 0xbaa), (0xbae, 0xbb9), (0xbd0, 0xbd0), (0xc05, 0xc0c), (0xc0e, 0xc10),
    (0xc12, 0xc28), (0xc2a, 0xc39), (0xc3d, 0xc3d), (0xc58, 0xc5a), (0xc5d, 0xc5d),
    (0xc60, 0xc61), (0xc80, 0xc80), (0xc85, 0xc8c), (0xc8e, 0xc90), (0xc92, 0xca8),
    (0xcaa, 0xcb3), (0xcb5, 0xcb9), (0xcbd, 0xcbd), (0xcdd, 0xcde), (0xce0, 0xce1),
    (0xcf1, 0xcf2), (0xd04, 0xd0c), (0xd0e, 0xd10), (0xd12, 0xd3a), (0xd3d, 0xd3d),
    (0xd4e, 0xd4e), (0xd54, 0xd56), (0xd5f, 0xd61), (0xd7a, 0xd7f), (0xd85, 0xd96),
    (0xd9a, 0xdb1), (0xdb3, 0xdbb), (0xdbd, 0xdbd), (0xdc0, 0xdc6), (0xe01, 0xe30),
    (0xe32, 0xe33), (0xe40, 0xe46), (0xe81, 0xe82), (0xe84, 0xe84), (0xe86, 0xe8a),
    (0xe8c, 0xea3), (0xea5, 0xea5), (0xea7, 0xeb0), (0xeb2, 0xeb3), (0xebd, 0xebd),
    (0xec0, 0xec4), (0xec6, 0xec6), (0xedc, 0xedf), (0xf00, 0xf00), (0xf40, 0xf47),
    (0xf49, 0xf6c), (0xf88, 0xf8c), (0x1000, 0x102a), (0x103f, 0x103f), (0x1050, 0x1055),
    (0x105a, 0x105d), (0x1061, 0x1061), (0x1065, 0x1066), (0x106e, 0x1070), (0x1075, 0x1081),
    (0x108e, 0x108e), (0x10a0, 0x10c5), (0x10c7, 0x10c7), (0x10cd, 0x10cd), (0x10d0, 0x10fa),
    (0x10fc, 0x1248), (0x124a, 0x124d), (0x1250, 0x1256), (0x1258, 0x1258), (0x125a, 0x125d),
    (0x1260, 0x1288), (0x128a, 0x128d), (0x1290, 0x12b0), (0x12b2, 0x12b5), (0x12b8, 0x12be),
    (0x12c0, 0x12c0), (0x12c2, 0x12c5), (0x12c8, 0x12d6), (0x12d8, 0x1310), (0x1312, 0x1315),
    (0x1318, 0x135a), (0x1380, 0x138f), (0x13a0, 0x13f5), (0x13f8, 0x13fd), (0x1401, 0x166c),
    (0x166f, 0x167f), (0x1681, 0x169a), (0x16a0, 0x16ea), (0x16f1, 0x16f8), (0x1700, 0x1711),
    (0x171f, 0x1731), (0x1740, 0x1751), (0x1760, 0x176c), (0x176e, 0x1770), (0x1780, 0x17b3),
    (0x17d7, 0x17d7), (0x17dc, 0x17dc), (0x1820, 0x1878), (0x1880, 0x1884), (0x1887, 0x18a8),
    (0x18aa, 0x18aa), (0x18b0, 0x18f5), (0x1900, 0x191e), (0x1950, 0x196d), (0x1970, 0x1974),
    (0x1980, 0x19ab), (0x19b0, 0x19c9), (0x1a00, 0x1a16), (0x1a20, 0x1a54), (0x1aa7, 0x1aa7),
    (0x1b05, 0x1b33), (0x1b45, 0x1b4c), (0x1b83, 0x1ba0), (0x1bae, 0x1baf), (0x1bba, 0x1be5),
    (0x1c00, 0x1c23), (0x1c4d, 0x1c4f), (0x1c5a, 0x1c7d), (0x1c80, 0x1c88), (0x1c90, 0x1cba),
    (0x1cbd, 0x1cbf), (0x1ce9, 0x1cec), (0x1cee, 0x1cf3), (0x1cf5, 0x1cf6), (0x1cfa, 0x1cfa),
    (0x1d00, 0x1dbf), (0x1e00, 0x1f15), (0x1f18, 0x1f1d), (0x1f20, 0x1f45), (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57), (0x1f59, 0x1f59), (0x1f5b, 0x1f5b), (0x1f5d, 0x1f5d), (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4), (0x1fb6, 0x1fbc), (0x1fbe, 0x1fbe), (0x1fc2, 0x1fc4), (0x1fc6, 0x1fcc),
    (0x1fd0, 0x1fd3), (0x1fd6, 0x1fdb), (0x1fe0, 0x1fec), (0x1ff2, 0x1ff4), (0x1ff6, 0x1ffc),
    (0x2071, 0x2071), (0x207f, 0x207f), (0x2090, 0x209c), (0x2102, 0x2102), (0x2107, 0x2107),
    (0x210a, 0x2113), (0x2115, 0x2115), (0x2119, 0x211d), (0x2124, 0x2124), (0x2126, 0x2126),
    (0x2128, 0x2128), (0x212a, 0x212d), (0x212f, 0x2139), (0x213c, 0x213f), (0x2145, 0x2149),
    (0x214e, 0x214e), (0x2183, 0x2184), (0x2c00, 0x2ce4), (0x2ceb, 0x2cee), (0x2cf2, 0x2cf3),
    (0x2d00, 0x2d25), (0x2d27, 0x2d27), (0x2d2d, 0x2d2d), (0x2d30, 0x2d67), (0x2d6f, 0x2d6f),
    (0x2d80, 0x2d96), (0x2da0, 0x2da6), (0x2da8, 0x2dae), (0x2db0, 0x2db6), (0x2db8, 0x2dbe),
    (0x2dc0, 0x2dc6), (0x2dc8, 0x2dce), (0x2dd0, 0x2dd6), (0x2dd8, 0x2dde), (0x2e2f, 0x2e2f),
    (0x3005, 0x3006), (0x3031, 0x3035), (0x303b, 0x303c), (0x3041, 0x3096), (0x309d, 0x309f),
    (0x30a1, 0x30fa), (0x30fc, 0x30ff), (0x3105, 0x312f), (0x3131, 0x318e), (0x31a0, 0x31bf),
    (0x31f0, 0x31ff), (0x3400, 0x4dbf), (0x4e00, 0xa48c), (0xa4d0, 0xa4fd), (0xa500, 0xa60c),
    (0xa610, 0xa61f), (0xa62a, 0xa62b), (0xa640, 0xa66e), (0xa67f, 0xa69d), (0xa6a0, 0xa6e5),
    (0xa717, 0xa71f), (0xa722, 0xa788), (0xa78b, 0xa7ca), (0xa7d0, 0xa7d1), (0xa7d3, 0xa7d3),
    (0xa7d5, 0xa7d9), (0xa7f2, 0xa801), (0xa803, 0xa805), (0xa807, 0xa80a), (0xa80c, 0xa822),
    (0xa840, 0xa873), (0xa882, 0xa8b3), (0xa8f2, 0xa8f7), (0xa8fb, 0xa8fb), (0xa8fd, 0xa8fe),
    (0xa90a, 0xa925), (0xa930, 0xa946), (0xa960, 0xa97c), (0xa984, 0xa9b2), (0xa9cf, 0xa9cf),
    (0xa9e0, 0xa9e4), (0xa9e6, 0xa9ef), (0xa9fa, 0xa9fe), (0xaa00, 0xaa28), (0xaa40, 0xaa42),
    (0xaa44, 0xaa4b), (0xaa60, 0xaa76), (0xaa7a, 0xaa7a), (0xaa7e, 0xaaaf), (0xaab1, 0xaab1),
    (0xaab5, 0xaab6), (0xaab9, 0xaabd), (0xaac0, 0xaac0), (0xaac2, 0xaac2), (0xaadb, 0xaadd),
    (0xaae0, 0xaaea), (0xaaf2, 0xaaf4), (0xab01, 0xab06), (0xab09, 0xab0e), (0xab11, 0xab16),
    (0xab20, 0xab26), (0xab28, 0xab2e), (0xab30, 0xab5a), (0xab5c, 0xab69), (0xab70, 0xabe2),
    (0xac00, 0xd7a3), (0xd7b0, 0xd7c6), (0xd7cb, 0xd7fb), (0xf900, 0xfa6d), (0xfa70, 0xfad9),
    (0xfb00, 0xfb06), (0xfb13, 0xfb17), (0xfb1d, 0xfb1d), (0xfb1f, 0xfb28), (0xfb2a, 0xfb36),
    (0xfb38, 0xfb3c), (0xfb3e, 0xfb3e), (0xfb40, 0xfb41), (0xfb43, 0xfb44), (0xfb46, 0xfbb1),
    (0xfbd3, 0xfd3d), (0xfd50, 0xfd8f), (0xfd92, 0xfdc7), (0xfdf0, 0xfdfb), (0xfe70, 0xfe74),
    (0xfe76, 0xfefc), (0xff21, 0xff3a), (0xff41, 0xff5a), (0xff66, 0xffbe), (0xffc2, 0xffc7),
    (0xffca, 0xffcf), (0xffd2, 0xffd7), (0xffda, 0xffdc), (0x10000, 0x1000b), (0x1000d, 0x10026),
    (0x10028, 0x1003a), (0x1003c, 0x1003d), (0x1003f, 0x1004d), (0x10050, 0x1005d),
    (0x10080, 0x100fa), (0x10280, 0x1029c), (0x102a0, 0x102d0), (0x10300, 0x1031f),
    (0x1032d, 0x10340), (0x10342, 0x10349), (0x10350, 0x10375), (0x10380, 0x1039d),
    (0x103a0, 0x103c3), (0x103c8, 0x103cf), (0x10400, 0x1049d), (0x104b0, 0x104d3),
    (0x104d8, 0x104fb), (0x10500, 0x10527), (0x10530, 0x10563), (0x10570, 0x1057a),
    (0x1057c, 0x1058a), (0x1058c, 0x10592), (0x10594, 0x10595), (0x10597, 0x105a1),
    (0x105a3, 0x105b1), (0x105b3, 0x105b9), (0x105bb, 0x105bc), (0x10600, 0x10736),
    (0x10740, 0x10755), (0x10760, 0x10767), (0x10780, 0x10785), (0x10787, 0x107b0),
    (0x107b2, 0x107ba), (0x10800, 0x10805), (0x10808, 0x10808), (0x1080a, 0x10835),
    (0x10837, 0x10838), (0x1083c, 0x1083c), (0x1083f, 0x10855), (0x10860, 0x10876),
    (0x10880, 0x1089e), (0x108e0, 0x108f2), (0x108f4, 0x108f5), (0x10900, 0x10915),
    (0x10920, 0x10939), (0x10980, 0x109b7), (0x109be, 0x109bf), (0x10a00, 0x10a00),
    (0x10a10, 0x10a13), (0x10a15, 0x10a17), (0x10a19, 0x10a35), (0x10a60, 0x10a7c),
    (0x10a80, 0x10a9c), (0x10ac0, 0x10ac7), (0x10ac9, 0x10ae4), (0x10b00, 0x10b35),
    (0x10b40, 0x10b55), (0x10b60, 0x10b72), (0x10b80, 0x10b91), (0x10c00, 0x10c48),
    (0x10c80, 0x10cb2), (0x10cc0, 0x10cf2), (0x10d00, 0x10d23), (0x10e80, 0x10ea9),
    (0x10eb0, 0x10eb1), (0x10f00, 0x10f1c), (0x10f27, 0x10f27), (0x10f30, 0x10f45),
    (0x10f70, 0x10f81), (0x10fb0, 0x10fc4), (0x10fe0, 0x10ff6), (0x11003, 0x11037),
    (0x11071, 0x11072), (0x11075, 0x11075), (0x11083, 0x110af), (0x110d0, 0x110e8),
    (0x11103, 0x11126), (0x11144, 0x11144), (0x11147, 0x11147), (0x11150, 0x11172),
    (0x11176, 0x11176), (0x11183, 0x111b2), (0x111c1, 0x111c4), (0x111da, 0x111da),
    (0x111dc, 0x111dc), (0x11200, 0x11211), (0x11213, 0x1122b), (0x11280, 0x11286),
    (0x11288, 0x11288), (0x1128a, 0x1128d), (0x1128f, 0x1129d), (0x1129f, 0x112a8),
    (0x112b0, 0x112de), (0x11305, 0x1130c), (0x1130f, 0x11310), (0x11313, 0x11328),
    (0x1132a, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339), (0x1133d, 0x1133d),
    (0x11350, 0x11350), (0x1135d, 0x11361), (0x11400, 0x11434), (0x11447, 0x1144a),
    (0x1145f, 0x11461), (0x11480, 0x114af), (0x114c4, 0x114c5), (0x114c7, 0x114c7),
    (0x11580, 0x115ae), (0x115d8, 0x115db), (0x11600, 0x1162f), (0x11644, 0x11644),
    (0x11680, 0x116aa), (0x116b8, 0x116b8), (0x11700, 0x1171a), (0x11740, 0x11746),
    (0x11800, 0x1182b), (0x118a0, 0x118df), (0x118ff, 0x11906), (0x11909, 0x11909),
    (0x1190c, 0x11913), (0x11915, 0x11916), (0x11918, 0x1192f), (0x1193f, 0x1193f),
    (0x11941, 0x11941), (0x119a0, 0x119a7), (0x119aa, 0x119d0), (0x119e1, 0x119e1),
    (0x119e3, 0x119e3), (0x11a00, 0x11a00), (0x11a0b, 0x11a32), (0x11a3a, 0x11a3a),
    (0x11a50, 0x11a50), (0x11a5c, 0x11a89), (0x11a9d, 0x11a9d), (0x11ab0, 0x11af8),
    (0x11c00, 0x11c08), (0x11c0a, 0x11c2e), (0x11c40, 0x11c40), (0x11c72, 0x11c8f),
    (0x11d00, 0x11d06), (0x11d08, 0x11d09), (0x11d0b, 0x11d30), (0x11d46, 0x11d46),
    (0x11d60, 0x11d65), (0x11d67, 0x11d68), (0x11d6a, 0x11d89), (0x11d98, 0x11d98),
    (0x11ee0, 0x11ef2), (0x11fb0, 0x11fb0), (0x12000, 0x12399), (0x12480, 0x12543),
    (0x12f90, 0x12ff0), (0x13000, 0x1342e), (0x14400, 0x14646), (0x16800, 0x16a38),
    (0x16a40, 0x16a5e), (0x16a70, 0x16abe), (0x16ad0, 0x16aed), (0x16b00, 0x16b2f),
    (0x16b40, 0x16b43), (0x16b63, 0x16b77), (0x16b7d, 0x16b8f), (0x16e40, 0x16e7f),
    (0x16f00, 0x16f4a), (0x16f50, 0x16f50), (0x16f93, 0x16f9f), (0x16fe0, 0x16fe1),
    (0x16fe3, 0x16fe3), (0x17000, 0x187f7), (0x18800, 0x18cd5), (0x18d00, 0x18d08),
    (0x1aff0, 0x1aff3), (0x1aff5, 0x1affb), (0x1affd, 0x1affe), (0x1b000, 0x1b122),
    (0x1b150, 0x1b152), (0x1b164, 0x1b167), (0x1b170, 0x1b2fb), (0x1bc00, 0x1bc6a),
    (0x1bc70, 0x1bc7c), (0x1bc80, 0x1bc88), (0x1bc90, 0x1bc99), (0x1d400, 0x1d454),
    (0x1d456, 0x1d49c), (0x1d49e, 0x1d49f), (0x1d4a2, 0x1d4a2), (0x1d4a5, 0x1d4a6),
    (0x1d4a9, 0x1d4ac), (0x1d4ae, 0x1d4b9), (0x1d4bb, 0x1d4bb), (0x1d4bd, 0x1d4c3),
    (0x1d4c5, 0x1d505), (0x1d507, 0x1d50a), (0x1d50d, 0x1d514), (0x1d516, 0x1d51c),
    (0x1d51e, 0x1d539), (0x1d53b, 0x1d53e), (0x1d540, 0x1d544), (0x1d546, 0x1d546),
    (0x1d54a, 0x1d550), (0x1d552, 0x1d6a5), (0x1d6a8, 0x1d6c0), (0x1d6c2, 0x1d6da),
    (0x1d6dc, 0x1d6fa), (0x1d6fc, 0x1d714), (0x1d716, 0x1d734), (0x1d736, 0x1d74e),
    (0x1d750, 0x1d76e), (0x1d770, 0x1d788), (0x1d78a, 0x1d7a8), (0x1d7aa, 0x1d7c2),
    (0x1d7c4, 0x1d7cb), (0x1df00, 0x1df1e), (0x1e100, 0x1e12c), (0x1e137, 0x1e13d),
    (0x1e14e, 0x1e14e), (0x1e290, 0x1e2ad), (0x1e2c0, 0x1e2eb), (0x1e7e0, 0x1e7e6),
    (0x1e7e8, 0x1e7eb), (0x1e7ed, 0x1e7ee), (0x1e7f0, 0x1e7fe), (0x1e800, 0x1e8c4),
    (0x1e900, 0x1e943), (0x1e94b, 0x1e94b), (0x1ee00, 0x1ee03), (0x1ee05, 0x1ee1f),
    (0x1ee21, 0x1ee22), (0x1ee24, 0x1ee24), (0x1ee27, 0x1ee27), (0x1ee29, 0x1ee32),
    (0x1ee34, 0x1ee37), (0x1ee39, 0x1ee39), (0x1ee3b, 0x1ee3b), (0x1ee42, 0x1ee42),
    (0x1ee47, 0x1ee47), (0x1ee49, 0x1ee49), (0x1ee4b, 0x1ee4b), (0x1ee4d, 0x1ee4f),
    (0x1ee51, 0x1ee52), (0x1ee54, 0x1ee54), (0x1ee57, 0x1ee57), (0x1ee59, 0x1ee59),
    (0x1ee5b, 0x1ee5b), (0x1ee5d, 0x1ee5d), (0x1ee5f, 0x1ee5f), (0x1ee61, 0x1ee62),
    (0x1ee64, 0x1ee64), (0x1ee67, 0x1ee6a), (0x1ee6c, 0x1ee72), (0x1ee74, 0x1ee77),
    (0x1ee79, 0x1ee7c), (0x1ee7e, 0x1ee7e), (0x1ee80, 0x1ee89), (0x1ee8b, 0x1ee9b),
    (0x1eea1, 0x1eea3), (0x1eea5, 0x1eea9), (0x1eeab, 0x1eebb), (0x20000, 0x2a6df),
    (0x2a700, 0x2b738), (0x2b740, 0x2b81d), (0x2b820, 0x2cea1), (0x2ceb0, 0x2ebe0),
    (0x2f800, 0x2fa1d), (0x30000, 0x3134a),
];
static ISDECIMAL: &[(u32, u32)] = &[
    (0x30, 0x39), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9), (0x966, 0x96f), (0x9e6, 0x9ef),
    (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f), (0xbe6, 0xbef), (0xc66, 0xc6f),
    (0xce6, 0xcef), (0xd66, 0xd6f), (0xde6, 0xdef), (0xe50, 0xe59), (0xed0, 0xed9),
    (0xf20, 0xf29), (0x1040, 0x1049), (0x1090, 0x1099), (0x17e0, 0x17e9), (0x1810, 0x1819),
    (0x1946, 0x194f), (0x19d0, 0x19d9), (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59),
    (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59), (0xa620, 0xa629), (0xa8d0, 0xa8d9),
    (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9),
    (0xff10, 0xff19), (0x104a0, 0x104a9), (0x10d30, 0x10d39), (0x11066, 0x1106f),
    (0x110f0, 0x110f9), (0x11136, 0x1113f), (0x111d0, 0x111d9), (0x112f0, 0x112f9),
    (0x11450, 0x11459), (0x114d0, 0x114d9), (0x11650, 0x11659), (0x116c0, 0x116c9),
    (0x11730, 0x11739), (0x118e0, 0x118e9), (0x11950, 0x11959), (0x11c50, 0x11c59),
    (0x11d50, 0x11d59), (0x11da0, 0x11da9), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9),
    (0x16b50, 0x16b59), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9),
    (0x1e950, 0x1e959), (0x1fbf0, 0x1fbf9),
];
static ISDIGIT: &[(u32, u32)] = &[
    (0x30, 0x39), (0xb2, 0xb3), (0xb9, 0xb9), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9),
    (0x966, 0x96f), (0x9e6, 0x9ef), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f),
    (0xbe6, 0xbef), (0xc66, 0xc6f), (0xce6, 0xcef), (0xd66, 0xd6f), (0xde6, 0xdef),
    (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf29), (0x1040, 0x1049), (0x1090, 0x1099),
    (0x1369, 0x1371), (0x17e0, 0x17e9), (0x1810, 0x1819), (0x1946, 0x194f), (0x19d0, 0x19da),
    (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49),
    (0x1c50, 0x1c59), (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089), (0x2460, 0x2468),
    (0x2474, 0x247c), (0x2488, 0x2490), (0x24ea, 0x24ea), (0x24f5, 0x24fd), (0x24ff, 0x24ff),
    (0x2776, 0x277e), (0x2780, 0x2788), (0x278a, 0x2792), (0xa620, 0xa629), (0xa8d0, 0xa8d9),
    (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9),
    (0xff10, 0xff19), (0x104a0, 0x104a9), (0x10a40, 0x10a43), (0x10d30, 0x10d39),
    (0x10e60, 0x10e68), (0x11052, 0x1105a), (0x11066, 0x1106f), (0x110f0, 0x110f9),
    (0x11136, 0x1113f), (0x111d0, 0x111d9), (0x112f0, 0x112f9), (0x11450, 0x11459),
    (0x114d0, 0x114d9), (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x11739),
    (0x118e0, 0x118e9), (0x11950, 0x11959), (0x11c50, 0x11c59), (0x11d50, 0x11d59),
    (0x11da0, 0x11da9), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9), (0x16b50, 0x16b59),
    (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9), (0x1e950, 0x1e959),
    (0x1f100, 0x1f10a), (0x1fbf0, 0x1fbf9),
];
static ISNUMERIC: &[(u32, u32)] = &[
    (0x30, 0x39), (0xb2, 0xb3), (0xb9, 0xb9), (0xbc, 0xbe), (0x660, 0x669), (0x6f0, 0x6f9),
    (0x7c0, 0x7c9), (0x966, 0x96f), (0x9e6, 0x9ef), (0x9f4, 0x9f9), (0xa66, 0xa6f),
    (0xae6, 0xaef), (0xb66, 0xb6f), (0xb72, 0xb77), (0xbe6, 0xbf2), (0xc66, 0xc6f),
    (0xc78, 0xc7e), (0xce6, 0xcef), (0xd58, 0xd5e), (0xd66, 0xd78), (0xde6, 0xdef),
    (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf33), (0x1040, 0x1049), (0x1090, 0x1099),
    (0x1369, 0x137c), (0x16ee, 0x16f0), (0x17e0, 0x17e9), (0x17f0, 0x17f9), (0x1810, 0x1819),
    (0x1946, 0x194f), (0x19d0, 0x19da), (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59),
    (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x2150, 0x2182), (0x2185, 0x2189), (0x2460, 0x249b), (0x24ea, 0x24ff),
    (0x2776, 0x2793), (0x2cfd, 0x2cfd), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303a),
    (0x3192, 0x3195), (0x3220, 0x3229), (0x3248, 0x324f), (0x3251, 0x325f), (0x3280, 0x3289),
    (0x32b1, 0x32bf), (0x3405, 0x3405), (0x3483, 0x3483), (0x382a, 0x382a), (0x3b4d, 0x3b4d),
    (0x4e00, 0x4e00), (0x4e03, 0x4e03), (0x4e07, 0x4e07), (0x4e09, 0x4e09), (0x4e5d, 0x4e5d),
    (0x4e8c, 0x4e8c), (0x4e94, 0x4e94), (0x4e96, 0x4e96), (0x4ebf, 0x4ec0), (0x4edf, 0x4edf),
    (0x4ee8, 0x4ee8), (0x4f0d, 0x4f0d), (0x4f70, 0x4f70), (0x5104, 0x5104), (0x5146, 0x5146),
    (0x5169, 0x5169), (0x516b, 0x516b), (0x516d, 0x516d), (0x5341, 0x5341), (0x5343, 0x5345),
    (0x534c, 0x534c), (0x53c1, 0x53c4), (0x56db, 0x56db), (0x58f1, 0x58f1), (0x58f9, 0x58f9),
    (0x5e7a, 0x5e7a), (0x5efe, 0x5eff), (0x5f0c, 0x5f0e), (0x5f10, 0x5f10), (0x62fe, 0x62fe),
    (0x634c, 0x634c), (0x67d2, 0x67d2), (0x6f06, 0x6f06), (0x7396, 0x7396), (0x767e, 0x767e),
    (0x8086, 0x8086), (0x842c, 0x842c), (0x8cae, 0x8cae), (0x8cb3, 0x8cb3), (0x8d30, 0x8d30),
    (0x9621, 0x9621), (0x9646, 0x9646), (0x964c, 0x964c), (0x9678, 0x9678), (0x96f6, 0x96f6),
    (0xa620, 0xa629), (0xa6e6, 0xa6ef), (0xa830, 0xa835), (0xa8d0, 0xa8d9), (0xa900, 0xa909),
    (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9), (0xf96b, 0xf96b),
    (0xf973, 0xf973), (0xf978, 0xf978), (0xf9b2, 0xf9b2), (0xf9d1, 0xf9d1), (0xf9d3, 0xf9d3),
    (0xf9fd, 0xf9fd), (0xff10, 0xff19), (0x10107, 0x10133), (0x10140, 0x10178),
    (0x1018a, 0x1018b), (0x102e1, 0x102fb), (0x10320, 0x10323), (0x10341, 0x10341),
    (0x1034a, 0x1034a), (0x103d1, 0x103d5), (0x104a0, 0x104a9), (0x10858, 0x1085f),
    (0x10879, 0x1087f), (0x108a7, 0x108af), (0x108fb, 0x108ff), (0x10916, 0x1091b),
    (0x109bc, 0x109bd), (0x109c0, 0x109cf), (0x109d2, 0x109ff), (0x10a40, 0x10a48),
    (0x10a7d, 0x10a7e), (0x10a9d, 0x10a9f), (0x10aeb, 0x10aef), (0x10b58, 0x10b5f),
    (0x10b78, 0x10b7f), (0x10ba9, 0x10baf), (0x10cfa, 0x10cff), (0x10d30, 0x10d39),
    (0x10e60, 0x10e7e), (0x10f1d, 0x10f26), (0x10f51, 0x10f54), (0x10fc5, 0x10fcb),
    (0x11052, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f), (0x111d0, 0x111d9),
    (0x111e1, 0x111f4), (0x112f0, 0x112f9), (0x11450, 0x11459), (0x114d0, 0x114d9),
    (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x1173b), (0x118e0, 0x118f2),
    (0x11950, 0x11959), (0x11c50, 0x11c6c), (0x11d50, 0x11d59), (0x11da0, 0x11da9),
    (0x11fc0, 0x11fd4), (0x12400, 0x1246e), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9),
    (0x16b50, 0x16b59), (0x16b5b, 0x16b61), (0x16e80, 0x16e96), (0x1d2e0, 0x1d2f3),
    (0x1d360, 0x1d378), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9),
    (0x1e8c7, 0x1e8cf), (0x1e950, 0x1e959), (0x1ec71, 0x1ecab), (0x1ecad, 0x1ecaf),
    (0x1ecb1, 0x1ecb4), (0x1ed01, 0x1ed2d), (0x1ed2f, 0x1ed3d), (0x1f100, 0x1f10c),
    (0x1fbf0, 0x1fbf9), (0x20001, 0x20001), (0x20064, 0x20064), (0x200e2, 0x200e2),
    (0x20121, 0x20121), (0x2092a, 0x2092a), (0x20983, 0x20983), (0x2098c, 0x2098c),
    (0x2099c, 0x2099c), (0x20aea, 0x20aea), (0x20afd, 0x20afd), (0x20b19, 0x20b19),
    (0x22390, 0x22390), (0x22998, 0x22998), (0x23b1b, 0x23b1b), (0x2626d, 0x2626d),
    (0x2f890, 0x2f890),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PyStr {
        PyStr::from(s)
    }
    fn i(v: i64) -> Int {
        Int::from(v)
    }
    fn strs(l: PyList<PyStr>) -> Vec<String> {
        l.iter().map(|s| s.as_str().to_string()).collect()
    }

    #[test]
    fn length_and_indexing_are_code_points() {
        let s = p("héllo");
        assert_eq!(s.len_usize(), 5);
        assert_eq!(s.len(), i(5));
        assert!(!s.is_ascii());
        assert_eq!(s.getitem(&i(1)).unwrap(), "é");
        assert_eq!(s.getitem(&i(-1)).unwrap(), "o");
        assert_eq!(s.getitem_i64(-5).unwrap(), "h");
        let e = s.getitem(&i(5)).unwrap_err();
        assert_eq!(e.to_string(), "IndexError: string index out of range");
        assert!(s.getitem_i64(-6).is_err());
        // "ab"[10**20] -> IndexError: cannot fit 'int' into an index-sized integer
        let e = p("ab").getitem(&Int::big("100000000000000000000")).unwrap_err();
        assert_eq!(e.to_string(), "IndexError: cannot fit 'int' into an index-sized integer");
        assert_eq!(p("").len_usize(), 0);
    }

    #[test]
    fn slicing() {
        let s = p("hello world");
        let sl = |a: Option<i64>, b: Option<i64>, c: Option<i64>| {
            let (a, b, c) = (a.map(i), b.map(i), c.map(i));
            s.slice(a.as_ref(), b.as_ref(), c.as_ref()).map(|x| x.as_str().to_string())
        };
        assert_eq!(sl(Some(1), Some(4), None).unwrap(), "ell");
        assert_eq!(sl(None, None, Some(-1)).unwrap(), "dlrow olleh");
        assert_eq!(sl(None, None, Some(2)).unwrap(), "hlowrd");
        assert_eq!(sl(Some(-3), None, None).unwrap(), "rld");
        assert_eq!(sl(Some(100), None, None).unwrap(), "");
        assert_eq!(sl(Some(8), Some(2), Some(-2)).unwrap(), "rwo");
        assert_eq!(sl(None, None, Some(0)).unwrap_err().to_string(), "ValueError: slice step cannot be zero");
        let u = p("añb€c");
        assert_eq!(u.slice(None, None, Some(&i(-1))).unwrap(), "c€bña");
        assert_eq!(u.slice(Some(&i(1)), Some(&i(4)), None).unwrap(), "ñb€");
    }

    #[test]
    fn concat_repeat() {
        assert_eq!(&p("ab") + &p("é"), "abé");
        assert_eq!((&p("ab") + &p("é")).len_usize(), 3);
        assert_eq!(p("ab").repeat(&i(3)).unwrap(), "ababab");
        assert_eq!(p("ab").repeat(&i(-1)).unwrap(), "");
        // "ab" * 2**62 -> OverflowError: repeated string is too long
        let e = p("ab").repeat(&i(1 << 62)).unwrap_err();
        assert_eq!(e.to_string(), "OverflowError: repeated string is too long");
        let e = p("ab").repeat(&Int::big("9223372036854775808")).unwrap_err();
        assert_eq!(e.to_string(), "OverflowError: cannot fit 'int' into an index-sized integer");
        assert_eq!(p("é").repeat(&i(2)).unwrap().len_usize(), 2);
    }

    #[test]
    fn split_whitespace() {
        // ' a  b '.split() == ['a', 'b']; '  a  b  c  '.split(None, 1) == ['a', 'b  c  ']
        assert_eq!(strs(p(" a  b ").split(None).unwrap()), ["a", "b"]);
        assert_eq!(strs(p("  a  b  c  ").split_max(None, 1).unwrap()), ["a", "b  c  "]);
        assert_eq!(strs(p("").split(None).unwrap()), Vec::<String>::new());
        assert_eq!(strs(p("a\x1cb\u{85}c\u{a0}d\u{200b}e").split(None).unwrap()), ["a", "b", "c", "d\u{200b}e"]);
        // '  a  b  c  '.rsplit(None, 1) == ['  a  b', 'c']
        assert_eq!(strs(p("  a  b  c  ").rsplit(None, 1).unwrap()), ["  a  b", "c"]);
        assert_eq!(strs(p(" é  ü ").rsplit(None, -1).unwrap()), ["é", "ü"]);
        assert_eq!(strs(p("  ").rsplit(None, 0).unwrap()), Vec::<String>::new());
        assert_eq!(strs(p(" x ").split_max(None, 0).unwrap()), ["x "]);
    }

    #[test]
    fn split_sep() {
        // 'a,b,,c'.split(',', 2) == ['a', 'b', ',c']; ''.split(',') == ['']; ' '.split(' ') == ['', '']
        assert_eq!(strs(p("a,b,,c").split_max(Some(&p(",")), 2).unwrap()), ["a", "b", ",c"]);
        assert_eq!(strs(p("a,b,,c").split(Some(&p(","))).unwrap()), ["a", "b", "", "c"]);
        assert_eq!(strs(p("").split(Some(&p(","))).unwrap()), [""]);
        assert_eq!(strs(p(" ").split(Some(&p(" "))).unwrap()), ["", ""]);
        assert_eq!(strs(p("a,b,,c").rsplit(Some(&p(",")), 1).unwrap()), ["a,b,", "c"]);
        assert_eq!(strs(p("a<>b<>c").split(Some(&p("<>"))).unwrap()), ["a", "b", "c"]);
        let e = p("a b").split(Some(&p(""))).unwrap_err();
        assert_eq!(e.to_string(), "ValueError: empty separator");
    }

    #[test]
    fn splitlines() {
        // 'a\r\nb\rc\n\nd\x1ce\x85f\u2028g'.splitlines() == ['a', 'b', 'c', '', 'd', 'e', 'f', 'g']
        let s = p("a\r\nb\rc\n\nd\x1ce\u{85}f\u{2028}g");
        assert_eq!(strs(s.splitlines(false)), ["a", "b", "c", "", "d", "e", "f", "g"]);
        assert_eq!(strs(p("a\n").splitlines(false)), ["a"]);
        assert_eq!(strs(p("a\nb").splitlines(true)), ["a\n", "b"]);
        assert!(p("").splitlines(false).is_empty());
    }

    #[test]
    fn strip_join_replace_find() {
        assert_eq!(p("  xyz").strip(Some(&p("zx "))), "y");
        assert_eq!(p("\x1c a \x1c").strip(None), "a");
        assert_eq!(p("  a ").lstrip(None), "a ");
        assert_eq!(p("  a ").rstrip(None), "  a");
        assert_eq!(p(", ").join([p("a"), p("b"), p("c")]), "a, b, c");
        assert_eq!(p("-").join(Vec::<PyStr>::new()), "");
        let l = PyList::from_vec(vec![p("x"), p("é")]);
        assert_eq!(p("").join(l.iter()).len_usize(), 2);
        let e = p("").join_values(vec![Value::Int(i(1))]).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: sequence item 0: expected str instance, int found");
        // 'aaa'.replace('a','b',2) == 'bba'; 'abc'.replace('','-',2) == '-a-bc'; ''.replace('','x') == 'x'
        assert_eq!(p("aaa").replace_count(&p("a"), &p("b"), 2), "bba");
        assert_eq!(p("abc").replace_count(&p(""), &p("-"), 2), "-a-bc");
        assert_eq!(p("abc").replace(&p(""), &p("-")), "-a-b-c-");
        assert_eq!(p("").replace(&p(""), &p("x")), "x");
        // 'abc'.find('') == 0; 'abc'.rfind('') == 3; 'aaa'.count('') == 4; 'aaa'.count('aa') == 1
        assert_eq!(p("abc").find(&p("")), i(0));
        assert_eq!(p("abc").rfind(&p("")), i(3));
        assert_eq!(p("aaa").count(&p("")), i(4));
        assert_eq!(p("aaa").count(&p("aa")), i(1));
        assert_eq!(p("héllo").find(&p("l")), i(2));
        assert_eq!(p("héllo").rfind(&p("l")), i(3));
        assert_eq!(p("x").find(&p("y")), i(-1));
        assert_eq!(p("x").index(&p("y")).unwrap_err().to_string(), "ValueError: substring not found");
        assert!(p("hello").startswith(&p("he")));
        assert!(p("hello").endswith(&p("lo")));
        assert!(p("hello").contains(&p("ell")));
    }

    #[test]
    fn case_and_classes() {
        // 'ß'.upper() == 'SS'; 'ΣΑΣ'.lower() == 'σας'
        assert_eq!(p("ß").upper(), "SS");
        assert_eq!(p("ΣΑΣ").lower(), "σας");
        assert_eq!(p("aBc").swapcase(), "AbC");
        assert!(p("123").isdigit());
        assert!(p("²").isdigit() && !p("²").isdecimal() && p("²").isnumeric());
        assert!(!p("½").isdigit() && p("½").isnumeric());
        assert!(p("٣").isdecimal());
        assert!(!p("").isdigit());
        assert!(p("héllo").isalpha());
        assert!(!p("Ⅻ").isalpha() && p("Ⅻ").isnumeric());
        assert!(!p("a1").isalpha() && p("a1").isalnum());
        assert!(p(" \t\x1c").isspace() && !p("\u{200b}").isspace());
        assert!(p("ABC1").isupper() && !p("ǅ").isupper() && !p("1").isupper());
        assert!(p("abc1").islower() && !p("Abc").islower());
    }

    #[test]
    fn padding() {
        // 'ab'.center(5,'*') == '**ab*'; 'abc'.center(6,'*') == '*abc**'; '-42'.zfill(6) == '-00042'
        let star = p("*");
        assert_eq!(p("ab").center(&i(5), Some(&star)).unwrap(), "**ab*");
        assert_eq!(p("ab").center(&i(6), Some(&star)).unwrap(), "**ab**");
        assert_eq!(p("abc").center(&i(6), Some(&star)).unwrap(), "*abc**");
        assert_eq!(p("abc").center(&i(2), None).unwrap(), "abc");
        assert_eq!(p("ab").ljust(&i(4), None).unwrap(), "ab  ");
        assert_eq!(p("ab").rjust(&i(4), Some(&p("é"))).unwrap(), "ééab");
        assert_eq!(p("-42").zfill(&i(6)).unwrap(), "-00042");
        assert_eq!(p("+x").zfill(&i(4)).unwrap(), "+00x");
        let e = p("a").ljust(&i(3), Some(&p("ab"))).unwrap_err();
        assert_eq!(e.to_string(), "TypeError: The fill character must be exactly one character long");
    }

    #[test]
    fn percent_formatting() {
        // Expected values from python3.
        let f = |fmt: &str, args: Value| p(fmt).percent_format(&args).map(|s| s.as_str().to_string());
        let t = |v: Vec<Value>| Value::tuple(v);
        let iv = |v: i64| Value::Int(i(v));
        let fv = Value::Float;
        let sv = |v: &str| Value::Str(p(v));
        assert_eq!(f("%05f", fv(f64::INFINITY)).unwrap(), "00inf");
        assert_eq!(f("%-6.1f|", fv(2.25)).unwrap(), "2.2   |");
        assert_eq!(f("%.3d", iv(-5)).unwrap(), "-005");
        assert_eq!(f("%+05d", iv(5)).unwrap(), "+0005");
        assert_eq!(f("%-05d|", iv(5)).unwrap(), "5    |");
        assert_eq!(f("%#06x", iv(255)).unwrap(), "0x00ff");
        assert_eq!(f("%#o", iv(8)).unwrap(), "0o10");
        assert_eq!(f("%5s|%-5s|", t(vec![sv("ab"), sv("cd")])).unwrap(), "   ab|cd   |");
        assert_eq!(f("%05s", sv("ab")).unwrap(), "   ab");
        assert_eq!(f("%.1s", sv("abc")).unwrap(), "a");
        assert_eq!(f("%c%c", t(vec![iv(97), sv("b")])).unwrap(), "ab");
        assert_eq!(f("%d", fv(3.7)).unwrap(), "3");
        assert_eq!(f("%x", Value::Bool(true)).unwrap(), "1");
        assert_eq!(f("%r", sv("a")).unwrap(), "'a'");
        assert_eq!(f("%5.1e", fv(12345.678)).unwrap(), "1.2e+04");
        assert_eq!(f("%g", fv(1e-5)).unwrap(), "1e-05");
        assert_eq!(f("%i %u", t(vec![iv(1), iv(2)])).unwrap(), "1 2");
        assert_eq!(f("%*d", t(vec![iv(5), iv(3)])).unwrap(), "    3");
        assert_eq!(f("%.*f", t(vec![iv(2), fv(1.23456)])).unwrap(), "1.23");
        assert_eq!(f("%s", t(vec![iv(1)])).unwrap(), "1");
        assert_eq!(f("%#.0f", fv(2.0)).unwrap(), "2.");
        assert_eq!(f("% d", iv(5)).unwrap(), " 5");
        assert_eq!(f("%X", iv(255)).unwrap(), "FF");
        assert_eq!(f("%E", fv(1.5)).unwrap(), "1.500000E+00");
        assert_eq!(f("%s", Value::None).unwrap(), "None");
        assert_eq!(f("%a", sv("é")).unwrap(), "'\\xe9'");
        assert_eq!(f("100%% %s", sv("x")).unwrap(), "100% x");
        assert_eq!(f("abc", t(vec![])).unwrap(), "abc");
        assert_eq!(f("%.3d", fv(1.5)).unwrap(), "001");
        let list = Value::from_list(PyList::from_vec(vec![i(1)]));
        assert_eq!(f("abc", list.clone()).unwrap(), "abc");
        assert_eq!(f("%s", list).unwrap(), "[1]");
        let e = |fmt: &str, args: Value| f(fmt, args).unwrap_err().to_string();
        assert_eq!(e("%d", sv("a")), "TypeError: %d format: a real number is required, not str");
        assert_eq!(e("%x", fv(1.5)), "TypeError: %x format: an integer is required, not float");
        assert_eq!(e("%d %d", t(vec![iv(1)])), "TypeError: not enough arguments for format string");
        assert_eq!(e("%d", t(vec![iv(1), iv(2)])), "TypeError: not all arguments converted during string formatting");
        assert_eq!(e("%c", sv("ab")), "TypeError: %c requires int or char");
        assert_eq!(e("%c", iv(0x110000)), "OverflowError: %c arg not in range(0x110000)");
        assert_eq!(e("%z", iv(1)), "ValueError: unsupported format character 'z' (0x7a) at index 1");
        assert_eq!(e("%", iv(1)), "ValueError: incomplete format");
        assert_eq!(e("abc", iv(1)), "TypeError: not all arguments converted during string formatting");
        assert_eq!(e("%s", t(vec![])), "TypeError: not enough arguments for format string");
        assert_eq!(e("%(a)s", iv(1)), "TypeError: format requires a mapping");
        assert_eq!(e("%d", Value::None), "TypeError: %d format: a real number is required, not NoneType");
        assert_eq!(e("%f", sv("x")), "TypeError: must be real number, not str");
        assert_eq!(e("%*d", t(vec![sv("a"), iv(1)])), "TypeError: * wants int");
    }

    #[test]
    fn object_protocol() {
        assert_eq!(crate::object::py_repr(&p("it's")).unwrap(), "\"it's\"");
        assert_eq!(crate::object::py_str(&p("a")).unwrap(), "a");
        assert!(!p("").truthy());
        assert_eq!(p("").type_name(), "str");
        assert!(p("a") < p("b") && p("Z") < p("a") && p("é") > p("z"));
        let chars: Vec<PyStr> = p("aé").iter().collect();
        assert_eq!(chars, vec![p("a"), p("é")]);
        // Shared one-character strings: no allocation per character.
        assert!(p("ab").getitem(&i(0)).unwrap().ptr_eq(&p("a")));
    }

    #[test]
    fn case_mappings_follow_cpython() {
        // Title case differs from upper case for digraphs, ß and ligatures; a capital sigma at
        // the end of a word lowers to a final sigma.
        assert_eq!(p("ǆemal ǈub").title().as_str(), "ǅemal ǈub");
        assert_eq!(p("straße").capitalize().as_str(), "Straße");
        assert_eq!(p("ßa").title().as_str(), "Ssa");
        assert_eq!(p("ﬁnal").capitalize().as_str(), "Final");
        assert_eq!(p("ΣΑΣ ΟΔΟΣ").title().as_str(), "Σας Οδος");
        assert_eq!(p("ΣΑΣ").swapcase().as_str(), "σας");
        assert_eq!(p("o'neil mc-donald").title().as_str(), "O'Neil Mc-Donald");
        assert!(p("Title Case").istitle() && !p("not Title").istitle() && !p("").istitle());
    }

    #[test]
    fn partition_and_search_bounds() {
        let (a, b, c) = p("a,b,c").rpartition(&p(",")).unwrap();
        assert_eq!((a.as_str(), b.as_str(), c.as_str()), ("a,b", ",", "c"));
        assert!(p("x").partition(&p("")).is_err());
        let s = p("hello world, hello");
        assert_eq!(s.find_range(&p("o"), Some(&i(5)), Some(&i(7))), i(-1));
        assert_eq!(s.find_range(&p(""), Some(&i(18)), None), i(18));
        assert_eq!(s.find_range(&p(""), Some(&i(19)), None), i(-1));
        assert_eq!(s.count_range(&p(""), Some(&i(2)), Some(&i(5))), i(4));
        assert_eq!(s.rfind_range(&p("l"), None, Some(&i(-3))), i(9));
        assert!(!s.startswith_range(&p(""), Some(&i(19)), None));
        assert!(p("é€x").endswith_range(&p("€"), None, Some(&i(2))));
    }

    fn fmt(template: &str, args: &[Value]) -> Result<String, String> {
        let kwargs = [("name", Value::Str(p("Ada")))];
        p(template).format_method(args, &kwargs).map(|s| s.as_str().to_string()).map_err(|e| e.to_string())
    }

    #[test]
    fn str_format_fields_and_errors() {
        let args = [Value::Int(i(42)), Value::Str(p("x"))];
        assert_eq!(fmt("{} {}|{1}{0}|{name!r:>6}|{{}}|{0:{1}>5}", &args[..1]).unwrap_err(), "IndexError: Replacement index 1 out of range for positional args tuple");
        assert_eq!(fmt("{0:>5}|{1!r}|{name:^7}|{{}}|{0:{1}>{0}}", &args).unwrap(), "   42|'x'|  Ada  |{}|".to_string() + &"x".repeat(40) + "42");
        assert_eq!(fmt("{0} {}", &args).unwrap_err(), "ValueError: cannot switch from manual field specification to automatic field numbering");
        assert_eq!(fmt("{} {0}", &args).unwrap_err(), "ValueError: cannot switch from automatic field numbering to manual field specification");
        assert_eq!(fmt("a}", &args).unwrap_err(), "ValueError: Single '}' encountered in format string");
        assert_eq!(fmt("{!}", &args).unwrap_err(), "ValueError: unmatched '{' in format spec");
        assert_eq!(fmt("{0[}", &args).unwrap_err(), "ValueError: expected '}' before end of string");
        assert_eq!(fmt("{missing}", &args).unwrap_err(), "KeyError: 'missing'");
        assert_eq!(fmt("{:{:{:{}}}}", &args).unwrap_err(), "ValueError: Max string recursion exceeded");
    }
}
