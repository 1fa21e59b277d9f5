//! Python's `int`: an exact, unbounded integer with CPython 3.11 semantics.
//!
//! `Int` is 16 bytes: `Small(i64)` for every value that fits an `i64`, `Big` otherwise. The
//! invariant "Big only when the value does not fit i64" is kept by normalizing after every big
//! operation, so equality can compare variants structurally.
//!
//! Every operation has an `#[inline]` fast path on two `Small`s using checked `i64` arithmetic
//! and a separate `#[cold]`, `#[inline(never)]` slow path for overflow and big operands. Nothing
//! here wraps or panics on valid input.

use crate::err::{Exc, PyErr, PyResult};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Mul,
    MulAssign, Neg, Not, Sub, SubAssign,
};
use std::sync::atomic::{AtomicI64, Ordering as AtomicOrdering};

/// Python's `int`.
pub enum Int {
    Small(i64),
    /// Only for values outside the `i64` range.
    Big(Box<BigInt>),
}

use Int::{Big, Small};

impl Clone for Int {
    /// The `Big` arm copies out of line, through the heap pointer: cloning never takes the
    /// address of the `Int` itself (see [`IntRef`]).
    #[inline]
    fn clone(&self) -> Int {
        match self {
            Small(v) => Small(*v),
            Big(b) => Big(clone_big(b)),
        }
    }
}

#[cold]
#[inline(never)]
fn clone_big(b: &BigInt) -> Box<BigInt> {
    Box::new(b.clone())
}

/// A borrowed view of an `Int`, passed by value (in two registers) to the cold paths.
///
/// The fast paths are inlined into the generated code; if their cold calls took `&Int`, the
/// caller's variable would have its address taken and LLVM would keep it in memory for the
/// whole function, putting a store and a reload on every loop-carried integer. A view carries
/// the small value itself or the heap pointer of a big one, so the variable stays in registers.
#[derive(Clone, Copy)]
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl Int {
    #[inline(always)]
    fn view(&self) -> IntRef<'_> {
        match self {
            Small(v) => IntRef::Small(*v),
            Big(b) => IntRef::Big(b),
        }
    }
}

impl IntRef<'_> {
    fn to_bigint(self) -> BigInt {
        match self {
            IntRef::Small(v) => BigInt::from(v),
            IntRef::Big(b) => b.clone(),
        }
    }
    fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(_) => None,
        }
    }
    fn is_zero(self) -> bool {
        matches!(self, IntRef::Small(0))
    }
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }
    fn is_odd(self) -> bool {
        match self {
            IntRef::Small(v) => v & 1 != 0,
            IntRef::Big(b) => b.is_odd(),
        }
    }
    /// Number of bits of |x|.
    fn bits(self) -> u64 {
        match self {
            IntRef::Small(v) => (64 - v.unsigned_abs().leading_zeros()) as u64,
            IntRef::Big(b) => b.bits(),
        }
    }
    fn magnitude(self) -> BigUint {
        match self {
            IntRef::Small(v) => BigUint::from(v.unsigned_abs()),
            IntRef::Big(b) => b.magnitude().clone(),
        }
    }
}

/// CPython's hash modulus, 2**61 - 1.
pub(crate) const HASH_MODULUS: u64 = (1u64 << 61) - 1;
pub(crate) const HASH_BITS: u32 = 61;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[cold]
fn err(exc: Exc, msg: &str) -> PyErr {
    PyErr::new(exc, msg)
}

/// CPython raises MemoryError when it cannot allocate a result (`1 << 2**40`).
#[cold]
fn memory_error() -> PyErr {
    PyErr::with_args(Exc::MemoryError, Vec::new())
}

/// Results bigger than this many bits are refused with MemoryError instead of trying to
/// allocate them (2**36 bits = 8 GiB).
const MAX_RESULT_BITS: u64 = 1 << 36;

// ---------------------------------------------------------------------------------------------
// The int/str conversion digit limit (sys.set_int_max_str_digits)
// ---------------------------------------------------------------------------------------------

static INT_MAX_STR_DIGITS: AtomicI64 = AtomicI64::new(4300);
/// CPython's `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`.
const MAX_STR_DIGITS_THRESHOLD: i64 = 640;

/// `sys.set_int_max_str_digits(n)`: 0 disables the limit; otherwise n must be >= 640.
pub fn set_int_max_str_digits(n: i64) -> PyResult<()> {
    if n == 0 || n >= MAX_STR_DIGITS_THRESHOLD {
        INT_MAX_STR_DIGITS.store(n, AtomicOrdering::Relaxed);
        Ok(())
    } else {
        Err(err(Exc::ValueError, "maxdigits must be 0 or larger than 640"))
    }
}

/// `sys.get_int_max_str_digits()`.
pub fn get_int_max_str_digits() -> i64 {
    INT_MAX_STR_DIGITS.load(AtomicOrdering::Relaxed)
}

#[cold]
fn to_str_limit_error(limit: i64) -> PyErr {
    PyErr::new(
        Exc::ValueError,
        format!(
            "Exceeds the limit ({} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit",
            limit
        ),
    )
}

#[cold]
fn to_int_limit_error(limit: i64, digits: usize) -> PyErr {
    PyErr::new(
        Exc::ValueError,
        format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; \
             use sys.set_int_max_str_digits() to increase the limit",
            limit, digits
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Construction and conversion
// ---------------------------------------------------------------------------------------------

impl From<i64> for Int {
    #[inline]
    fn from(v: i64) -> Int {
        Small(v)
    }
}
impl From<i32> for Int {
    #[inline]
    fn from(v: i32) -> Int {
        Small(v as i64)
    }
}
impl From<u32> for Int {
    #[inline]
    fn from(v: u32) -> Int {
        Small(v as i64)
    }
}
impl From<u8> for Int {
    #[inline]
    fn from(v: u8) -> Int {
        Small(v as i64)
    }
}
impl From<bool> for Int {
    #[inline]
    fn from(v: bool) -> Int {
        Small(v as i64)
    }
}
/// Wider or unsigned machine integers: `Small` when they fit an `i64`, else `Big`.
macro_rules! int_from_wide {
    ($($t:ty),*) => {$(
        impl From<$t> for Int {
            #[inline]
            fn from(v: $t) -> Int {
                match i64::try_from(v) {
                    Ok(small) => Small(small),
                    Err(_) => Big(Box::new(BigInt::from(v))),
                }
            }
        }
    )*};
}
int_from_wide!(usize, u64, i128, u128);
impl From<BigInt> for Int {
    #[inline]
    fn from(v: BigInt) -> Int {
        Int::from_bigint(v)
    }
}

impl Default for Int {
    #[inline]
    fn default() -> Int {
        Small(0)
    }
}

/// Normalize a boxed big integer, reusing the box when it stays big.
#[inline]
fn norm_box(b: Box<BigInt>) -> Int {
    match b.to_i64() {
        Some(v) => Small(v),
        None => Big(b),
    }
}

#[inline]
fn norm(b: BigInt) -> Int {
    Int::from_bigint(b)
}

impl Int {
    #[inline]
    pub const fn zero() -> Int {
        Small(0)
    }

    #[inline]
    pub const fn one() -> Int {
        Small(1)
    }

    /// Normalizing constructor.
    pub fn from_bigint(b: BigInt) -> Int {
        match b.to_i64() {
            Some(v) => Small(v),
            None => Big(Box::new(b)),
        }
    }

    /// An integer literal (decimal digits, optionally with a sign, underscores, or a
    /// 0x/0o/0b prefix). Panics on malformed input: the transpiler passes valid digits.
    pub fn big(s: &str) -> Int {
        let cleaned: String = s.chars().filter(|&c| c != '_').collect();
        let (neg, body) = match cleaned.as_bytes().first() {
            Some(b'-') => (true, &cleaned[1..]),
            Some(b'+') => (false, &cleaned[1..]),
            _ => (false, &cleaned[..]),
        };
        let lower = body.to_ascii_lowercase();
        let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
            (16, r)
        } else if let Some(r) = lower.strip_prefix("0o") {
            (8, r)
        } else if let Some(r) = lower.strip_prefix("0b") {
            (2, r)
        } else {
            (10, &lower[..])
        };
        let mag = BigInt::parse_bytes(digits.as_bytes(), radix)
            .unwrap_or_else(|| panic!("Int::big: malformed integer literal {:?}", s));
        norm(if neg { -mag } else { mag })
    }

    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Small(v) => Some(*v),
            Big(_) => None,
        }
    }

    /// Whether the value fits a machine word (`i64`).
    #[inline]
    pub fn is_small(&self) -> bool {
        matches!(self, Small(_))
    }

    /// The value of an int the transpiler proved to fit a machine word (its variable is an
    /// `i64`, see the transpiler's `lower/machine_ints.rs`). A big value here is our bug: an
    /// internal error, never a silently wrong number.
    #[inline(always)]
    pub fn proven_small(self) -> i64 {
        match self {
            Small(v) => v,
            Big(_) => crate::entry::impossible_big_int(),
        }
    }

    #[inline]
    pub fn to_usize(&self) -> Option<usize> {
        match self {
            Small(v) if *v >= 0 => Some(*v as usize),
            Small(_) => None,
            Big(b) => b.to_usize(),
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        match self {
            Small(v) => BigInt::from(*v),
            Big(b) => (**b).clone(),
        }
    }

    /// Python's `float(int)`: correctly rounded (half to even); OverflowError beyond f64.
    #[inline]
    pub fn to_f64(&self) -> PyResult<f64> {
        match self {
            Small(v) => Ok(*v as f64),
            Big(b) => big_to_f64(b),
        }
    }

    #[inline]
    pub fn is_zero(&self) -> bool {
        matches!(self, Small(0))
    }

    #[inline]
    pub fn is_negative(&self) -> bool {
        match self {
            Small(v) => *v < 0,
            Big(b) => b.sign() == Sign::Minus,
        }
    }

    #[inline]
    pub fn is_positive(&self) -> bool {
        match self {
            Small(v) => *v > 0,
            Big(b) => b.sign() == Sign::Plus,
        }
    }

    /// -1, 0 or 1.
    #[inline]
    pub fn sign(&self) -> i32 {
        match self {
            Small(v) => v.signum() as i32,
            Big(b) => {
                if b.sign() == Sign::Minus {
                    -1
                } else {
                    1
                }
            }
        }
    }

    pub fn is_odd(&self) -> bool {
        match self {
            Small(v) => v & 1 != 0,
            Big(b) => b.is_odd(),
        }
    }

    /// `int(x)` for a float: truncation toward zero.
    pub fn from_f64(f: f64) -> PyResult<Int> {
        if f.is_nan() {
            return Err(err(Exc::ValueError, "cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(err(Exc::OverflowError, "cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        // i64 range is [-2**63, 2**63).
        if (-TWO_POW_63..TWO_POW_63).contains(&t) {
            return Ok(Small(t as i64));
        }
        Ok(big_from_integral_f64(t))
    }

    /// `abs(x)`.
    #[inline]
    pub fn abs(&self) -> Int {
        match self {
            Small(v) => match v.checked_abs() {
                Some(a) => Small(a),
                None => Int::from(v.unsigned_abs()),
            },
            Big(b) => Big(Box::new(b.abs())),
        }
    }

    /// `x.bit_length()`.
    pub fn bit_length(&self) -> Int {
        match self {
            Small(v) => Small((64 - v.unsigned_abs().leading_zeros()) as i64),
            Big(b) => Int::from(b.bits()),
        }
    }

    /// Number of bits of |x| as a plain u64.
    fn bits(&self) -> u64 {
        match self {
            Small(v) => (64 - v.unsigned_abs().leading_zeros()) as u64,
            Big(b) => b.bits(),
        }
    }
}

/// Exact conversion of an integral f64 with |f| >= 2**63.
fn big_from_integral_f64(t: f64) -> Int {
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    // value = mant * 2**(exp - 1075), exp - 1075 > 0 here.
    let shift = (exp - 1075) as u64;
    let mag = BigInt::from(mant) << shift;
    norm(if t < 0.0 { -mag } else { mag })
}

/// Correctly rounded (half-even) conversion of a big integer to f64.
#[cold]
#[inline(never)]
fn big_to_f64(b: &BigInt) -> PyResult<f64> {
    let mag = b.magnitude();
    let bits = mag.bits();
    if bits > 1024 {
        return Err(err(Exc::OverflowError, "int too large to convert to float"));
    }
    let r = if bits <= 64 {
        mag.to_u64().unwrap() as f64
    } else {
        let shift = bits - 64;
        let top = (mag >> shift).to_u64().unwrap();
        // A sticky bit below the rounding position makes the u64 -> f64 rounding exact.
        let sticky = (mag.trailing_zeros().unwrap_or(0) < shift) as u64;
        crate::float::ldexp((top | sticky) as f64, shift as i64)
    };
    if r.is_infinite() {
        return Err(err(Exc::OverflowError, "int too large to convert to float"));
    }
    Ok(if b.sign() == Sign::Minus { -r } else { r })
}

// ---------------------------------------------------------------------------------------------
// Arithmetic operators
// ---------------------------------------------------------------------------------------------

#[cold]
#[inline(never)]
fn add_slow(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::from(x as i128 + y as i128),
        (IntRef::Big(x), IntRef::Small(y)) => norm(x + y),
        (IntRef::Small(x), IntRef::Big(y)) => norm(y + x),
        (IntRef::Big(x), IntRef::Big(y)) => norm(x + y),
    }
}

#[cold]
#[inline(never)]
fn add_slow_owned(a: Int, b: IntRef) -> Int {
    match a {
        Big(mut x) => {
            match b {
                IntRef::Small(y) => *x += y,
                IntRef::Big(y) => *x += y,
            }
            norm_box(x)
        }
        Small(v) => add_slow(IntRef::Small(v), b),
    }
}

#[cold]
#[inline(never)]
fn sub_slow(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::from(x as i128 - y as i128),
        (IntRef::Big(x), IntRef::Small(y)) => norm(x - y),
        (IntRef::Small(x), IntRef::Big(y)) => norm(x - y),
        (IntRef::Big(x), IntRef::Big(y)) => norm(x - y),
    }
}

#[cold]
#[inline(never)]
fn sub_slow_owned(a: Int, b: IntRef) -> Int {
    match a {
        Big(mut x) => {
            match b {
                IntRef::Small(y) => *x -= y,
                IntRef::Big(y) => *x -= y,
            }
            norm_box(x)
        }
        Small(v) => sub_slow(IntRef::Small(v), b),
    }
}

#[cold]
#[inline(never)]
fn mul_slow(a: IntRef, b: IntRef) -> Int {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => Int::from(x as i128 * y as i128),
        (IntRef::Big(x), IntRef::Small(y)) => norm(x * y),
        (IntRef::Small(x), IntRef::Big(y)) => norm(y * x),
        (IntRef::Big(x), IntRef::Big(y)) => norm(x * y),
    }
}

#[cold]
#[inline(never)]
fn mul_slow_owned(a: Int, b: IntRef) -> Int {
    match a {
        Big(mut x) => {
            match b {
                IntRef::Small(y) => *x *= y,
                IntRef::Big(y) => *x *= y,
            }
            norm_box(x)
        }
        Small(v) => mul_slow(IntRef::Small(v), b),
    }
}

#[cold]
#[inline(never)]
fn bitand_slow(a: IntRef, b: IntRef) -> Int {
    norm(a.to_bigint() & b.to_bigint())
}
#[cold]
#[inline(never)]
fn bitor_slow(a: IntRef, b: IntRef) -> Int {
    norm(a.to_bigint() | b.to_bigint())
}
#[cold]
#[inline(never)]
fn bitxor_slow(a: IntRef, b: IntRef) -> Int {
    norm(a.to_bigint() ^ b.to_bigint())
}
#[cold]
fn bitand_slow_owned(a: Int, b: IntRef) -> Int {
    bitand_slow(a.view(), b)
}
#[cold]
fn bitor_slow_owned(a: Int, b: IntRef) -> Int {
    bitor_slow(a.view(), b)
}
#[cold]
fn bitxor_slow_owned(a: Int, b: IntRef) -> Int {
    bitxor_slow(a.view(), b)
}

#[inline(always)]
fn fast_and(a: i64, b: i64) -> Option<i64> {
    Some(a & b)
}
#[inline(always)]
fn fast_or(a: i64, b: i64) -> Option<i64> {
    Some(a | b)
}
#[inline(always)]
fn fast_xor(a: i64, b: i64) -> Option<i64> {
    Some(a ^ b)
}

macro_rules! int_binop {
    ($Trait:ident, $method:ident, $AssignTrait:ident, $assign:ident, $fast:expr, $slow:ident, $slow_owned:ident) => {
        impl $Trait<&Int> for &Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: &Int) -> Int {
                if let (Small(a), Small(b)) = (self, rhs) {
                    if let Some(c) = $fast(*a, *b) {
                        return Small(c);
                    }
                }
                $slow(self.view(), rhs.view())
            }
        }
        impl $Trait<Int> for &Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: Int) -> Int {
                self.$method(&rhs)
            }
        }
        impl $Trait<&Int> for Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: &Int) -> Int {
                if let (Small(a), Small(b)) = (&self, rhs) {
                    if let Some(c) = $fast(*a, *b) {
                        return Small(c);
                    }
                }
                $slow_owned(self, rhs.view())
            }
        }
        impl $Trait<Int> for Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: Int) -> Int {
                self.$method(&rhs)
            }
        }
        impl $Trait<i64> for Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: i64) -> Int {
                self.$method(&Small(rhs))
            }
        }
        impl $Trait<i64> for &Int {
            type Output = Int;
            #[inline]
            fn $method(self, rhs: i64) -> Int {
                self.$method(&Small(rhs))
            }
        }
        impl $AssignTrait<&Int> for Int {
            #[inline]
            fn $assign(&mut self, rhs: &Int) {
                if let (Small(a), Small(b)) = (&mut *self, rhs) {
                    if let Some(c) = $fast(*a, *b) {
                        *a = c;
                        return;
                    }
                }
                let lhs = std::mem::replace(self, Small(0));
                *self = $slow_owned(lhs, rhs.view());
            }
        }
        impl $AssignTrait<Int> for Int {
            #[inline]
            fn $assign(&mut self, rhs: Int) {
                self.$assign(&rhs)
            }
        }
        impl $AssignTrait<i64> for Int {
            #[inline]
            fn $assign(&mut self, rhs: i64) {
                self.$assign(&Small(rhs))
            }
        }
    };
}

int_binop!(Add, add, AddAssign, add_assign, i64::checked_add, add_slow, add_slow_owned);
int_binop!(Sub, sub, SubAssign, sub_assign, i64::checked_sub, sub_slow, sub_slow_owned);
int_binop!(Mul, mul, MulAssign, mul_assign, i64::checked_mul, mul_slow, mul_slow_owned);
int_binop!(BitAnd, bitand, BitAndAssign, bitand_assign, fast_and, bitand_slow, bitand_slow_owned);
int_binop!(BitOr, bitor, BitOrAssign, bitor_assign, fast_or, bitor_slow, bitor_slow_owned);
int_binop!(BitXor, bitxor, BitXorAssign, bitxor_assign, fast_xor, bitxor_slow, bitxor_slow_owned);

impl Neg for &Int {
    type Output = Int;
    #[inline]
    fn neg(self) -> Int {
        match self {
            Small(v) => match v.checked_neg() {
                Some(n) => Small(n),
                None => Int::from(v.unsigned_abs()),
            },
            Big(b) => norm(-&**b),
        }
    }
}
impl Neg for Int {
    type Output = Int;
    #[inline]
    fn neg(self) -> Int {
        match self {
            Small(v) => match v.checked_neg() {
                Some(n) => Small(n),
                None => Int::from(v.unsigned_abs()),
            },
            Big(b) => norm(-*b),
        }
    }
}

/// Python's `~x == -(x + 1)`; on an i64 this is exactly `!x`.
impl Not for &Int {
    type Output = Int;
    #[inline]
    fn not(self) -> Int {
        match self {
            Small(v) => Small(!*v),
            Big(b) => norm(-(&**b + 1i32)),
        }
    }
}
impl Not for Int {
    type Output = Int;
    #[inline]
    fn not(self) -> Int {
        (&self).not()
    }
}

// ---------------------------------------------------------------------------------------------
// Fallible arithmetic
// ---------------------------------------------------------------------------------------------

#[cold]
fn div_by_zero() -> PyErr {
    PyErr::new(Exc::ZeroDivisionError, "integer division or modulo by zero")
}

#[cold]
fn mod_by_zero() -> PyErr {
    PyErr::new(Exc::ZeroDivisionError, "integer modulo by zero")
}

// The division-by-zero check comes first and the big paths return a plain `Int`: the slow
// paths then hand their result back in registers, not through a `PyResult` in memory that the
// fast path would have to write too.

#[cold]
#[inline(never)]
fn floordiv_big(a: IntRef, b: IntRef) -> Int {
    norm(a.to_bigint().div_floor(&b.to_bigint()))
}

#[cold]
#[inline(never)]
fn modulo_big(a: IntRef, b: IntRef) -> Int {
    norm(a.to_bigint().mod_floor(&b.to_bigint()))
}

#[cold]
#[inline(never)]
fn divmod_big(a: IntRef, b: IntRef) -> (Int, Int) {
    let (q, r) = a.to_bigint().div_mod_floor(&b.to_bigint());
    (norm(q), norm(r))
}

impl Int {
    /// `a // b` (floor division).
    #[inline]
    pub fn floordiv(&self, other: &Int) -> PyResult<Int> {
        if other.is_zero() {
            return Err(div_by_zero());
        }
        if let (Small(a), Small(b)) = (self, other) {
            if !(*a == i64::MIN && *b == -1) {
                let q = a / b;
                let r = a % b;
                return Ok(Small(if r != 0 && ((r ^ b) < 0) { q - 1 } else { q }));
            }
        }
        Ok(floordiv_big(self.view(), other.view()))
    }

    /// `a % b` (result has the sign of b).
    #[inline]
    pub fn modulo(&self, other: &Int) -> PyResult<Int> {
        if other.is_zero() {
            return Err(mod_by_zero());
        }
        if let (Small(a), Small(b)) = (self, other) {
            // wrapping_rem: i64::MIN % -1 is 0, which is the right answer.
            let r = a.wrapping_rem(*b);
            return Ok(Small(if r != 0 && ((r ^ b) < 0) { r + b } else { r }));
        }
        Ok(modulo_big(self.view(), other.view()))
    }

    /// `a % m` for a positive constant `m`: it cannot raise (no `PyResult` to check).
    #[inline]
    pub fn mod_positive(&self, m: i64) -> Int {
        debug_assert!(m > 0);
        match self {
            // For a positive divisor, Python's remainder is the Euclidean one.
            Small(a) => Small(a.rem_euclid(m)),
            Big(_) => modulo_big(self.view(), IntRef::Small(m)),
        }
    }

    /// `a // m` for a positive constant `m`: it cannot raise.
    #[inline]
    pub fn floordiv_positive(&self, m: i64) -> Int {
        debug_assert!(m > 0);
        match self {
            // For a positive divisor, flooring is the Euclidean quotient (and cannot overflow).
            Small(a) => Small(a.div_euclid(m)),
            Big(_) => floordiv_big(self.view(), IntRef::Small(m)),
        }
    }

    /// `divmod(a, b)`.
    #[inline]
    pub fn divmod(&self, other: &Int) -> PyResult<(Int, Int)> {
        if other.is_zero() {
            return Err(div_by_zero());
        }
        if let (Small(a), Small(b)) = (self, other) {
            if !(*a == i64::MIN && *b == -1) {
                let q = a / b;
                let r = a % b;
                return Ok(if r != 0 && ((r ^ b) < 0) {
                    (Small(q - 1), Small(r + b))
                } else {
                    (Small(q), Small(r))
                });
            }
        }
        Ok(divmod_big(self.view(), other.view()))
    }

    /// `a / b`: correctly rounded true division.
    #[inline]
    pub fn truediv(&self, other: &Int) -> PyResult<f64> {
        if let (Small(a), Small(b)) = (self, other) {
            const LIM: u64 = 1 << 53;
            if *b != 0 && a.unsigned_abs() <= LIM && b.unsigned_abs() <= LIM {
                return Ok(*a as f64 / *b as f64);
            }
        }
        truediv_slow(self.view(), other.view())
    }

    /// `a ** exp` for exp >= 0 (a negative exponent, which Python turns into a float power,
    /// is a ValueError here: the caller handles it).
    #[inline]
    pub fn pow(&self, exp: &Int) -> PyResult<Int> {
        if let (Small(b), Small(e)) = (self, exp) {
            if *e >= 0 && *e <= u32::MAX as i64 {
                if let Some(r) = b.checked_pow(*e as u32) {
                    return Ok(Small(r));
                }
            }
        }
        pow_slow(self.view(), exp.view())
    }

    /// Three-argument `pow(base, exp, m)`.
    pub fn pow_mod(&self, exp: &Int, m: &Int) -> PyResult<Int> {
        if m.is_zero() {
            return Err(err(Exc::ValueError, "pow() 3rd argument cannot be 0"));
        }
        let negative_output = m.is_negative();
        let mabs = m.abs();
        if let Small(1) = mabs {
            return Ok(Small(0));
        }
        // Fast path: modulus fits u64 arithmetic via u128 products.
        if let (Small(mm), Small(e)) = (&mabs, exp) {
            let mm = *mm as u64;
            let mut base = match self {
                Small(b) => b.rem_euclid(mm as i64) as u64,
                Big(b) => b.mod_floor(&BigInt::from(mm)).to_u64().unwrap(),
            };
            let e = if *e < 0 {
                base = match modinv_u64(base, mm) {
                    Some(inv) => inv,
                    None => {
                        return Err(err(
                            Exc::ValueError,
                            "base is not invertible for the given modulus",
                        ))
                    }
                };
                e.unsigned_abs()
            } else {
                *e as u64
            };
            let r = modpow_u64(base, e, mm);
            let r = if negative_output && r != 0 {
                r as i128 - mm as i128
            } else {
                r as i128
            };
            return Ok(Int::from(r));
        }
        pow_mod_slow(self, exp, &mabs, negative_output)
    }

    /// `a << n`.
    #[inline]
    pub fn shl(&self, n: &Int) -> PyResult<Int> {
        if let (Small(a), Small(s)) = (self, n) {
            if (0..64).contains(s) {
                let r = a << s;
                if (r >> s) == *a {
                    return Ok(Small(r));
                }
            }
        }
        shl_slow(self.view(), n.view())
    }

    /// `a >> n` (floors for negative a).
    #[inline]
    pub fn shr(&self, n: &Int) -> PyResult<Int> {
        if let (Small(a), Small(s)) = (self, n) {
            if *s >= 0 {
                return Ok(Small(if *s >= 64 { a >> 63 } else { a >> s }));
            }
        }
        shr_slow(self.view(), n.view())
    }

    /// `round(x, ndigits)` for an int.
    pub fn round_ndigits(&self, ndigits: &Int) -> Int {
        if !ndigits.is_negative() {
            return self.clone();
        }
        // k = -ndigits > 0. 10**k > 2*|x| means the result is 0.
        let k = match (-ndigits).to_i64() {
            Some(k) => k as u64,
            None => return Small(0),
        };
        // |x| < 2**bits <= 10**(bits*0.30103 + 1)
        if k > self.bits() * 30103 / 100000 + 2 {
            return Small(0);
        }
        if let Small(x) = self {
            if k <= 18 {
                let p = 10i128.pow(k as u32);
                let x = *x as i128;
                let mut q = x.div_euclid(p);
                let r = x.rem_euclid(p);
                if 2 * r > p || (2 * r == p && q & 1 == 1) {
                    q += 1;
                }
                return Int::from(q * p);
            }
        }
        let p = Pow::pow(BigInt::from(10u32), k);
        let (mut q, r) = self.to_bigint().div_mod_floor(&p);
        let twice: BigInt = &r * 2u32;
        match twice.cmp(&p) {
            Ordering::Greater => q += 1u32,
            Ordering::Equal if q.is_odd() => q += 1u32,
            _ => {}
        }
        norm(q * p)
    }

    /// Python's hash: |x| mod (2**61 - 1) with the sign of x; -1 becomes -2.
    #[inline]
    pub fn py_hash(&self) -> i64 {
        match self {
            Small(v) => {
                let a = v.unsigned_abs();
                let mut h = (a & HASH_MODULUS) + (a >> HASH_BITS);
                if h >= HASH_MODULUS {
                    h -= HASH_MODULUS;
                }
                let h = if *v < 0 { -(h as i64) } else { h as i64 };
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            Big(b) => big_hash(b),
        }
    }

    /// `hex(x)`.
    pub fn hex(&self) -> String {
        match self {
            Small(v) if *v < 0 => format!("-{:#x}", v.unsigned_abs()),
            Small(v) => format!("{:#x}", v),
            Big(b) => format!("{:#x}", **b),
        }
    }

    /// `oct(x)`.
    pub fn oct(&self) -> String {
        match self {
            Small(v) if *v < 0 => format!("-0o{:o}", v.unsigned_abs()),
            Small(v) => format!("0o{:o}", v),
            Big(b) if b.sign() == Sign::Minus => format!("-0o{:o}", b.magnitude()),
            Big(b) => format!("0o{:o}", **b),
        }
    }

    /// `bin(x)`.
    pub fn bin(&self) -> String {
        match self {
            Small(v) if *v < 0 => format!("-{:#b}", v.unsigned_abs()),
            Small(v) => format!("{:#b}", v),
            Big(b) => format!("{:#b}", **b),
        }
    }

    /// Digits of |x| in base 2, 8, 10 or 16 (lowercase), without prefix or sign. Base 10
    /// ignores the str-digits limit: callers check it.
    pub(crate) fn magnitude_digits(&self, base: u32) -> String {
        match self {
            Small(v) => {
                let a = v.unsigned_abs();
                match base {
                    2 => format!("{:b}", a),
                    8 => format!("{:o}", a),
                    16 => format!("{:x}", a),
                    _ => a.to_string(),
                }
            }
            Big(b) => b.magnitude().to_str_radix(base),
        }
    }

    /// `str(x)` with CPython's int_max_str_digits limit.
    pub fn to_string_checked(&self) -> PyResult<String> {
        match self {
            Small(v) => Ok(v.to_string()),
            Big(b) => {
                let limit = get_int_max_str_digits();
                if limit > 0 {
                    // |x| >= 2**(bits-1), so it has more than (bits-1)*log10(2) digits.
                    let bits = b.bits();
                    if (bits - 1) as f64 * std::f64::consts::LOG10_2 >= (limit + 1) as f64 {
                        return Err(to_str_limit_error(limit));
                    }
                    let s = b.to_string();
                    let ndigits = s.len() - (b.sign() == Sign::Minus) as usize;
                    if ndigits as i64 > limit {
                        return Err(to_str_limit_error(limit));
                    }
                    Ok(s)
                } else {
                    Ok(b.to_string())
                }
            }
        }
    }

    /// `int(s, base)`.
    /// `int(s, base)` with the base a Python int.
    pub fn parse_base(s: &str, base: &Int) -> PyResult<Int> {
        match base.to_i64() {
            Some(b @ 0..=36) => Int::parse(s, b as u32),
            _ => Err(err(Exc::ValueError, "int() base must be >= 2 and <= 36, or 0")),
        }
    }

    pub fn parse(s: &str, base: u32) -> PyResult<Int> {
        if base == 1 || base > 36 {
            return Err(err(Exc::ValueError, "int() base must be >= 2 and <= 36, or 0"));
        }
        let res = if s.is_ascii() {
            parse_ascii(s.as_bytes(), base)
        } else {
            let mut buf = Vec::with_capacity(s.len());
            for c in s.chars() {
                if c.is_ascii() {
                    buf.push(c as u8);
                } else if crate::format::is_py_whitespace(c) {
                    buf.push(b' ');
                } else if let Some(d) = crate::format::decimal_value(c) {
                    buf.push(b'0' + d as u8);
                } else {
                    buf.push(b'?');
                }
            }
            parse_ascii(&buf, base)
        };
        match res {
            Ok(v) => Ok(v),
            Err(Some(e)) => Err(e),
            Err(None) => {
                let r: String = crate::format::str_repr(s).chars().take(200).collect();
                Err(PyErr::new(
                    Exc::ValueError,
                    format!("invalid literal for int() with base {}: {}", base, r),
                ))
            }
        }
    }
}

#[inline]
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[inline]
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 99,
    }
}

/// CPython's PyLong_FromString on an ASCII buffer. `Err(None)` means "invalid literal".
fn parse_ascii(s: &[u8], base: u32) -> Result<Int, Option<PyErr>> {
    let mut i = 0;
    let n = s.len();
    while i < n && is_c_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < n && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let at = |k: usize| -> u8 { if k < n { s[k] } else { 0 } };
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1);
        if (base == 16 && (p == b'x' || p == b'X'))
            || (base == 8 && (p == b'o' || p == b'O'))
            || (base == 2 && (p == b'b' || p == b'B'))
        {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return Err(None);
    }
    // Scan digits and single underscores.
    let start = i;
    let mut ndigits = 0usize;
    let mut prev_underscore = false;
    let mut has_underscore = false;
    while i < n {
        let c = s[i];
        if c == b'_' {
            if prev_underscore {
                return Err(None);
            }
            prev_underscore = true;
            has_underscore = true;
        } else if digit_value(c) < base {
            ndigits += 1;
            prev_underscore = false;
        } else {
            break;
        }
        i += 1;
    }
    if prev_underscore {
        return Err(None);
    }
    if ndigits == 0 {
        return Err(None);
    }
    if !base.is_power_of_two() && ndigits as i64 > MAX_STR_DIGITS_THRESHOLD {
        let limit = get_int_max_str_digits();
        if limit > 0 && ndigits as i64 > limit {
            return Err(Some(to_int_limit_error(limit, ndigits)));
        }
    }
    let end_digits = i;
    while i < n && is_c_space(s[i]) {
        i += 1;
    }
    if i != n {
        return Err(None);
    }
    let digits = &s[start..end_digits];
    // Fast path: fits in an i64 without overflow.
    let mut acc: i64 = 0;
    let mut ok = true;
    for &c in digits {
        if c == b'_' {
            continue;
        }
        let d = digit_value(c) as i64;
        match acc.checked_mul(base as i64).and_then(|v| v.checked_add(d)) {
            Some(v) => acc = v,
            None => {
                ok = false;
                break;
            }
        }
    }
    let value = if ok {
        if error_if_nonzero && acc != 0 {
            return Err(None);
        }
        Small(if neg { -acc } else { acc })
    } else {
        let buf: Vec<u8>;
        let d: &[u8] = if has_underscore {
            buf = digits.iter().copied().filter(|&c| c != b'_').collect();
            &buf
        } else {
            digits
        };
        let mag = BigInt::parse_bytes(d, base).expect("validated digits");
        if error_if_nonzero && !mag.is_zero() {
            return Err(None);
        }
        norm(if neg { -mag } else { mag })
    };
    Ok(value)
}

fn big_hash(b: &BigInt) -> i64 {
    // Horner over 64-bit limbs, most significant first; 2**64 = 8 (mod 2**61 - 1).
    let mut h: u64 = 0;
    for &d in b.magnitude().to_u64_digits().iter().rev() {
        let t = (h as u128) * 8 + (d as u128);
        h = (t % HASH_MODULUS as u128) as u64;
    }
    let h = if b.sign() == Sign::Minus { -(h as i64) } else { h as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

#[cold]
#[inline(never)]
fn truediv_slow(a: IntRef, b: IntRef) -> PyResult<f64> {
    const MANT: i64 = 53; // DBL_MANT_DIG
    const MIN_EXP: i64 = -1021; // DBL_MIN_EXP
    const MAX_EXP: i64 = 1024; // DBL_MAX_EXP
    if b.is_zero() {
        return Err(err(Exc::ZeroDivisionError, "division by zero"));
    }
    let negate = a.is_negative() != b.is_negative();
    let signed = |x: f64| if negate { -x } else { x };
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    let a_bits = a.bits() as i64;
    let b_bits = b.bits() as i64;
    if a_bits <= MANT && b_bits <= MANT {
        // Both exactly representable: one correctly rounded division.
        let (x, y) = (a.to_i64().unwrap() as f64, b.to_i64().unwrap() as f64);
        return Ok(x / y);
    }
    let overflow = || err(Exc::OverflowError, "integer division result too large for a float");
    let diff = a_bits - b_bits;
    if diff > MAX_EXP {
        return Err(overflow());
    } else if diff < MIN_EXP - MANT - 1 {
        return Ok(signed(0.0));
    }
    let shift = diff.max(MIN_EXP) - MANT - 2;
    let am = a.magnitude();
    let bm = b.magnitude();
    let mut inexact = false;
    let x = if shift <= 0 {
        am << ((-shift) as u64)
    } else {
        let sh = shift as u64;
        if am.trailing_zeros().unwrap_or(0) < sh {
            inexact = true;
        }
        am >> sh
    };
    let (q, r) = x.div_rem(&bm);
    if !r.is_zero() {
        inexact = true;
    }
    let x_bits = q.bits() as i64;
    let extra_bits = x_bits.max(MIN_EXP - shift) - MANT;
    let mask = 1u64 << (extra_bits - 1);
    let mut low = q.to_u64().expect("quotient fits 64 bits") | inexact as u64;
    if (low & mask) != 0 && (low & (3 * mask - 1)) != 0 {
        low += mask;
    }
    low &= !(2 * mask - 1);
    let dx = low as f64;
    if shift + x_bits >= MAX_EXP
        && (shift + x_bits > MAX_EXP || dx == crate::float::ldexp(1.0, x_bits))
    {
        return Err(overflow());
    }
    Ok(signed(crate::float::ldexp(dx, shift)))
}

#[cold]
#[inline(never)]
fn pow_slow(base: IntRef, exp: IntRef) -> PyResult<Int> {
    if exp.is_negative() {
        return Err(err(
            Exc::ValueError,
            "py2rust: Int::pow with a negative exponent (the result is a float)",
        ));
    }
    // Trivial bases first: they work for any exponent size.
    match base {
        IntRef::Small(0) => return Ok(Small(if exp.is_zero() { 1 } else { 0 })),
        IntRef::Small(1) => return Ok(Small(1)),
        IntRef::Small(-1) => return Ok(Small(if exp.is_odd() { -1 } else { 1 })),
        _ => {}
    }
    let e = match exp.to_i64() {
        Some(e) => e as u64,
        None => return Err(memory_error()),
    };
    if (base.bits() - 1).saturating_mul(e) > MAX_RESULT_BITS {
        return Err(memory_error());
    }
    // Powers of two are shifts.
    if let IntRef::Small(b) = base {
        if b > 0 && (b as u64).is_power_of_two() {
            let k = (b as u64).trailing_zeros() as u64;
            return Ok(norm(BigInt::one() << (k * e)));
        }
    }
    Ok(norm(Pow::pow(&base.to_bigint(), e)))
}

fn modpow_u64(mut base: u64, mut e: u64, m: u64) -> u64 {
    let mut r: u64 = 1 % m;
    base %= m;
    while e > 0 {
        if e & 1 == 1 {
            r = ((r as u128 * base as u128) % m as u128) as u64;
        }
        e >>= 1;
        if e > 0 {
            base = ((base as u128 * base as u128) % m as u128) as u64;
        }
    }
    r
}

fn modinv_u64(a: u64, m: u64) -> Option<u64> {
    // Extended Euclid on i128.
    let (mut old_r, mut r) = (a as i128, m as i128);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    if old_r != 1 {
        return None;
    }
    Some(old_s.rem_euclid(m as i128) as u64)
}

fn modinv_big(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let (q, rem) = old_r.div_rem(&r);
        old_r = std::mem::replace(&mut r, rem);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if !old_r.is_one() {
        return None;
    }
    Some(old_s.mod_floor(m))
}

#[cold]
#[inline(never)]
fn pow_mod_slow(base: &Int, exp: &Int, mabs: &Int, negative_output: bool) -> PyResult<Int> {
    let m = mabs.to_bigint();
    let mut b = base.to_bigint().mod_floor(&m);
    let mut e = exp.to_bigint();
    if e.sign() == Sign::Minus {
        b = match modinv_big(&b, &m) {
            Some(inv) => inv,
            None => {
                return Err(err(Exc::ValueError, "base is not invertible for the given modulus"))
            }
        };
        e = -e;
    }
    let r = b.modpow(&e, &m);
    Ok(norm(if negative_output && !r.is_zero() { r - m } else { r }))
}

#[cold]
#[inline(never)]
fn shl_slow(a: IntRef, n: IntRef) -> PyResult<Int> {
    if n.is_negative() {
        return Err(err(Exc::ValueError, "negative shift count"));
    }
    if a.is_zero() {
        return Ok(Small(0));
    }
    let s = match n.to_i64() {
        Some(s) => s as u64,
        None => return Err(memory_error()),
    };
    if s > MAX_RESULT_BITS {
        return Err(memory_error());
    }
    Ok(norm(a.to_bigint() << s))
}

#[cold]
#[inline(never)]
fn shr_slow(a: IntRef, n: IntRef) -> PyResult<Int> {
    if n.is_negative() {
        return Err(err(Exc::ValueError, "negative shift count"));
    }
    let neg = a.is_negative();
    match n.to_i64() {
        Some(s) if (s as u64) < a.bits() + 1 => Ok(norm(a.to_bigint() >> (s as u64))),
        _ => Ok(Small(if neg { -1 } else { 0 })),
    }
}

// ---------------------------------------------------------------------------------------------
// Machine-word operations for the generated fast loops
// ---------------------------------------------------------------------------------------------

/// Python's operators on two `i64`s, for loops the transpiler runs on machine integers while
/// every value fits: `None` when the result would not fit, or when Python would raise (a zero
/// divisor, a negative shift count); the loop then redoes that iteration with `Int`s, which
/// produce the big result or the exception. (`+`, `-`, `*` use `i64::checked_*` directly.)
impl Int {
    /// `a // b`.
    #[inline]
    pub fn small_floordiv(a: i64, b: i64) -> Option<i64> {
        if b == 0 || (a == i64::MIN && b == -1) {
            return None;
        }
        let (q, r) = (a / b, a % b);
        Some(if r != 0 && ((r ^ b) < 0) { q - 1 } else { q })
    }

    /// `a % b`.
    #[inline]
    pub fn small_mod(a: i64, b: i64) -> Option<i64> {
        if b == 0 {
            return None;
        }
        // wrapping_rem: i64::MIN % -1 is 0, which is the right answer.
        let r = a.wrapping_rem(b);
        Some(if r != 0 && ((r ^ b) < 0) { r + b } else { r })
    }

    /// `a << n`.
    #[inline]
    pub fn small_shl(a: i64, n: i64) -> Option<i64> {
        if !(0..64).contains(&n) {
            return if n >= 0 && a == 0 { Some(0) } else { None };
        }
        let r = a << n;
        (r >> n == a).then_some(r)
    }

    /// `a >> n`.
    #[inline]
    pub fn small_shr(a: i64, n: i64) -> Option<i64> {
        match n {
            0..=63 => Some(a >> n),
            64.. => Some(a >> 63),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

impl PartialEq for Int {
    #[inline]
    fn eq(&self, other: &Int) -> bool {
        match (self, other) {
            (Small(a), Small(b)) => a == b,
            (Big(a), Big(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for Int {}

impl PartialEq<i64> for Int {
    #[inline]
    fn eq(&self, other: &i64) -> bool {
        matches!(self, Small(a) if a == other)
    }
}

impl PartialOrd for Int {
    #[inline]
    fn partial_cmp(&self, other: &Int) -> Option<Ordering> {
        Some(self.cmp(other))
    }
    #[inline]
    fn lt(&self, other: &Int) -> bool {
        match (self, other) {
            (Small(a), Small(b)) => a < b,
            _ => self.cmp(other) == Ordering::Less,
        }
    }
    #[inline]
    fn le(&self, other: &Int) -> bool {
        match (self, other) {
            (Small(a), Small(b)) => a <= b,
            _ => self.cmp(other) != Ordering::Greater,
        }
    }
    #[inline]
    fn gt(&self, other: &Int) -> bool {
        match (self, other) {
            (Small(a), Small(b)) => a > b,
            _ => self.cmp(other) == Ordering::Greater,
        }
    }
    #[inline]
    fn ge(&self, other: &Int) -> bool {
        match (self, other) {
            (Small(a), Small(b)) => a >= b,
            _ => self.cmp(other) != Ordering::Less,
        }
    }
}

impl Ord for Int {
    #[inline]
    fn cmp(&self, other: &Int) -> Ordering {
        match (self, other) {
            (Small(a), Small(b)) => a.cmp(b),
            (Small(_), Big(b)) => {
                if b.sign() == Sign::Minus {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (Big(a), Small(_)) => {
                if a.sign() == Sign::Minus {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (Big(a), Big(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd<i64> for Int {
    #[inline]
    fn partial_cmp(&self, other: &i64) -> Option<Ordering> {
        Some(self.cmp(&Small(*other)))
    }
}

/// Consistent with `Eq` (Small and Big never compare equal). Big values feed their Python
/// hash; Small values feed the raw i64.
impl Hash for Int {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Small(v) => state.write_i64(*v),
            Big(b) => state.write_i64(big_hash(b)),
        }
    }
}

/// 2**63 as an f64 (exact).
const TWO_POW_63: f64 = (1u64 << 63) as f64;

/// Exact comparison of an i64 with a non-NaN f64.
fn cmp_i64_f64(a: i64, f: f64) -> Ordering {
    if f >= TWO_POW_63 {
        return Ordering::Less;
    }
    if f < -TWO_POW_63 {
        return Ordering::Greater;
    }
    let t = f.trunc();
    let ti = t as i64; // exact: |t| <= 2**63 and t integral
    match a.cmp(&ti) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        o => o,
    }
}

#[cold]
#[inline(never)]
fn cmp_big_f64(b: &BigInt, f: f64) -> Ordering {
    if f.is_infinite() {
        return if f > 0.0 { Ordering::Less } else { Ordering::Greater };
    }
    let bneg = b.sign() == Sign::Minus;
    if bneg != (f < 0.0) {
        // Different signs (f == 0 counts as non-negative; b is never zero).
        return if bneg { Ordering::Less } else { Ordering::Greater };
    }
    // Same sign: compare with the integral part exactly, then the fraction breaks a tie.
    let t = f.trunc();
    let ti = match Int::from_f64(t) {
        Ok(v) => v.to_bigint(),
        Err(_) => unreachable!(),
    };
    match b.cmp(&ti) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        o => o,
    }
}

impl Int {
    /// Exact `int == float`.
    #[inline]
    pub fn eq_f64(&self, f: f64) -> bool {
        self.cmp_f64(f) == Some(Ordering::Equal)
    }

    /// Exact comparison with a float; None when f is NaN.
    #[inline]
    pub fn cmp_f64(&self, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        Some(match self {
            Small(a) => {
                if a.unsigned_abs() <= 1u64 << 53 {
                    // Exact conversion.
                    match (*a as f64).partial_cmp(&f) {
                        Some(o) => o,
                        None => unreachable!(),
                    }
                } else {
                    cmp_i64_f64(*a, f)
                }
            }
            Big(b) => cmp_big_f64(b, f),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/// Decimal, without the int_max_str_digits limit (see `to_string_checked`).
impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Small(v) => fmt::Display::fmt(v, f),
            Big(b) => fmt::Display::fmt(&**b, f),
        }
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

// ---------------------------------------------------------------------------------------------
// Tests (expected values from CPython 3.11)
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::approx_constant, clippy::excessive_precision)]
mod tests {
    use super::*;

    fn i(s: &str) -> Int {
        Int::big(s)
    }
    fn msg<T: std::fmt::Debug>(r: PyResult<T>) -> (Exc, String) {
        match r {
            Err(e) => (e.exc(), e.message()),
            Ok(v) => panic!("expected error, got {:?}", v),
        }
    }

    #[test]
    fn a_running_sum_leaves_and_reenters_machine_words() {
        let mut total = IntSum::new(Int::from(i64::MAX - 1));
        total.add(&Int::from(5));
        assert_eq!(total.total().to_string(), "9223372036854775811");
        let mut total = IntSum::new(Int::from(i64::MAX));
        for x in [Int::from(1), Int::from(-3), Int::from(2)] {
            total.add(&x);
        }
        assert_eq!(total.total(), Int::from(i64::MAX));
        let mut total = IntSum::new(Int::big("100000000000000000000"));
        total.add(&Int::big("-99999999999999999999"));
        total.add(&Int::from(1));
        assert_eq!(total.total(), Int::from(2));
        // Small items keep adding to the machine part after it overflowed into the big one.
        let mut total = IntSum::new(Int::from(i64::MAX - 1));
        for x in [Int::from(5), Int::from(-7), Int::from(i64::MIN), Int::big("-170141183460469231731687303715884105720")] {
            total.add(&x);
        }
        assert_eq!(total.total().to_string(), "-170141183460469231731687303715884105724");
        let mut total = IntSum::new(Int::from(i64::MIN + 1));
        for _ in 0..3 {
            total.add(&Int::from(i64::MIN));
        }
        assert_eq!(total.total().to_string(), "-36893488147419103231");
        let mut total = IntSum::new(Int::from(0));
        for _ in 0..1000 {
            total.add(&Int::from(i64::MAX));
        }
        assert_eq!(total.total().to_string(), "9223372036854775807000");
    }

    #[test]
    fn size_is_16() {
        assert_eq!(std::mem::size_of::<Int>(), 16);
    }

    #[test]
    fn literals_and_normalization() {
        assert!(matches!(i("9223372036854775807"), Small(i64::MAX)));
        assert!(matches!(i("-9223372036854775808"), Small(i64::MIN)));
        assert!(matches!(i("9223372036854775808"), Big(_)));
        assert_eq!(i("1_000").to_string(), "1000");
        assert_eq!(i("0x_ff").to_string(), "255");
        assert_eq!(Int::from_bigint(BigInt::from(5)), Small(5));
        assert_eq!(Int::from(u64::MAX).to_string(), "18446744073709551615");
    }

    #[test]
    fn add_sub_mul_promote() {
        let max = Small(i64::MAX);
        assert_eq!((&max + &Small(1)).to_string(), "9223372036854775808");
        assert_eq!((Small(i64::MIN) - Small(1)).to_string(), "-9223372036854775809");
        assert_eq!((&max * &max).to_string(), "85070591730234615847396907784232501249");
        // Back to small after a big op.
        let b = &max + &Small(1);
        assert!(matches!(&b - &Small(1), Small(i64::MAX)));
        assert!(matches!(b.clone() - 1, Small(i64::MAX)));
        let mut x = Small(i64::MAX - 1);
        x += 1;
        x += &Small(1);
        assert_eq!(x.to_string(), "9223372036854775808");
        x -= Small(1);
        assert!(matches!(x, Small(i64::MAX)));
        let mut f = Small(1);
        for k in 1..=30 {
            f *= Small(k);
        }
        // math.factorial(30)
        assert_eq!(f.to_string(), "265252859812191058636308480000000");
        assert_eq!((i("2").pow(&Small(100)).unwrap() * i("3")).to_string(), "3802951800684688204490109616128");
    }

    #[test]
    fn neg_not_abs() {
        assert_eq!((-Small(i64::MIN)).to_string(), "9223372036854775808");
        assert!(matches!(-(-Small(i64::MIN)), Small(i64::MIN)));
        assert_eq!((!Small(5)), Small(-6));
        assert_eq!((!Small(-1)), Small(0));
        assert_eq!((!Small(i64::MIN)), Small(i64::MAX));
        assert_eq!((!i("9223372036854775808")).to_string(), "-9223372036854775809");
        assert_eq!((!i("-9223372036854775809")).to_string(), "9223372036854775808");
        assert_eq!(Small(i64::MIN).abs().to_string(), "9223372036854775808");
        assert_eq!(i("-100000000000000000000").abs().to_string(), "100000000000000000000");
    }

    #[test]
    fn bitwise() {
        // python3: -12345678901234567890123 & 0xffffffffffffffffffff etc.
        let a = i("-12345678901234567890123");
        let m = i("1208925819614629174706175");
        assert_eq!((&a & &m).to_string(), "1196580140713394606816053");
        assert_eq!((&a | &Small(255)).to_string(), "-12345678901234567889921");
        assert_eq!((&a ^ &Small(-1)).to_string(), "12345678901234567890122");
        assert_eq!((Small(-6) & Small(3)), Small(2));
        assert_eq!((Small(-6) | Small(3)), Small(-5));
        assert_eq!((Small(-6) ^ Small(3)), Small(-7));
        // (2**64) & (2**64 - 1) == 0 -> normalized small
        let p = i("18446744073709551616");
        assert!(matches!(&p & &(&p - &Small(1)), Small(0)));
    }

    #[test]
    fn machine_word_operations_agree_with_int() {
        let vals = [0, 1, -1, 2, -2, 3, -7, 7, 63, 64, -64, i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1];
        for &a in &vals {
            for &b in &vals {
                let (x, y) = (Int::from(a), Int::from(b));
                let same = |r: Option<i64>, full: PyResult<Int>| match (r, full) {
                    (Some(r), Ok(v)) => assert_eq!(Int::from(r), v, "{a} {b}"),
                    (None, Ok(v)) => assert!(v.to_i64().is_none(), "{a} {b}: {v} fits"),
                    (None, Err(_)) => {}
                    (Some(r), Err(e)) => panic!("{a} {b}: {r} but {e:?}"),
                };
                same(Int::small_floordiv(a, b), x.floordiv(&y));
                same(Int::small_mod(a, b), x.modulo(&y));
                same(Int::small_shl(a, b), x.shl(&y));
                same(Int::small_shr(a, b), x.shr(&y));
            }
        }
    }

    #[test]
    fn floor_division_and_modulo() {
        let cases: &[(i64, i64, i64, i64)] = &[
            (-7, 2, -4, 1),
            (7, -2, -4, -1),
            (-7, -2, 3, -1),
            (7, 2, 3, 1),
            (0, -3, 0, 0),
            (6, -3, -2, 0),
            (i64::MIN, 1, i64::MIN, 0),
            (i64::MIN, 7, -1317624576693539402, 6),
        ];
        for &(a, b, q, r) in cases {
            assert_eq!(Small(a).floordiv(&Small(b)).unwrap(), Small(q), "{} // {}", a, b);
            assert_eq!(Small(a).modulo(&Small(b)).unwrap(), Small(r), "{} % {}", a, b);
            assert_eq!(Small(a).divmod(&Small(b)).unwrap(), (Small(q), Small(r)));
        }
        assert_eq!(Small(i64::MIN).floordiv(&Small(-1)).unwrap().to_string(), "9223372036854775808");
        assert_eq!(Small(i64::MIN).modulo(&Small(-1)).unwrap(), Small(0));
        let (q, r) = Small(i64::MIN).divmod(&Small(-1)).unwrap();
        assert_eq!((q.to_string(), r), ("9223372036854775808".to_string(), Small(0)));
        // python3: divmod(-10**30 + 7, 12345678901)
        let (q, r) = i("-999999999999999999999999999993").divmod(&Small(12345678901)).unwrap();
        assert_eq!((q.to_string(), r.to_string()), ("-81000000730539006589".into(), "3317278696".into()));
        assert_eq!(i("-999999999999999999999999999993").modulo(&i("-100000000000000000000")).unwrap().to_string(), "-99999999999999999993");
        assert_eq!(
            msg(Small(1).floordiv(&Small(0))),
            (Exc::ZeroDivisionError, "integer division or modulo by zero".into())
        );
        assert_eq!(msg(Small(1).modulo(&Small(0))), (Exc::ZeroDivisionError, "integer modulo by zero".into()));
        assert_eq!(
            msg(i("100000000000000000000").divmod(&Small(0))),
            (Exc::ZeroDivisionError, "integer division or modulo by zero".into())
        );
    }

    #[test]
    fn true_division() {
        // Values from python3 repr().
        let f = |a: &str, b: &str| i(a).truediv(&i(b)).unwrap();
        assert_eq!(f("1", "3"), 0.3333333333333333);
        assert_eq!(f("1000000000000000000000000000000", "7"), 1.4285714285714285e+29);
        assert_eq!(f("9007199254740993", "1"), 9007199254740992.0);
        assert_eq!(f("9007199254740995", "1"), 9007199254740996.0);
        assert_eq!(f("-9223372036854775807", "3"), -3.0744573456182584e+18);
        assert_eq!(f("12345678901234567890123456789", "98765432109876543210"), 124999998.8609375);
        assert_eq!(Small(1).truediv(&Small(10).pow(&Small(310)).unwrap()).unwrap(), 1e-310);
        assert_eq!(f("0", "-5").to_bits(), (-0.0f64).to_bits());
        assert_eq!(Small(-3).truediv(&Small(10).pow(&Small(400)).unwrap()).unwrap().to_bits(), (-0.0f64).to_bits());
        // 2**1024 // 3 / 1 overflows; (2**1024 - 2**970) / 1 overflows (rounds up to 2**1024)
        let big = Small(2).pow(&Small(1024)).unwrap();
        assert_eq!(
            msg(big.truediv(&Small(1))),
            (Exc::OverflowError, "integer division result too large for a float".into())
        );
        let just_below = &big - &Small(2).pow(&Small(971)).unwrap();
        assert_eq!(just_below.truediv(&Small(1)).unwrap(), 1.7976931348623157e+308);
        let rounds_up = &big - &Small(2).pow(&Small(970)).unwrap();
        assert!(rounds_up.truediv(&Small(1)).is_err());
        // 2**1030 / 2**10 == 2**1020
        assert_eq!(Small(2).pow(&Small(1030)).unwrap().truediv(&Small(1024)).unwrap(), 1.1235582092889474e+307);
        // Subnormal results: 1 / 2**1074 is 5e-324, 1 / 2**1075 rounds to 0 (tie to even), 3 / 2**1076 -> 5e-324
        assert_eq!(Small(1).truediv(&Small(2).pow(&Small(1074)).unwrap()).unwrap(), 5e-324);
        assert_eq!(Small(1).truediv(&Small(2).pow(&Small(1075)).unwrap()).unwrap(), 0.0);
        assert_eq!(Small(3).truediv(&Small(2).pow(&Small(1076)).unwrap()).unwrap(), 5e-324);
        assert_eq!(Small(10).pow(&Small(30)).unwrap().truediv(&Small(10).pow(&Small(330)).unwrap()).unwrap(), 1e-300);
        assert_eq!(msg(Small(1).truediv(&Small(0))), (Exc::ZeroDivisionError, "division by zero".into()));
    }

    #[test]
    fn to_float() {
        assert_eq!(i("9007199254740993").to_f64().unwrap(), 9007199254740992.0);
        assert_eq!(i("9223372036854775807").to_f64().unwrap(), 9.223372036854776e18);
        // 2**64 + 2**11 is a tie -> even (2**64); 2**64 + 2**11 + 1 rounds up
        assert_eq!(i("18446744073709553664").to_f64().unwrap(), 1.8446744073709552e19);
        assert_eq!(i("18446744073709553665").to_f64().unwrap(), 1.8446744073709556e19);
        assert_eq!(i("-123456789012345678901234567890").to_f64().unwrap(), -1.2345678901234568e+29);
        let big = Small(2).pow(&Small(1024)).unwrap();
        assert_eq!(msg(big.to_f64()), (Exc::OverflowError, "int too large to convert to float".into()));
        // 2**1024 - 2**970 rounds up to 2**1024 -> overflow; 2**1024 - 2**971 is DBL_MAX
        assert!((&big - &Small(2).pow(&Small(970)).unwrap()).to_f64().is_err());
        assert_eq!((&big - &Small(2).pow(&Small(971)).unwrap()).to_f64().unwrap(), f64::MAX);
    }

    #[test]
    fn from_float() {
        assert_eq!(Int::from_f64(7.9).unwrap(), Small(7));
        assert_eq!(Int::from_f64(-7.9).unwrap(), Small(-7));
        assert_eq!(Int::from_f64(-0.5).unwrap(), Small(0));
        assert_eq!(Int::from_f64(1e20).unwrap().to_string(), "100000000000000000000");
        assert_eq!(Int::from_f64(-TWO_POW_63).unwrap(), Small(i64::MIN));
        assert_eq!(Int::from_f64(TWO_POW_63).unwrap().to_string(), "9223372036854775808");
        assert_eq!(Int::from_f64(1.7976931348623157e308).unwrap().to_string().len(), 309);
        assert_eq!(msg(Int::from_f64(f64::NAN)), (Exc::ValueError, "cannot convert float NaN to integer".into()));
        assert_eq!(
            msg(Int::from_f64(f64::NEG_INFINITY)),
            (Exc::OverflowError, "cannot convert float infinity to integer".into())
        );
    }

    #[test]
    fn powers() {
        assert_eq!(Small(3).pow(&Small(40)).unwrap().to_string(), "12157665459056928801");
        assert_eq!(Small(-3).pow(&Small(41)).unwrap().to_string(), "-36472996377170786403");
        assert_eq!(Small(2).pow(&Small(63)).unwrap().to_string(), "9223372036854775808");
        assert_eq!(Small(-2).pow(&Small(63)).unwrap(), Small(i64::MIN));
        assert_eq!(Small(0).pow(&Small(0)).unwrap(), Small(1));
        assert_eq!(Small(-1).pow(&i("100000000000000000001")).unwrap(), Small(-1));
        assert_eq!(Small(1).pow(&i("100000000000000000001")).unwrap(), Small(1));
        assert_eq!(Small(0).pow(&i("100000000000000000001")).unwrap(), Small(0));
        assert_eq!(i("100000000000000000000").pow(&Small(2)).unwrap().to_string(), "10000000000000000000000000000000000000000");
        assert!(Small(2).pow(&Small(-1)).is_err());
        assert_eq!(Small(2).pow(&i("100000000000000000001")).unwrap_err().exc(), Exc::MemoryError);
    }

    #[test]
    fn modular_powers() {
        // python3: pow(3, 200, 1000000007), pow(-3, 7, 10), pow(3, 2, -5), pow(3, -1, 7), pow(38, -1, 97)
        assert_eq!(Small(3).pow_mod(&Small(200), &Small(1000000007)).unwrap(), Small(136318165));
        assert_eq!(Small(-3).pow_mod(&Small(7), &Small(10)).unwrap(), Small(3));
        assert_eq!(Small(3).pow_mod(&Small(2), &Small(-5)).unwrap(), Small(-1));
        assert_eq!(Small(3).pow_mod(&Small(-1), &Small(7)).unwrap(), Small(5));
        assert_eq!(Small(38).pow_mod(&Small(-1), &Small(97)).unwrap(), Small(23));
        assert_eq!(Small(2).pow_mod(&Small(-1), &Small(1)).unwrap(), Small(0));
        assert_eq!(Small(5).pow_mod(&Small(0), &Small(-1)).unwrap(), Small(0));
        assert_eq!(Small(5).pow_mod(&Small(0), &Small(7)).unwrap(), Small(1));
        // pow(2, 10**20, 10**30 + 57) and pow(-7, -3, 10**20 + 39)
        assert_eq!(
            Small(2).pow_mod(&i("100000000000000000000"), &i("1000000000000000000000000000057")).unwrap().to_string(),
            "841934383925717112980682223332"
        );
        assert_eq!(
            Small(-7).pow_mod(&Small(-3), &i("100000000000000000039")).unwrap().to_string(),
            "46647230320699708473"
        );
        // pow(123456789, 987654321, 2**63 - 25) and pow(10**20, 3, -97)
        assert_eq!(
            Small(123456789).pow_mod(&Small(987654321), &Small(9223372036854775783)).unwrap().to_string(),
            "7304489514424542795"
        );
        assert_eq!(i("100000000000000000000").pow_mod(&Small(3), &Small(-97)).unwrap(), Small(-50));
        assert_eq!(
            msg(Small(2).pow_mod(&Small(-1), &Small(4))),
            (Exc::ValueError, "base is not invertible for the given modulus".into())
        );
        assert_eq!(
            msg(i("100000000000000000000").pow_mod(&Small(-1), &i("200000000000000000000"))),
            (Exc::ValueError, "base is not invertible for the given modulus".into())
        );
        assert_eq!(msg(Small(2).pow_mod(&Small(3), &Small(0))), (Exc::ValueError, "pow() 3rd argument cannot be 0".into()));
    }

    #[test]
    fn shifts() {
        assert_eq!(Small(1).shl(&Small(62)).unwrap(), Small(1 << 62));
        assert_eq!(Small(1).shl(&Small(63)).unwrap().to_string(), "9223372036854775808");
        assert_eq!(Small(-1).shl(&Small(63)).unwrap(), Small(i64::MIN));
        assert_eq!(Small(-3).shl(&Small(100)).unwrap().to_string(), "-3802951800684688204490109616128");
        assert_eq!(Small(-9).shr(&Small(1)).unwrap(), Small(-5));
        assert_eq!(Small(-1).shr(&Small(1000)).unwrap(), Small(-1));
        assert_eq!(Small(5).shr(&Small(64)).unwrap(), Small(0));
        assert_eq!(i("-3802951800684688204490109616129").shr(&Small(100)).unwrap(), Small(-4));
        assert_eq!(i("3802951800684688204490109616129").shr(&Small(100)).unwrap(), Small(3));
        assert_eq!(i("3802951800684688204490109616129").shr(&i("100000000000000000000")).unwrap(), Small(0));
        assert_eq!(i("-3802951800684688204490109616129").shr(&i("100000000000000000000")).unwrap(), Small(-1));
        assert_eq!(Small(0).shl(&i("100000000000000000000")).unwrap(), Small(0));
        assert_eq!(msg(Small(1).shl(&Small(-1))), (Exc::ValueError, "negative shift count".into()));
        assert_eq!(msg(Small(1).shr(&Small(-1))), (Exc::ValueError, "negative shift count".into()));
        assert_eq!(Small(1).shl(&i("18446744073709551616")).unwrap_err().exc(), Exc::MemoryError);
    }

    #[test]
    fn comparisons() {
        let big = i("100000000000000000000");
        assert!(Small(i64::MAX) < big);
        assert!(-&big < Small(i64::MIN));
        assert!(big > Small(5));
        assert_eq!(big.cmp(&i("100000000000000000001")), Ordering::Less);
        let p100 = Small(2).pow(&Small(100)).unwrap();
        assert!(p100.eq_f64(1.2676506002282294e30));
        assert!(!(&p100 + &Small(1)).eq_f64(1.2676506002282294e30));
        assert_eq!((&p100 + &Small(1)).cmp_f64(1.2676506002282294e30), Some(Ordering::Greater));
        assert_eq!((&p100 - &Small(1)).cmp_f64(1.2676506002282294e30), Some(Ordering::Less));
        assert_eq!(p100.cmp_f64(f64::INFINITY), Some(Ordering::Less));
        assert_eq!(p100.cmp_f64(f64::NEG_INFINITY), Some(Ordering::Greater));
        assert_eq!(p100.cmp_f64(f64::NAN), None);
        assert_eq!(p100.cmp_f64(-1.0), Some(Ordering::Greater));
        assert_eq!((-&p100).cmp_f64(0.0), Some(Ordering::Less));
        assert_eq!((-&p100).cmp_f64(-1.2676506002282294e30), Some(Ordering::Equal));
        // 2**53 + 1 vs 2.0**53: not equal (python: 2**53+1 == 2.0**53 -> False)
        assert_eq!(Small(9007199254740993).cmp_f64(9007199254740992.0), Some(Ordering::Greater));
        assert!(!Small(9007199254740993).eq_f64(9007199254740992.0));
        assert_eq!(Small(i64::MAX).cmp_f64(TWO_POW_63), Some(Ordering::Less));
        assert_eq!(Small(i64::MIN).cmp_f64(-TWO_POW_63), Some(Ordering::Equal));
        assert_eq!(Small(3).cmp_f64(3.5), Some(Ordering::Less));
        assert_eq!(Small(-3).cmp_f64(-3.5), Some(Ordering::Greater));
        assert_eq!(Small(0).cmp_f64(-0.0), Some(Ordering::Equal));
        assert_eq!(Small(i64::MAX - 1).cmp_f64(9.2233720368547748e18), Some(Ordering::Greater));
    }

    #[test]
    fn hashing() {
        // python3: hash(x)
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("-1", -2),
            ("-2", -2),
            ("2305843009213693951", 0),
            ("2305843009213693952", 1),
            ("-9223372036854775808", -4),
            ("9223372036854775807", 3),
            ("1267650600228229401496703205376", 549755813888),
            ("-123456789012345678901234567890", -248789772095949448),
            ("100000000000000000000000000000000000000000000000000", 619332571178673746),
            ("-2305843009213693952", -2),
        ];
        for &(s, h) in cases {
            assert_eq!(i(s).py_hash(), h, "hash({})", s);
        }
    }

    #[test]
    fn strings() {
        assert_eq!(Small(-31).hex(), "-0x1f");
        assert_eq!(Small(0).hex(), "0x0");
        assert_eq!(Small(10).bin(), "0b1010");
        assert_eq!(Small(-10).bin(), "-0b1010");
        assert_eq!(Small(8).oct(), "0o10");
        assert_eq!(Small(-8).oct(), "-0o10");
        assert_eq!(Small(i64::MIN).hex(), "-0x8000000000000000");
        assert_eq!(i("-100000000000000000000").hex(), "-0x56bc75e2d63100000");
        assert_eq!(i("-100000000000000000000").oct(), "-0o12657072742654304000000");
        assert_eq!(i("100000000000000000000").bin(), "0b1010110101111000111010111100010110101100011000100000000000000000000");
        assert_eq!(format!("{:?}", i("-100000000000000000000")), "-100000000000000000000");
    }

    #[test]
    fn str_digit_limit() {
        let big = Small(10).pow(&Small(4300)).unwrap(); // 4301 digits
        assert_eq!(
            msg(big.to_string_checked()),
            (
                Exc::ValueError,
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit".into()
            )
        );
        let ok = -Small(10).pow(&Small(4299)).unwrap(); // 4300 digits plus sign
        assert_eq!(ok.to_string_checked().unwrap().len(), 4301);
        let huge = Small(10).pow(&Small(100000)).unwrap();
        assert!(huge.to_string_checked().is_err());
        let s4301 = "1".repeat(4301);
        assert_eq!(
            msg(Int::parse(&s4301, 10)),
            (
                Exc::ValueError,
                "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit".into()
            )
        );
        let zeros = "0".repeat(4301);
        assert!(Int::parse(&zeros, 10).is_err());
        let under = format!("{}1", "1_".repeat(4000));
        assert_eq!(Int::parse(&under, 10).unwrap().to_string().len(), 4001);
        assert!(Int::parse(&"f".repeat(5000), 16).is_ok());
        let garbage = format!("{}x", "1".repeat(5000));
        assert!(msg(Int::parse(&garbage, 10)).1.contains("value has 5000 digits"));
        assert_eq!(
            msg(set_int_max_str_digits(639)),
            (Exc::ValueError, "maxdigits must be 0 or larger than 640".into())
        );
        assert_eq!(msg(set_int_max_str_digits(-1)).0, Exc::ValueError);
    }

    #[test]
    fn parse_ok() {
        let cases: &[(&str, u32, &str)] = &[
            ("-0017", 10, "-17"),
            ("  +12  ", 10, "12"),
            ("1_000_000", 10, "1000000"),
            ("0x_1f", 0, "31"),
            ("0x_1f", 16, "31"),
            ("-0x1f", 0, "-31"),
            ("0o17", 8, "15"),
            ("0b1", 16, "177"),
            ("0_0", 0, "0"),
            ("00", 0, "0"),
            ("z", 36, "35"),
            ("Z", 36, "35"),
            ("\u{0661}\u{0662}", 10, "12"),
            ("12\u{3000}", 10, "12"),
            ("\u{85}12", 10, "12"),
            ("\u{0b}\u{0c}12\t\n\r", 10, "12"),
            ("\u{ff11}", 10, "1"),
            ("1\u{0662}", 16, "18"),
            ("\u{1d7ce}", 10, "0"),
            ("123456789012345678901234567890", 10, "123456789012345678901234567890"),
            ("-9223372036854775808", 10, "-9223372036854775808"),
            ("9223372036854775808", 10, "9223372036854775808"),
            ("ffffffffffffffffffff", 16, "1208925819614629174706175"),
            ("0B1111", 0, "15"),
            ("777", 8, "511"),
        ];
        for &(s, b, v) in cases {
            assert_eq!(Int::parse(s, b).unwrap().to_string(), v, "int({:?}, {})", s, b);
        }
    }

    #[test]
    fn parse_errors() {
        let cases: &[(&str, u32, &str)] = &[
            ("four", 10, "invalid literal for int() with base 10: 'four'"),
            ("09", 0, "invalid literal for int() with base 0: '09'"),
            ("0_7", 0, "invalid literal for int() with base 0: '0_7'"),
            ("0b", 0, "invalid literal for int() with base 0: '0b'"),
            ("1__0", 10, "invalid literal for int() with base 10: '1__0'"),
            ("_1", 10, "invalid literal for int() with base 10: '_1'"),
            ("1_", 10, "invalid literal for int() with base 10: '1_'"),
            ("", 10, "invalid literal for int() with base 10: ''"),
            (" ", 10, "invalid literal for int() with base 10: ' '"),
            ("+ 1", 10, "invalid literal for int() with base 10: '+ 1'"),
            ("1 2", 10, "invalid literal for int() with base 10: '1 2'"),
            ("0x1f", 10, "invalid literal for int() with base 10: '0x1f'"),
            ("\x1c12", 10, "invalid literal for int() with base 10: '\\x1c12'"),
            ("a\x00", 10, "invalid literal for int() with base 10: 'a\\x00'"),
            ("1e5", 10, "invalid literal for int() with base 10: '1e5'"),
            ("it's", 10, "invalid literal for int() with base 10: \"it's\""),
            ("12\u{3000}x", 10, "invalid literal for int() with base 10: '12\\u3000x'"),
            ("8", 8, "invalid literal for int() with base 8: '8'"),
        ];
        for &(s, b, m) in cases {
            assert_eq!(msg(Int::parse(s, b)), (Exc::ValueError, m.to_string()), "int({:?}, {})", s, b);
        }
        let long = "x".repeat(300);
        let m = msg(Int::parse(&long, 10)).1;
        assert_eq!(m.chars().count(), 240);
        assert_eq!(m, format!("invalid literal for int() with base 10: '{}", "x".repeat(199)));
        assert_eq!(msg(Int::parse("5", 1)), (Exc::ValueError, "int() base must be >= 2 and <= 36, or 0".into()));
        assert_eq!(msg(Int::parse("5", 37)).1, "int() base must be >= 2 and <= 36, or 0");
    }

    #[test]
    fn rounding() {
        let r = |x: &str, n: i64| i(x).round_ndigits(&Small(n)).to_string();
        assert_eq!(r("1234", -2), "1200");
        assert_eq!(r("1250", -2), "1200");
        assert_eq!(r("1350", -2), "1400");
        assert_eq!(r("-1250", -2), "-1200");
        assert_eq!(r("-1350", -2), "-1400");
        assert_eq!(r("-1251", -2), "-1300");
        assert_eq!(r("1234", 2), "1234");
        assert_eq!(r("5", -1), "0");
        assert_eq!(r("15", -1), "20");
        assert_eq!(r("9223372036854775807", -1), "9223372036854775810");
        assert_eq!(r("9223372036854775807", -18), "9000000000000000000");
        assert_eq!(r("9223372036854775807", -19), "10000000000000000000");
        assert_eq!(r("9223372036854775807", -20), "0");
        assert_eq!(r("123456789012345678901234567890", -25), "123460000000000000000000000000");
        assert_eq!(r("125000000000000000000000000000", -28), "120000000000000000000000000000");
        assert_eq!(i("5").round_ndigits(&i("-100000000000000000000")), Small(0));
    }

    #[test]
    fn bit_length() {
        assert_eq!(Small(0).bit_length(), Small(0));
        assert_eq!(Small(-1).bit_length(), Small(1));
        assert_eq!(Small(255).bit_length(), Small(8));
        assert_eq!(Small(i64::MIN).bit_length(), Small(64));
        assert_eq!(i("-1267650600228229401496703205376").bit_length(), Small(101));
    }
}

/// A running `sum()` of ints: the total is `small + big`, a machine-word part that takes every
/// small item while it fits and an `Int` part that takes the rest (big items, and the machine
/// part whenever adding to it would overflow). The summing loop only checks the item's tag and
/// the addition's overflow, and the parts go to the slow path by value, so the machine part
/// stays in a register (see [`IntRef`]). A total past 64 bits costs one big addition per
/// overflow of the machine part, not one per item.
pub struct IntSum {
    small: i64,
    big: Option<Int>,
}

impl IntSum {
    #[inline]
    pub fn new(start: Int) -> IntSum {
        match start {
            Small(v) => IntSum { small: v, big: None },
            big => IntSum { small: 0, big: Some(big) },
        }
    }

    #[inline(always)]
    pub fn add(&mut self, x: &Int) {
        if let Small(v) = x {
            if let Some(s) = self.small.checked_add(*v) {
                self.small = s;
                return;
            }
        }
        *self = sum_slow(self.small, self.big.take(), x.view());
    }

    #[inline]
    pub fn total(self) -> Int {
        match self.big {
            None => Int::from(self.small),
            Some(big) => add_slow_owned(big, Int::from(self.small).view()),
        }
    }
}

/// Adds `x` to the `Int` part, with the machine part moved into it first when `x` is small
/// (then adding it to the machine part overflowed).
#[cold]
#[inline(never)]
fn sum_slow(small: i64, big: Option<Int>, x: IntRef) -> IntSum {
    let (small, big) = match x {
        IntRef::Small(_) => (0, add_slow_owned(big.unwrap_or(Small(0)), Int::from(small).view())),
        IntRef::Big(_) => (small, big.unwrap_or(Small(0))),
    };
    IntSum { small, big: Some(add_slow_owned(big, x)) }
}
