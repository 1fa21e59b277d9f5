//! Python's `hash()`: CPython 3.11's values, so that sets iterate in CPython's order.
//!
//! Exact for `int`, `bool`, `float` (except NaN), tuples of those (CPython 3.11's xxHash-based
//! `tuplehash`) and, when CPython runs with `PYTHONHASHSEED=0`, for `str` too.
//!
//! What differs from CPython:
//! - `str`: CPython hashes with SipHash-1-3 keyed by a random per-process secret, so its str
//!   hashes (and the iteration order of sets of strings) change from run to run unless
//!   `PYTHONHASHSEED` is set. We use the same SipHash-1-3 over the same bytes (Latin-1, UCS-2 or
//!   UCS-4, as CPython stores the string) with the all-zero key that `PYTHONHASHSEED=0` selects:
//!   values equal `PYTHONHASHSEED=0 python3 -c 'print(hash(s))'`.
//! - `None`: CPython 3.11 hashes `None` by its address; we use the constant [`NONE_HASH`].
//! - NaN: CPython 3.11 hashes a NaN by object identity; every NaN hashes to 0 here
//!   ([`crate::float::float_hash`]).
//!
//! Equal values hash equal across types: `hash(1) == hash(1.0) == hash(True)`.

use crate::err::{PyErr, PyResult};
use crate::float::float_hash;
use crate::int::Int;
use crate::list::PyList;
use crate::object::EmptyTuple;
use crate::pystr::PyStr;
use crate::value::Value;
use std::rc::Rc;

/// `hash(x)`. Fails (`TypeError: unhashable type: 'list'`) for mutable containers.
pub trait PyHash {
    fn py_hash(&self) -> PyResult<i64>;

    /// True when hashing and `==` on this type never run Python code and never touch a dict
    /// or set, so a table may compare its keys while it is borrowed. Types holding arbitrary
    /// objects (`Value`) leave it `false`: their keys are cloned out before comparing.
    const SIMPLE: bool = false;
}

/// `hash(None)` (CPython uses `None`'s address, which varies between builds and runs).
pub const NONE_HASH: i64 = 0x7ff3_a4e5;

/// `TypeError: unhashable type: 'list'`.
#[cold]
pub fn unhashable(type_name: &str) -> PyErr {
    PyErr::type_error(format!("unhashable type: '{type_name}'"))
}

/// What `hash(obj)` makes of the int a user's `__hash__` returned: the value itself when it
/// fits a machine word (`-1`, CPython's error marker, becomes `-2`), else the int's hash.
pub fn hash_of_int(i: &Int) -> i64 {
    let h = match i.to_i64() {
        Some(v) => v,
        None => Int::py_hash(i),
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A user's `__hash__` returning a bool.
pub fn hash_of_bool(b: bool) -> i64 {
    b as i64
}

impl PyHash for Int {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(Int::py_hash(self))
    }
    const SIMPLE: bool = true;
}

impl PyHash for bool {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(*self as i64)
    }
    const SIMPLE: bool = true;
}

impl PyHash for f64 {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(float_hash(*self))
    }
    const SIMPLE: bool = true;
}

impl PyHash for () {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(NONE_HASH)
    }
    const SIMPLE: bool = true;
}

impl PyHash for PyStr {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(str_hash(self))
    }
    const SIMPLE: bool = true;
}

impl PyHash for EmptyTuple {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        Ok(TupleHasher::new().finish(0))
    }
    const SIMPLE: bool = true;
}

/// `Optional[T]`: `None` or the value.
impl<T: PyHash> PyHash for Option<T> {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        match self {
            Some(x) => x.py_hash(),
            None => Ok(NONE_HASH),
        }
    }
    const SIMPLE: bool = T::SIMPLE;
}

impl<T: PyHash + ?Sized> PyHash for Rc<T> {
    #[inline]
    fn py_hash(&self) -> PyResult<i64> {
        (**self).py_hash()
    }
    const SIMPLE: bool = T::SIMPLE;
}

/// Lists are unhashable (the error is raised at run time, as in Python).
impl<T> PyHash for PyList<T> {
    fn py_hash(&self) -> PyResult<i64> {
        Err(unhashable("list"))
    }
}

impl PyHash for Value {
    fn py_hash(&self) -> PyResult<i64> {
        match self {
            Value::None => Ok(NONE_HASH),
            Value::Bool(b) => Ok(*b as i64),
            Value::Int(i) => Ok(Int::py_hash(i)),
            Value::Float(f) => Ok(float_hash(*f)),
            Value::Str(s) => Ok(str_hash(s)),
            Value::Tuple(t) => {
                let mut h = TupleHasher::new();
                for x in t.iter() {
                    h.add(x.py_hash()?);
                }
                Ok(h.finish(t.len()))
            }
            Value::Obj(o) => o.hash_obj(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tuples: CPython 3.11's `tuplehash` (a simplified xxHash64 over the items' hashes).

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// Accumulates a tuple's hash item by item.
#[derive(Clone, Copy)]
pub struct TupleHasher(u64);

impl TupleHasher {
    #[inline]
    pub fn new() -> TupleHasher {
        TupleHasher(XXPRIME_5)
    }

    /// Feeds the next item's hash.
    #[inline]
    pub fn add(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        let acc = self.0.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.0 = acc.rotate_left(31).wrapping_mul(XXPRIME_1);
    }

    /// The tuple's hash given its length.
    #[inline]
    pub fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add((len as u64) ^ (XXPRIME_5 ^ 3527539));
        if acc == u64::MAX {
            1546275796
        } else {
            acc as i64
        }
    }
}

impl Default for TupleHasher {
    fn default() -> Self {
        TupleHasher::new()
    }
}

macro_rules! tuple_hash {
    ($( $len:literal: ($($n:tt $T:ident),+) )*) => {$(
        impl<$($T: PyHash),+> PyHash for ($($T,)+) {
            #[inline]
            fn py_hash(&self) -> PyResult<i64> {
                let mut h = TupleHasher::new();
                $( h.add(self.$n.py_hash()?); )+
                Ok(h.finish($len))
            }
            const SIMPLE: bool = $($T::SIMPLE)&&+;
        }
    )*};
}

tuple_hash! {
    1: (0 A)
    2: (0 A, 1 B)
    3: (0 A, 1 B, 2 C)
    4: (0 A, 1 B, 2 C, 3 D)
    5: (0 A, 1 B, 2 C, 3 D, 4 E)
    6: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
    7: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G)
    8: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H)
    9: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I)
    10: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J)
    11: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K)
    12: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L)
}

// ---------------------------------------------------------------------------------------------
// Strings: SipHash-1-3 over CPython's internal representation, with the all-zero key.

/// `hash(s)` as `PYTHONHASHSEED=0 python3` computes it.
pub fn str_hash(s: &PyStr) -> i64 {
    let text = s.as_str();
    if text.is_empty() {
        return 0;
    }
    let h = if s.is_ascii() {
        siphash13(0, 0, text.as_bytes())
    } else {
        // CPython stores a str with 1, 2 or 4 bytes per code point (the smallest that fits
        // the largest one) and hashes those bytes, little endian.
        let max = text.chars().map(|c| c as u32).max().unwrap_or(0);
        let mut buf = Vec::with_capacity(s.len_usize() * 4);
        if max < 0x100 {
            buf.extend(text.chars().map(|c| c as u32 as u8));
        } else if max < 0x10000 {
            for c in text.chars() {
                buf.extend_from_slice(&(c as u32 as u16).to_le_bytes());
            }
        } else {
            for c in text.chars() {
                buf.extend_from_slice(&(c as u32).to_le_bytes());
            }
        }
        siphash13(0, 0, &buf)
    };
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

#[inline(always)]
fn sip_round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[2] = v[2].rotate_left(32);
}

/// SipHash-1-3 (one compression round per word, three finalization rounds).
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v[3] ^= m;
        sip_round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    v[3] ^= last;
    sip_round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    sip_round(&mut v);
    sip_round(&mut v);
    sip_round(&mut v);
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(v: i64) -> Int {
        Int::from(v)
    }
    fn s(v: &str) -> PyStr {
        PyStr::from(v)
    }

    #[test]
    fn numbers() {
        // python3: hash(x)
        assert_eq!(i(-1).py_hash(), -2);
        assert_eq!(PyHash::py_hash(&i(-1)).unwrap(), -2);
        assert_eq!(PyHash::py_hash(&true).unwrap(), 1);
        assert_eq!(PyHash::py_hash(&1.0f64).unwrap(), 1);
        assert_eq!(PyHash::py_hash(&1.5f64).unwrap(), 1152921504606846977);
        assert_eq!(PyHash::py_hash(&Int::big("18446744073709551616")).unwrap(), 8);
        assert_eq!(Value::Float(2.0).py_hash().unwrap(), Value::Int(i(2)).py_hash().unwrap());
        assert_eq!(Value::Bool(true).py_hash().unwrap(), 1);
    }

    #[test]
    fn tuples() {
        // python3: hash(()), hash((1, 2)), hash((1,)), hash((-1, 0.5, True)), hash(((1, 2), 3))
        assert_eq!(EmptyTuple.py_hash().unwrap(), 5740354900026072187);
        assert_eq!((i(1), i(2)).py_hash().unwrap(), -3550055125485641917);
        assert_eq!((i(1),).py_hash().unwrap(), -6644214454873602895);
        assert_eq!((i(-1), 0.5f64, true).py_hash().unwrap(), 2779953706105728030);
        assert_eq!(((i(1), i(2)), i(3)).py_hash().unwrap(), -333907151259015829);
        let v = Value::tuple(vec![Value::Tuple(Rc::from(vec![Value::from(1i64), Value::from(2.0)])), Value::from(3i64)]);
        assert_eq!(v.py_hash().unwrap(), -333907151259015829);
        assert_eq!(Value::tuple(vec![]).py_hash().unwrap(), 5740354900026072187);
        const { assert!(<(Int, (PyStr, f64))>::SIMPLE) };
        const { assert!(!<(Int, Value)>::SIMPLE) };
    }

    #[test]
    fn strings_match_pythonhashseed_0() {
        // PYTHONHASHSEED=0 python3 -c "print(hash(s))"
        assert_eq!(s("a").py_hash().unwrap(), 4644417185603328019);
        assert_eq!(s("").py_hash().unwrap(), 0);
        assert_eq!(s("héllo").py_hash().unwrap(), 6395329678795984700);
        assert_eq!(s("€").py_hash().unwrap(), -5529981157763016009);
        assert_eq!(s("😀x").py_hash().unwrap(), -8926728262118538918);
        assert_eq!(s("hello world, long").py_hash().unwrap(), -7541011557293305502);
        assert_eq!(Value::Str(s("a")).py_hash().unwrap(), 4644417185603328019);
    }

    #[test]
    fn unhashable_values() {
        let l = Value::from_list(PyList::from_vec(vec![Int::from(1)]));
        assert_eq!(l.py_hash().unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        let t = Value::tuple(vec![Value::from(1i64), l]);
        assert_eq!(t.py_hash().unwrap_err().to_string(), "TypeError: unhashable type: 'list'");
        assert!(PyList::<Int>::new().py_hash().is_err());
        assert_eq!(Value::None.py_hash().unwrap(), ().py_hash().unwrap());
        assert_eq!(None::<Int>.py_hash().unwrap(), NONE_HASH);
    }
}
