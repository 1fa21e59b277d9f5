//! `random`: CPython 3.11's Mersenne Twister (MT19937) and the `random.Random` methods built on
//! it, bit for bit: the same seed gives the same numbers as `python3`.
//!
//! [`Random`] is a `random.Random()` instance (shared by reference, as Python objects are). The
//! module-level functions (`random_random()`, `random_randint(&a, &b)`, ...) use one default
//! instance per thread, seeded from OS entropy on first use, like the module's hidden `_inst`.
//!
//! What is exact: seeding (`int` by absolute value, `float` by hash, `str` through SHA-512 as
//! in version 2, `None` from `/dev/urandom`), `random()`, `getrandbits`, `randrange`/`randint`
//! (through `_randbelow_with_getrandbits`), `choice`, `shuffle`, `sample`, `choices` (with and
//! without weights), `uniform`, `triangular`, `gauss`, `normalvariate`, `lognormvariate`,
//! `expovariate`, `paretovariate`, `weibullvariate`, and every error message.

use super::math::{libm, MathArg, Real};
use super::sha512::sha512;
use crate::builtins::RangeIter;
use crate::err::{PyErr, PyResult};
use crate::float::{float_hash, float_pow};
use crate::int::Int;
use crate::list::PyList;
use crate::pystr::PyStr;
use crate::value::Value;
use num_bigint::{BigInt, BigUint};
use std::borrow::Cow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::rc::Rc;

// ---------------------------------------------------------------------------------------------
// MT19937 (Matsumoto & Nishimura), with CPython's seeding.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator state: 624 words and the position of the next one to temper.
#[derive(Clone)]
pub struct Mt19937 {
    mt: [u32; N],
    index: usize,
}

impl Mt19937 {
    /// Seeds from one word (the reference `init_genrand`).
    fn from_u32(seed: u32) -> Mt19937 {
        let mut mt = [0u32; N];
        mt[0] = seed;
        for i in 1..N {
            let prev = mt[i - 1];
            mt[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { mt, index: N }
    }

    /// Seeds from a key of words (the reference `init_by_array`), what CPython's `seed` uses for
    /// every seed. An empty key is treated as `[0]`.
    pub fn from_key(key: &[u32]) -> Mt19937 {
        let zero = [0u32];
        let key = if key.is_empty() { &zero[..] } else { key };
        let mut s = Mt19937::from_u32(19_650_218);
        let mt = &mut s.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        s
    }

    /// Regenerates the 624 words.
    fn twist(&mut self) {
        let mt = &mut self.mt;
        let mix = |cur: u32, next: u32, far: u32| {
            let y = (cur & UPPER_MASK) | (next & LOWER_MASK);
            far ^ (y >> 1) ^ if y & 1 == 0 { 0 } else { MATRIX_A }
        };
        for k in 0..N - M {
            mt[k] = mix(mt[k], mt[k + 1], mt[k + M]);
        }
        for k in N - M..N - 1 {
            mt[k] = mix(mt[k], mt[k + 1], mt[k + M - N]);
        }
        mt[N - 1] = mix(mt[N - 1], mt[0], mt[M - 1]);
        self.index = 0;
    }

    /// The next 32-bit output (`genrand_uint32`).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `1 <= k <= 64`.
    #[inline]
    fn bits_u64(&mut self, k: u32) -> u64 {
        if k <= 32 {
            (self.next_u32() >> (32 - k)) as u64
        } else {
            let lo = self.next_u32() as u64;
            let hi = (self.next_u32() >> (64 - k)) as u64;
            lo | (hi << 32)
        }
    }

    /// `getrandbits(k)` for any `k`: 32-bit words, least significant first, the last one
    /// keeping its top bits.
    fn bits_big(&mut self, k: u64) -> BigUint {
        let words = k.div_ceil(32);
        let mut left = k;
        let mut digits = Vec::with_capacity(words as usize);
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(digits)
    }
}

/// The key `random_seed` builds from a non-negative int: its 32-bit words, least significant
/// first (`[0]` for zero).
fn key_of(n: &BigUint) -> Vec<u32> {
    let d = n.to_u32_digits();
    if d.is_empty() {
        vec![0]
    } else {
        d
    }
}

/// 624 words from the OS (CPython's `random_seed_urandom`), or the time and process id when
/// that fails.
fn entropy_key() -> Vec<u32> {
    use std::io::Read;
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if ok {
        return buf.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let ns = now.as_nanos();
    vec![ns as u32, (ns >> 32) as u32, (ns >> 64) as u32, std::process::id()]
}

// ---------------------------------------------------------------------------------------------
// Seeds

/// A seed for `random.seed(a)`: the types CPython accepts.
pub enum Seed<'a> {
    /// `seed()` / `seed(None)`: OS entropy.
    None,
    Int(Cow<'a, Int>),
    /// Seeds with `hash(x)` (as an unsigned machine word).
    Float(f64),
    /// Version 2: `int.from_bytes(s.encode() + sha512(s.encode()).digest())`.
    Str(&'a str),
}

/// What `random.seed` (and `random.Random(...)`) accepts: `()`/`None`, ints, bools, floats,
/// strs, `Option`s of those, and `Value`s holding them.
pub trait SeedArg {
    fn seed_arg(&self) -> PyResult<Seed<'_>>;
}

impl SeedArg for () {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::None)
    }
}
impl SeedArg for Int {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Int(Cow::Borrowed(self)))
    }
}
impl SeedArg for i64 {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Int(Cow::Owned(Int::from(*self))))
    }
}
impl SeedArg for bool {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Int(Cow::Owned(Int::from(*self))))
    }
}
impl SeedArg for f64 {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Float(*self))
    }
}
impl SeedArg for PyStr {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Str(self.as_str()))
    }
}
impl SeedArg for str {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        Ok(Seed::Str(self))
    }
}
impl<T: SeedArg + ?Sized> SeedArg for &T {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        (**self).seed_arg()
    }
}
impl<T: SeedArg> SeedArg for Option<T> {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        match self {
            None => Ok(Seed::None),
            Some(x) => x.seed_arg(),
        }
    }
}
impl SeedArg for Value {
    fn seed_arg(&self) -> PyResult<Seed<'_>> {
        match self {
            Value::None => Ok(Seed::None),
            Value::Bool(b) => Ok(Seed::Int(Cow::Owned(Int::from(*b)))),
            Value::Int(i) => Ok(Seed::Int(Cow::Borrowed(i))),
            Value::Float(f) => Ok(Seed::Float(*f)),
            Value::Str(s) => Ok(Seed::Str(s.as_str())),
            _ => Err(PyErr::type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        }
    }
}

impl Seed<'_> {
    fn key(&self) -> Vec<u32> {
        match self {
            Seed::None => entropy_key(),
            Seed::Int(i) => key_of(i.to_bigint().magnitude()),
            Seed::Float(f) => key_of(&BigUint::from(float_hash(*f) as u64)),
            Seed::Str(s) => {
                let mut bytes = s.as_bytes().to_vec();
                bytes.extend_from_slice(&sha512(s.as_bytes()));
                key_of(&BigUint::from_bytes_be(&bytes))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sequences random can pick from

/// A sequence `choice`, `sample` and `choices` can index: lists, strs, ranges, `Vec`s and
/// `Value`s (through Python's `len` and `[]`).
pub trait RandSeq {
    type Item;
    /// `len(seq)`.
    fn seq_len(&self) -> PyResult<usize>;
    /// `seq[i]`, raising the sequence's own `IndexError` when out of range.
    fn seq_get(&self, i: usize) -> PyResult<Self::Item>;
}

impl<T: Clone> RandSeq for PyList<T> {
    type Item = T;
    fn seq_len(&self) -> PyResult<usize> {
        Ok(self.len_usize())
    }
    fn seq_get(&self, i: usize) -> PyResult<T> {
        self.borrow().get(i).cloned().ok_or_else(|| PyErr::index_error("list index out of range"))
    }
}

impl RandSeq for PyStr {
    type Item = PyStr;
    fn seq_len(&self) -> PyResult<usize> {
        Ok(self.len_usize())
    }
    fn seq_get(&self, i: usize) -> PyResult<PyStr> {
        self.getitem_i64(i as i64)
    }
}

impl<T: Clone> RandSeq for Vec<T> {
    type Item = T;
    fn seq_len(&self) -> PyResult<usize> {
        Ok(self.len())
    }
    fn seq_get(&self, i: usize) -> PyResult<T> {
        self.get(i).cloned().ok_or_else(|| PyErr::index_error("list index out of range"))
    }
}

impl RandSeq for RangeIter {
    type Item = Int;
    fn seq_len(&self) -> PyResult<usize> {
        self.remaining()
            .to_i64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))
    }
    fn seq_get(&self, i: usize) -> PyResult<Int> {
        if i >= self.seq_len()? {
            return Err(PyErr::index_error("range object index out of range"));
        }
        Ok(self.item(i))
    }
}

impl RandSeq for Value {
    type Item = Value;
    fn seq_len(&self) -> PyResult<usize> {
        let n = self.len()?;
        n.to_usize().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))
    }
    fn seq_get(&self, i: usize) -> PyResult<Value> {
        self.getitem(&Value::Int(Int::from(i)))
    }
}

impl<S: RandSeq + ?Sized> RandSeq for &S {
    type Item = S::Item;
    fn seq_len(&self) -> PyResult<usize> {
        (**self).seq_len()
    }
    fn seq_get(&self, i: usize) -> PyResult<S::Item> {
        (**self).seq_get(i)
    }
}

// ---------------------------------------------------------------------------------------------
// random.Random

struct State {
    mt: Mt19937,
    gauss_next: Option<f64>,
}

/// A `random.Random` instance. `clone` shares the instance (Python reference semantics).
#[derive(Clone)]
pub struct Random(Rc<RefCell<State>>);

/// `4 * exp(-0.5) / sqrt(2.0)`, as random.py computes it.
fn nv_magicconst() -> f64 {
    4.0 * libm::exp(-0.5) / 2.0f64.sqrt()
}

const TWOPI: f64 = std::f64::consts::TAU;

fn empty_range() -> PyErr {
    PyErr::value_error("empty range for randrange()")
}

/// `math.log(x)` for the positive floats random.py takes logs of.
fn ln(x: f64) -> PyResult<f64> {
    super::math::math_log(x)
}

impl Random {
    /// `random.Random(x)`.
    pub fn new(seed: impl SeedArg) -> PyResult<Random> {
        let key = seed.seed_arg()?.key();
        Ok(Random(Rc::new(RefCell::new(State { mt: Mt19937::from_key(&key), gauss_next: None }))))
    }

    /// `random.Random()`: seeded from OS entropy.
    pub fn from_entropy() -> Random {
        Random(Rc::new(RefCell::new(State { mt: Mt19937::from_key(&entropy_key()), gauss_next: None })))
    }

    /// `a is b`.
    pub fn ptr_eq(&self, other: &Random) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut Mt19937) -> R) -> R {
        f(&mut self.0.borrow_mut().mt)
    }

    /// `seed(a)`; `seed(())` / `seed(None)` reseeds from OS entropy.
    pub fn seed(&self, a: impl SeedArg) -> PyResult<()> {
        let key = a.seed_arg()?.key();
        let mut st = self.0.borrow_mut();
        st.mt = Mt19937::from_key(&key);
        st.gauss_next = None;
        Ok(())
    }

    /// `random()`: a float in [0.0, 1.0).
    #[inline]
    pub fn random(&self) -> f64 {
        self.with(|mt| mt.next_f64())
    }

    /// `getrandbits(k)`.
    pub fn getrandbits(&self, k: &Int) -> PyResult<Int> {
        if k.is_negative() {
            return Err(PyErr::value_error("number of bits must be non-negative"));
        }
        match k.to_i64() {
            Some(k) if k <= i32::MAX as i64 => Ok(self.getrandbits_u64(k as u64)),
            _ => Err(PyErr::overflow("Python int too large to convert to C int")),
        }
    }

    fn getrandbits_u64(&self, k: u64) -> Int {
        match k {
            0 => Int::zero(),
            1..=64 => Int::from(self.with(|mt| mt.bits_u64(k as u32))),
            _ => Int::from_bigint(BigInt::from(self.with(|mt| mt.bits_big(k)))),
        }
    }

    /// `_randbelow(n)` (`_randbelow_with_getrandbits`) for `n > 0`: draws `n.bit_length()`
    /// bits until the number is below `n`.
    pub fn randbelow(&self, n: &Int) -> Int {
        if let Some(small) = n.to_i64() {
            if small > 0 {
                return Int::from(self.randbelow_u64(small as u64));
            }
            return Int::zero();
        }
        let big = n.to_bigint();
        let bound = big.magnitude();
        let k = bound.bits();
        self.with(|mt| loop {
            let r = mt.bits_big(k);
            if &r < bound {
                return Int::from_bigint(BigInt::from(r));
            }
        })
    }

    /// `_randbelow(n)` for a machine-word `n > 0`.
    #[inline]
    pub fn randbelow_u64(&self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        self.with(|mt| loop {
            let r = mt.bits_u64(k);
            if r < n {
                return r;
            }
        })
    }

    /// `randrange(stop)`.
    pub fn randrange_stop(&self, stop: &Int) -> PyResult<Int> {
        if stop.is_positive() {
            Ok(self.randbelow(stop))
        } else {
            Err(empty_range())
        }
    }

    /// `randrange(start, stop[, step])` (pass `&Int::one()` for the default step).
    pub fn randrange(&self, start: &Int, stop: &Int, step: &Int) -> PyResult<Int> {
        let width = stop - start;
        if *step == 1 {
            if width.is_positive() {
                return Ok(start + &self.randbelow(&width));
            }
            return Err(PyErr::value_error(format!("empty range for randrange() ({start}, {stop}, {width})")));
        }
        let n = match step.sign() {
            1 => (&(&width + step) - &Int::one()).floordiv(step)?,
            -1 => (&(&width + step) + &Int::one()).floordiv(step)?,
            _ => return Err(PyErr::value_error("zero step for randrange()")),
        };
        if !n.is_positive() {
            return Err(empty_range());
        }
        Ok(start + &(step * &self.randbelow(&n)))
    }

    /// `randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&self, a: &Int, b: &Int) -> PyResult<Int> {
        self.randrange(a, &(b + &Int::one()), &Int::one())
    }

    /// `choice(seq)`.
    pub fn choice<S: RandSeq + ?Sized>(&self, seq: &S) -> PyResult<S::Item> {
        let n = seq.seq_len()?;
        if n == 0 {
            return Err(PyErr::index_error("Cannot choose from an empty sequence"));
        }
        seq.seq_get(self.randbelow_u64(n as u64) as usize)
    }

    /// `shuffle(x)`: in place; for `i` from `len - 1` down to 1 swaps `x[i]` with
    /// `x[_randbelow(i + 1)]`.
    pub fn shuffle<T: Clone>(&self, x: &PyList<T>) -> PyResult<()> {
        let mut v = x.to_vec();
        for i in (1..v.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1) as usize;
            v.swap(i, j);
        }
        x.set_slice(None, None, None, v)
    }

    /// `sample(population, k)`.
    pub fn sample<S>(&self, population: &S, k: &Int) -> PyResult<PyList<S::Item>>
    where
        S: RandSeq + ?Sized,
        S::Item: Clone,
    {
        let n = population.seq_len()?;
        let k = match k.to_usize() {
            Some(k) if k <= n => k,
            _ => return Err(PyErr::value_error("Sample larger than population or is negative")),
        };
        let mut result = Vec::with_capacity(k);
        let mut setsize: u128 = 21;
        if k > 5 {
            // 4 ** ceil(log(k * 3, 4)), with math.log's float arithmetic.
            let e = (libm::log(k as f64 * 3.0) / libm::log(4.0)).ceil() as u32;
            setsize = setsize.saturating_add(4u128.checked_pow(e).unwrap_or(u128::MAX));
        }
        if n as u128 <= setsize {
            let mut pool = Vec::with_capacity(n);
            for i in 0..n {
                pool.push(population.seq_get(i)?);
            }
            for i in 0..k {
                let j = self.randbelow_u64((n - i) as u64) as usize;
                result.push(pool[j].clone());
                pool[j] = pool[n - i - 1].clone();
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n as u64);
                while selected.contains(&j) {
                    j = self.randbelow_u64(n as u64);
                }
                selected.insert(j);
                result.push(population.seq_get(j as usize)?);
            }
        }
        Ok(PyList::from_vec(result))
    }

    /// `choices(population, k=k)`: with replacement, equal weights.
    pub fn choices<S: RandSeq + ?Sized>(&self, population: &S, k: &Int) -> PyResult<PyList<S::Item>> {
        let n = population.seq_len()? as f64;
        let count = repeat_count(k)?;
        let mut out = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            let i = (self.random() * n).floor();
            out.push(population.seq_get(i as usize)?);
        }
        Ok(PyList::from_vec(out))
    }

    /// `choices(population, weights, k=k)`.
    pub fn choices_weighted<S, I>(&self, population: &S, weights: I, k: &Int) -> PyResult<PyList<S::Item>>
    where
        S: RandSeq + ?Sized,
        I: IntoIterator,
        I::Item: MathArg,
    {
        let mut cum: Vec<Real<'static>> = Vec::new();
        for w in weights {
            let w = owned(w.real_arg()?);
            let next = match cum.last() {
                None => w,
                Some(acc) => add_real(acc, &w)?,
            };
            cum.push(next);
        }
        self.choices_cum(population, cum, k)
    }

    /// `choices(population, cum_weights=cum_weights, k=k)`.
    pub fn choices_cum_weights<S, I>(&self, population: &S, cum_weights: I, k: &Int) -> PyResult<PyList<S::Item>>
    where
        S: RandSeq + ?Sized,
        I: IntoIterator,
        I::Item: MathArg,
    {
        let mut cum = Vec::new();
        for w in cum_weights {
            cum.push(owned(w.real_arg()?));
        }
        self.choices_cum(population, cum, k)
    }

    fn choices_cum<S: RandSeq + ?Sized>(&self, population: &S, cum: Vec<Real<'static>>, k: &Int) -> PyResult<PyList<S::Item>> {
        let n = population.seq_len()?;
        if cum.len() != n {
            return Err(PyErr::value_error("The number of weights does not match the population"));
        }
        let total = match cum.last() {
            None => return Err(PyErr::index_error("list index out of range")),
            Some(Real::Float(f)) => *f + 0.0,
            Some(Real::Int(i)) => i.to_f64()?,
        };
        if total <= 0.0 {
            return Err(PyErr::value_error("Total of weights must be greater than zero"));
        }
        if !total.is_finite() {
            return Err(PyErr::value_error("Total of weights must be finite"));
        }
        let count = repeat_count(k)?;
        let mut out = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            let x = self.random() * total;
            // bisect.bisect(cum_weights, x, 0, n - 1)
            let (mut lo, mut hi) = (0usize, n - 1);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let below = match &cum[mid] {
                    Real::Float(c) => x < *c,
                    Real::Int(c) => c.cmp_f64(x) == Some(Ordering::Greater),
                };
                if below {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.push(population.seq_get(lo)?);
        }
        Ok(PyList::from_vec(out))
    }

    /// `uniform(a, b)`: `a + (b - a) * random()`.
    pub fn uniform(&self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `triangular(low, high, mode)` (`mode = None` for the midpoint).
    pub fn triangular(&self, low: f64, high: f64, mode: Option<f64>) -> PyResult<f64> {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => {
                if high - low == 0.0 {
                    return Ok(low);
                }
                (m - low) / (high - low)
            }
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        Ok(low + (high - low) * super::math::math_sqrt(u * c)?)
    }

    /// `normalvariate(mu, sigma)` (Kinderman and Monahan).
    pub fn normalvariate(&self, mu: f64, sigma: f64) -> PyResult<f64> {
        let magic = nv_magicconst();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -ln(u2)? {
                return Ok(mu + z * sigma);
            }
        }
    }

    /// `gauss(mu, sigma)` (Box-Muller, keeping the second value for the next call).
    pub fn gauss(&self, mu: f64, sigma: f64) -> PyResult<f64> {
        let pending = self.0.borrow_mut().gauss_next.take();
        let z = match pending {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                let g2rad = super::math::math_sqrt(-2.0 * ln(1.0 - self.random())?)?;
                self.0.borrow_mut().gauss_next = Some(libm::sin(x2pi) * g2rad);
                libm::cos(x2pi) * g2rad
            }
        };
        Ok(mu + z * sigma)
    }

    /// `lognormvariate(mu, sigma)`.
    pub fn lognormvariate(&self, mu: f64, sigma: f64) -> PyResult<f64> {
        super::math::math_exp(self.normalvariate(mu, sigma)?)
    }

    /// `expovariate(lambd)`.
    pub fn expovariate(&self, lambd: f64) -> PyResult<f64> {
        let x = -ln(1.0 - self.random())?;
        crate::float::float_truediv(x, lambd)
    }

    /// `paretovariate(alpha)`.
    pub fn paretovariate(&self, alpha: f64) -> PyResult<f64> {
        let u = 1.0 - self.random();
        float_pow(u, crate::float::float_truediv(-1.0, alpha)?)
    }

    /// `weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&self, alpha: f64, beta: f64) -> PyResult<f64> {
        let u = 1.0 - self.random();
        Ok(alpha * float_pow(-ln(u)?, crate::float::float_truediv(1.0, beta)?)?)
    }
}

impl crate::object::PyObject for Random {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<random.Random object at {:#x}>", Rc::as_ptr(&self.0) as usize));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "Random"
    }
}

/// How many times `itertools.repeat(None, k)` repeats (none for negative `k`).
fn repeat_count(k: &Int) -> PyResult<usize> {
    if k.is_negative() {
        return Ok(0);
    }
    k.to_usize().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))
}

fn owned(r: Real<'_>) -> Real<'static> {
    match r {
        Real::Int(i) => Real::Int(Cow::Owned(i.into_owned())),
        Real::Float(f) => Real::Float(f),
    }
}

/// `a + b` for the numbers `itertools.accumulate` adds.
fn add_real(a: &Real<'_>, b: &Real<'_>) -> PyResult<Real<'static>> {
    Ok(match (a, b) {
        (Real::Int(x), Real::Int(y)) => Real::Int(Cow::Owned(x.as_ref() + y.as_ref())),
        (Real::Int(x), Real::Float(y)) => Real::Float(x.to_f64()? + y),
        (Real::Float(x), Real::Int(y)) => Real::Float(x + y.to_f64()?),
        (Real::Float(x), Real::Float(y)) => Real::Float(x + y),
    })
}

// ---------------------------------------------------------------------------------------------
// The module-level functions: one default instance per thread.

thread_local! {
    static DEFAULT: Random = Random::from_entropy();
}

/// The instance behind the module-level functions.
pub fn random_default() -> Random {
    DEFAULT.with(|r| r.clone())
}

#[inline]
fn with_default<R>(f: impl FnOnce(&Random) -> R) -> R {
    DEFAULT.with(f)
}

/// `random.seed(a)`; `random_seed(())` is `random.seed()`.
pub fn random_seed(a: impl SeedArg) -> PyResult<()> {
    with_default(|r| r.seed(a))
}
/// `random.random()`.
pub fn random_random() -> f64 {
    with_default(|r| r.random())
}
/// `random.getrandbits(k)`.
pub fn random_getrandbits(k: &Int) -> PyResult<Int> {
    with_default(|r| r.getrandbits(k))
}
/// `random.randrange(stop)`.
pub fn random_randrange_stop(stop: &Int) -> PyResult<Int> {
    with_default(|r| r.randrange_stop(stop))
}
/// `random.randrange(start, stop, step)`.
pub fn random_randrange(start: &Int, stop: &Int, step: &Int) -> PyResult<Int> {
    with_default(|r| r.randrange(start, stop, step))
}
/// `random.randint(a, b)`.
pub fn random_randint(a: &Int, b: &Int) -> PyResult<Int> {
    with_default(|r| r.randint(a, b))
}
/// `random.choice(seq)`.
pub fn random_choice<S: RandSeq + ?Sized>(seq: &S) -> PyResult<S::Item> {
    with_default(|r| r.choice(seq))
}
/// `random.shuffle(x)`.
pub fn random_shuffle<T: Clone>(x: &PyList<T>) -> PyResult<()> {
    with_default(|r| r.shuffle(x))
}
/// `random.sample(population, k)`.
pub fn random_sample<S>(population: &S, k: &Int) -> PyResult<PyList<S::Item>>
where
    S: RandSeq + ?Sized,
    S::Item: Clone,
{
    with_default(|r| r.sample(population, k))
}
/// `random.choices(population, k=k)`.
pub fn random_choices<S: RandSeq + ?Sized>(population: &S, k: &Int) -> PyResult<PyList<S::Item>> {
    with_default(|r| r.choices(population, k))
}
/// `random.choices(population, weights, k=k)`.
pub fn random_choices_weighted<S, I>(population: &S, weights: I, k: &Int) -> PyResult<PyList<S::Item>>
where
    S: RandSeq + ?Sized,
    I: IntoIterator,
    I::Item: MathArg,
{
    with_default(|r| r.choices_weighted(population, weights, k))
}
/// `random.choices(population, cum_weights=cum_weights, k=k)`.
pub fn random_choices_cum_weights<S, I>(population: &S, cum_weights: I, k: &Int) -> PyResult<PyList<S::Item>>
where
    S: RandSeq + ?Sized,
    I: IntoIterator,
    I::Item: MathArg,
{
    with_default(|r| r.choices_cum_weights(population, cum_weights, k))
}
/// `random.uniform(a, b)`.
pub fn random_uniform(a: f64, b: f64) -> f64 {
    with_default(|r| r.uniform(a, b))
}
/// `random.triangular(low, high, mode)`.
pub fn random_triangular(low: f64, high: f64, mode: Option<f64>) -> PyResult<f64> {
    with_default(|r| r.triangular(low, high, mode))
}
/// `random.gauss(mu, sigma)`.
pub fn random_gauss(mu: f64, sigma: f64) -> PyResult<f64> {
    with_default(|r| r.gauss(mu, sigma))
}
/// `random.normalvariate(mu, sigma)`.
pub fn random_normalvariate(mu: f64, sigma: f64) -> PyResult<f64> {
    with_default(|r| r.normalvariate(mu, sigma))
}
/// `random.lognormvariate(mu, sigma)`.
pub fn random_lognormvariate(mu: f64, sigma: f64) -> PyResult<f64> {
    with_default(|r| r.lognormvariate(mu, sigma))
}
/// `random.expovariate(lambd)`.
pub fn random_expovariate(lambd: f64) -> PyResult<f64> {
    with_default(|r| r.expovariate(lambd))
}
/// `random.paretovariate(alpha)`.
pub fn random_paretovariate(alpha: f64) -> PyResult<f64> {
    with_default(|r| r.paretovariate(alpha))
}
/// `random.weibullvariate(alpha, beta)`.
pub fn random_weibullvariate(alpha: f64, beta: f64) -> PyResult<f64> {
    with_default(|r| r.weibullvariate(alpha, beta))
}

#[cfg(test)]
#[path = "random_tests.rs"]
mod tests;
