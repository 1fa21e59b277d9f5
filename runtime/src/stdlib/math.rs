//! `math`: CPython 3.11's `math` module on `f64` and [`Int`].
//!
//! Arguments are anything implementing [`MathArg`] (`f64`, `Int`, `bool`, `i64`, `Value`, and
//! references to them), so the code generator passes whatever static type it has; a `str`
//! inside a `Value` raises CPython's `TypeError`. Float functions return `f64`; `floor`, `ceil`,
//! `trunc`, `gcd`, `factorial`, ... return `Int`.
//!
//! Exactness: the elementary functions call the platform libm, as CPython does, and apply
//! CPython's error checks (`ValueError: math domain error`, `OverflowError: math range error`).
//! `log` of an int is exact for ints past the float range (frexp-style scaling, as CPython).
//! `fsum` is Shewchuk's exact summation with CPython's final half-even correction; `hypot` and
//! `dist` use CPython 3.11's compensated `vector_norm`; the integer functions are exact.
//! Not provided: `gamma`/`lgamma` (CPython uses its own Lanczos code, not libm).

use crate::err::{PyErr, PyResult};
use crate::float::{float_ceil, float_floor, float_to_int, float_truediv};
use crate::int::Int;
use crate::value::Value;
use num_bigint::{BigInt, BigUint};
use num_integer::{Integer, Roots};
use num_traits::{One, ToPrimitive};
use std::borrow::Cow;

/// `math.pi`.
pub const MATH_PI: f64 = std::f64::consts::PI;
/// `math.e`.
pub const MATH_E: f64 = std::f64::consts::E;
/// `math.tau`.
pub const MATH_TAU: f64 = std::f64::consts::TAU;
/// `math.inf`.
pub const MATH_INF: f64 = f64::INFINITY;
/// `math.nan`.
pub const MATH_NAN: f64 = f64::NAN;

// ---------------------------------------------------------------------------------------------
// Arguments

/// A real number argument: an int (exact) or a float.
#[derive(Clone, Debug)]
pub enum Real<'a> {
    Int(Cow<'a, Int>),
    Float(f64),
}

impl Real<'_> {
    /// `float(x)`; `OverflowError` for ints beyond the float range.
    pub fn to_f64(&self) -> PyResult<f64> {
        match self {
            Real::Int(i) => i.to_f64(),
            Real::Float(f) => Ok(*f),
        }
    }
}

/// What the math functions (and `random.choices` weights) accept.
pub trait MathArg {
    /// The number, or `Err(type name)` when the value is not a real number.
    fn real(&self) -> Result<Real<'_>, &'static str>;

    /// The number; `TypeError: must be real number, not str` otherwise.
    fn real_arg(&self) -> PyResult<Real<'_>> {
        self.real().map_err(|t| PyErr::type_error(format!("must be real number, not {t}")))
    }

    /// `PyFloat_AsDouble`: the number as a float.
    fn float_arg(&self) -> PyResult<f64> {
        self.real_arg()?.to_f64()
    }

    /// `operator.index(x)`: `TypeError: 'float' object cannot be interpreted as an integer`.
    fn int_arg(&self) -> PyResult<Cow<'_, Int>> {
        match self.real() {
            Ok(Real::Int(i)) => Ok(i),
            Ok(Real::Float(_)) => Err(not_integer("float")),
            Err(t) => Err(not_integer(t)),
        }
    }
}

#[cold]
fn not_integer(t: &str) -> PyErr {
    PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer"))
}

impl MathArg for f64 {
    #[inline]
    fn real(&self) -> Result<Real<'_>, &'static str> {
        Ok(Real::Float(*self))
    }
}
impl MathArg for Int {
    #[inline]
    fn real(&self) -> Result<Real<'_>, &'static str> {
        Ok(Real::Int(Cow::Borrowed(self)))
    }
}
impl MathArg for i64 {
    #[inline]
    fn real(&self) -> Result<Real<'_>, &'static str> {
        Ok(Real::Int(Cow::Owned(Int::from(*self))))
    }
}
impl MathArg for bool {
    #[inline]
    fn real(&self) -> Result<Real<'_>, &'static str> {
        Ok(Real::Int(Cow::Owned(Int::from(*self))))
    }
}
impl MathArg for Value {
    fn real(&self) -> Result<Real<'_>, &'static str> {
        match self {
            Value::Bool(b) => Ok(Real::Int(Cow::Owned(Int::from(*b)))),
            Value::Int(i) => Ok(Real::Int(Cow::Borrowed(i))),
            Value::Float(f) => Ok(Real::Float(*f)),
            other => Err(other.type_name()),
        }
    }
}
impl<T: MathArg + ?Sized> MathArg for &T {
    #[inline]
    fn real(&self) -> Result<Real<'_>, &'static str> {
        (**self).real()
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and the generic one-argument wrapper

#[cold]
fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

#[cold]
fn range_error() -> PyErr {
    PyErr::overflow("math range error")
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error, an infinity from a finite
/// argument a range error (`can_overflow`) or a domain error (a pole).
#[inline]
fn math_1(x: f64, r: f64, can_overflow: bool) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error() } else { domain_error() });
    }
    Ok(r)
}

macro_rules! unary {
    ($($(#[$doc:meta])* $name:ident => |$x:ident| $body:expr, $overflow:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name(x: impl MathArg) -> PyResult<f64> {
            let $x = x.float_arg()?;
            math_1($x, $body, $overflow)
        }
    )*};
}

/// The platform C math library, which CPython's `math` module calls too. Rust's own `f64`
/// methods are not used for these: some (`cbrt`, `asinh`, ...) are Rust implementations whose
/// last bit can differ from the C library's.
pub(crate) mod libm {
    mod c {
        extern "C" {
            pub fn sin(x: f64) -> f64;
            pub fn cos(x: f64) -> f64;
            pub fn tan(x: f64) -> f64;
            pub fn asin(x: f64) -> f64;
            pub fn acos(x: f64) -> f64;
            pub fn atan(x: f64) -> f64;
            pub fn atan2(y: f64, x: f64) -> f64;
            pub fn sinh(x: f64) -> f64;
            pub fn cosh(x: f64) -> f64;
            pub fn tanh(x: f64) -> f64;
            pub fn asinh(x: f64) -> f64;
            pub fn acosh(x: f64) -> f64;
            pub fn atanh(x: f64) -> f64;
            pub fn exp(x: f64) -> f64;
            pub fn exp2(x: f64) -> f64;
            pub fn expm1(x: f64) -> f64;
            pub fn log(x: f64) -> f64;
            pub fn log2(x: f64) -> f64;
            pub fn log10(x: f64) -> f64;
            pub fn log1p(x: f64) -> f64;
            pub fn pow(x: f64, y: f64) -> f64;
            pub fn erf(x: f64) -> f64;
            pub fn erfc(x: f64) -> f64;
        }
    }
    macro_rules! safe {
        ($($name:ident($($a:ident),*);)*) => {$(
            #[inline]
            pub fn $name($($a: f64),*) -> f64 {
                // SAFETY: pure C99 math functions of plain doubles.
                unsafe { c::$name($($a),*) }
            }
        )*};
    }
    safe! {
        sin(x); cos(x); tan(x); asin(x); acos(x); atan(x); atan2(y, x);
        sinh(x); cosh(x); tanh(x); asinh(x); acosh(x); atanh(x);
        exp(x); exp2(x); expm1(x); log(x); log2(x); log10(x); log1p(x);
        pow(x, y); erf(x); erfc(x);
    }

    /// C's `cbrt`. Rust's runtime (compiler-builtins) statically links its own `cbrt`, which
    /// shadows the C library's and rounds differently, so this one is looked up by name in
    /// the loaded C math library; Rust's `cbrt` is the fallback.
    pub fn cbrt(x: f64) -> f64 {
        use std::ffi::{c_char, c_int, c_void};
        use std::sync::OnceLock;
        extern "C" {
            fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
            fn dlopen(filename: *const c_char, flag: c_int) -> *mut c_void;
        }
        static CBRT: OnceLock<Option<extern "C" fn(f64) -> f64>> = OnceLock::new();
        let f = CBRT.get_or_init(|| {
            const RTLD_LAZY: c_int = 1;
            let name = c"cbrt".as_ptr();
            // SAFETY: dlsym/dlopen with valid NUL-terminated strings; a non-null result for
            // "cbrt" is the C99 function `double cbrt(double)`.
            unsafe {
                let mut p = dlsym(std::ptr::null_mut(), name);
                if p.is_null() {
                    let lib = dlopen(c"libm.so.6".as_ptr(), RTLD_LAZY);
                    if !lib.is_null() {
                        p = dlsym(lib, name);
                    }
                }
                if p.is_null() {
                    None
                } else {
                    Some(std::mem::transmute::<*mut c_void, extern "C" fn(f64) -> f64>(p))
                }
            }
        });
        match f {
            Some(f) => f(x),
            None => x.cbrt(),
        }
    }
}

unary! {
    /// `math.sqrt(x)`.
    math_sqrt => |x| x.sqrt(), false;
    /// `math.exp(x)`.
    math_exp => |x| libm::exp(x), true;
    /// `math.exp2(x)`.
    math_exp2 => |x| libm::exp2(x), true;
    /// `math.expm1(x)`.
    math_expm1 => |x| libm::expm1(x), true;
    /// `math.log1p(x)`.
    math_log1p => |x| libm::log1p(x), false;
    /// `math.sin(x)`.
    math_sin => |x| libm::sin(x), false;
    /// `math.cos(x)`.
    math_cos => |x| libm::cos(x), false;
    /// `math.tan(x)`.
    math_tan => |x| libm::tan(x), false;
    /// `math.asin(x)`.
    math_asin => |x| libm::asin(x), false;
    /// `math.acos(x)`.
    math_acos => |x| libm::acos(x), false;
    /// `math.atan(x)`.
    math_atan => |x| libm::atan(x), false;
    /// `math.sinh(x)`.
    math_sinh => |x| libm::sinh(x), true;
    /// `math.cosh(x)`.
    math_cosh => |x| libm::cosh(x), true;
    /// `math.tanh(x)`.
    math_tanh => |x| libm::tanh(x), false;
    /// `math.asinh(x)`.
    math_asinh => |x| libm::asinh(x), false;
    /// `math.acosh(x)`.
    math_acosh => |x| libm::acosh(x), false;
    /// `math.atanh(x)`.
    math_atanh => |x| libm::atanh(x), false;
    /// `math.cbrt(x)`.
    math_cbrt => |x| libm::cbrt(x), false;
    /// `math.fabs(x)`.
    math_fabs => |x| x.abs(), false;
    /// `math.erf(x)`.
    math_erf => |x| libm::erf(x), false;
    /// `math.erfc(x)`.
    math_erfc => |x| libm::erfc(x), false;
}

/// `math.degrees(x)`.
pub fn math_degrees(x: impl MathArg) -> PyResult<f64> {
    Ok(x.float_arg()? * (180.0 / MATH_PI))
}

/// `math.radians(x)`.
pub fn math_radians(x: impl MathArg) -> PyResult<f64> {
    Ok(x.float_arg()? * (MATH_PI / 180.0))
}

/// `math.atan2(y, x)`.
pub fn math_atan2(y: impl MathArg, x: impl MathArg) -> PyResult<f64> {
    let (y, x) = (y.float_arg()?, x.float_arg()?);
    Ok(libm::atan2(y, x))
}

/// `math.copysign(x, y)`.
pub fn math_copysign(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    Ok(x.float_arg()?.copysign(y.float_arg()?))
}

// ---------------------------------------------------------------------------------------------
// Logarithms

/// The log of a real through `func`, CPython's `loghelper`: ints beyond the float range are
/// scaled as `m * 2**e` first, so `log(10**400)` works.
fn loghelper(x: &impl MathArg, func: fn(f64) -> f64) -> PyResult<f64> {
    match x.real_arg()? {
        Real::Int(i) => {
            if !i.is_positive() {
                return Err(domain_error());
            }
            match i.to_f64() {
                Ok(f) => Ok(func(f)),
                Err(_) => {
                    let (m, e) = big_frexp(&i.to_bigint());
                    Ok(func(m) + func(2.0) * e as f64)
                }
            }
        }
        Real::Float(f) => math_1(f, func(f), false),
    }
}

/// `(m, e)` with `n ≈ m * 2**e`, `0.5 <= m < 1`, `m` correctly rounded (positive `n`).
fn big_frexp(n: &BigInt) -> (f64, u64) {
    let mag = n.magnitude();
    let bits = mag.bits();
    // Keep the top 64 bits and fold the rest into a sticky bit, so converting the u64 to
    // f64 rounds exactly as rounding the whole number would.
    let shift = bits.saturating_sub(64);
    let top: BigUint = mag >> shift;
    let mut t = top.to_u64().unwrap_or(u64::MAX);
    if shift > 0 && mag.trailing_zeros().is_some_and(|z| z < shift) {
        t |= 1;
    }
    let mut m = t as f64 / 2f64.powi((bits - shift) as i32);
    let mut e = bits;
    if m >= 1.0 {
        m *= 0.5;
        e += 1;
    }
    (m, e)
}

/// `math.log(x)`.
pub fn math_log(x: impl MathArg) -> PyResult<f64> {
    loghelper(&x, libm::log)
}

/// `math.log(x, base)`: `log(x) / log(base)`.
pub fn math_log_base(x: impl MathArg, base: impl MathArg) -> PyResult<f64> {
    let num = loghelper(&x, libm::log)?;
    let den = loghelper(&base, libm::log)?;
    float_truediv(num, den)
}

/// `math.log2(x)`.
pub fn math_log2(x: impl MathArg) -> PyResult<f64> {
    loghelper(&x, libm::log2)
}

/// `math.log10(x)`.
pub fn math_log10(x: impl MathArg) -> PyResult<f64> {
    loghelper(&x, libm::log10)
}

// ---------------------------------------------------------------------------------------------
// Powers and float decomposition

/// `math.pow(x, y)`: always float; `ValueError` for `0.0 ** -1` and `(-8) ** (1/3)`,
/// `OverflowError` when the result overflows.
pub fn math_pow(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    let (x, y) = (x.float_arg()?, y.float_arg()?);
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = libm::pow(x, y);
    if r.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain_error() } else { range_error() });
    }
    Ok(r)
}

/// `math.fmod(x, y)`: C's `fmod` (the sign follows `x`).
pub fn math_fmod(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    let (x, y) = (x.float_arg()?, y.float_arg()?);
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(r)
}

/// `math.remainder(x, y)`: IEEE 754 remainder (exact).
pub fn math_remainder(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    let (x, y) = (x.float_arg()?, y.float_arg()?);
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(y);
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error());
    }
    if y.is_infinite() {
        return Ok(x);
    }
    // The exact remainder x - n*y, n = x/y rounded half to even, on absolute values: compare
    // m = fmod(|x|, |y|) with its complement |y| - m (both exact) to see which multiple is
    // nearer; on a tie, fmod of the halved quotient part tells whether n is odd.
    let (absx, absy) = (x.abs(), y.abs());
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(1.0f64.copysign(x) * r)
}

/// `math.modf(x)`: `(fractional part, integer part)`, both with the sign of `x`.
pub fn math_modf(x: impl MathArg) -> PyResult<(f64, f64)> {
    let x = x.float_arg()?;
    if x.is_infinite() {
        return Ok((0.0f64.copysign(x), x));
    }
    if x.is_nan() {
        return Ok((x, x));
    }
    let ip = x.trunc();
    Ok(((x - ip).copysign(x), ip))
}

/// `math.frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1`.
pub fn math_frexp(x: impl MathArg) -> PyResult<(f64, Int)> {
    let (m, e) = frexp(x.float_arg()?);
    Ok((m, Int::from(e)))
}

/// C's `frexp`.
pub(crate) fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(64), -64) } else { (x, 0) };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + adj)
}

/// `math.ldexp(x, i)`: `x * 2**i`.
pub fn math_ldexp(x: impl MathArg, i: impl MathArg) -> PyResult<f64> {
    let x = x.float_arg()?;
    let exp = match i.real() {
        Ok(Real::Int(i)) => i.to_i64().unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX }),
        _ => return Err(PyErr::type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    if exp > i32::MAX as i64 {
        return Err(range_error());
    }
    if exp < i32::MIN as i64 {
        return Ok(0.0f64.copysign(x));
    }
    let r = crate::float::ldexp(x, exp);
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(r)
}

/// `math.nextafter(x, y)`.
pub fn math_nextafter(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    Ok(nextafter(x.float_arg()?, y.float_arg()?))
}

fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// `math.ulp(x)`.
pub fn math_ulp(x: impl MathArg) -> PyResult<f64> {
    let x = x.float_arg()?;
    if x.is_nan() {
        return Ok(x);
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(x);
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(x - nextafter(x, f64::NEG_INFINITY));
    }
    Ok(x2 - x)
}

// ---------------------------------------------------------------------------------------------
// Rounding to ints

/// `math.floor(x)`.
pub fn math_floor(x: impl MathArg) -> PyResult<Int> {
    match x.real_arg()? {
        Real::Int(i) => Ok(i.into_owned()),
        Real::Float(f) => float_floor(f),
    }
}

/// `math.ceil(x)`.
pub fn math_ceil(x: impl MathArg) -> PyResult<Int> {
    match x.real_arg()? {
        Real::Int(i) => Ok(i.into_owned()),
        Real::Float(f) => float_ceil(f),
    }
}

/// `math.trunc(x)`.
pub fn math_trunc(x: impl MathArg) -> PyResult<Int> {
    match x.real() {
        Ok(Real::Int(i)) => Ok(i.into_owned()),
        Ok(Real::Float(f)) => float_to_int(f.trunc()),
        Err(t) => Err(PyErr::type_error(format!("type {t} doesn't define __trunc__ method"))),
    }
}

// ---------------------------------------------------------------------------------------------
// Predicates

/// `math.isinf(x)`.
pub fn math_isinf(x: impl MathArg) -> PyResult<bool> {
    Ok(x.float_arg()?.is_infinite())
}

/// `math.isnan(x)`.
pub fn math_isnan(x: impl MathArg) -> PyResult<bool> {
    Ok(x.float_arg()?.is_nan())
}

/// `math.isfinite(x)`.
pub fn math_isfinite(x: impl MathArg) -> PyResult<bool> {
    Ok(x.float_arg()?.is_finite())
}

/// `math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)` (defaults `1e-09` and `0.0`).
pub fn math_isclose(a: impl MathArg, b: impl MathArg, rel_tol: f64, abs_tol: f64) -> PyResult<bool> {
    let (a, b) = (a.float_arg()?, b.float_arg()?);
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

// ---------------------------------------------------------------------------------------------
// Norms

/// CPython 3.11's `vector_norm`: the Euclidean norm of `vec` (absolute values, `max` their
/// maximum) with a compensated sum of squares and one correction step, so the result is
/// almost always correctly rounded.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1, Veltkamp's splitter
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        // ldexp(1.0, -max_e) would overflow: scale the subnormals up first.
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = crate::float::ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let split = |x: f64| {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    };
    for &v in vec.iter() {
        let x = v * scale;
        let (hi, lo) = split(x);
        let x = hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = 2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        frac3 += lo * lo;
    }
    let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
    let (hi, lo) = split(h);
    let x = -hi * hi;
    let old = csum;
    csum += x;
    frac1 += (old - csum) + x;
    let x = -2.0 * hi * lo;
    let old = csum;
    csum += x;
    frac2 += (old - csum) + x;
    let x = -lo * lo;
    let old = csum;
    csum += x;
    frac3 += (old - csum) + x;
    let x = csum - 1.0 + (frac1 + frac2 + frac3);
    (h + x / (2.0 * h)) / scale
}

/// `math.hypot(*coordinates)`.
pub fn math_hypot(coordinates: &[&dyn MathArg]) -> PyResult<f64> {
    let mut vec = Vec::with_capacity(coordinates.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for c in coordinates {
        let x = c.float_arg()?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(vector_norm(&mut vec, max, found_nan))
}

/// `math.hypot(x, y)`.
pub fn math_hypot2(x: impl MathArg, y: impl MathArg) -> PyResult<f64> {
    math_hypot(&[&x, &y])
}

/// `math.dist(p, q)`.
pub fn math_dist<A: MathArg, B: MathArg>(p: &[A], q: &[B]) -> PyResult<f64> {
    if p.len() != q.len() {
        return Err(PyErr::value_error("both points must have the same number of dimensions"));
    }
    let mut vec = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(q) {
        let x = (a.float_arg()? - b.float_arg()?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(vector_norm(&mut vec, max, found_nan))
}

// ---------------------------------------------------------------------------------------------
// Sums and products

/// `math.fsum(iterable)`: the correctly rounded sum (Shewchuk's partials, as CPython's msum).
pub fn math_fsum<I>(items: I) -> PyResult<f64>
where
    I: IntoIterator,
    I::Item: MathArg,
{
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in items {
        let mut x = item.float_arg()?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From an inf or nan summand, or an intermediate overflow.
                if xsave.is_finite() {
                    return Err(PyErr::overflow("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = partials.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half to even across partials: if the rest has the same sign as lo, the
        // true sum is past the half-way point.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `math.prod(iterable)` of ints (start 1).
pub fn math_prod_int<I: IntoIterator<Item = Int>>(items: I) -> Int {
    let mut acc = Int::one();
    for x in items {
        acc = &acc * &x;
    }
    acc
}

/// `math.prod(iterable)` where the result is a float: multiplies left to right, ints joining
/// as exact products until the first float.
pub fn math_prod_float<I>(items: I) -> PyResult<f64>
where
    I: IntoIterator,
    I::Item: MathArg,
{
    let mut int_acc = Int::one();
    let mut float_acc: Option<f64> = None;
    for x in items {
        match (x.real_arg()?, &mut float_acc) {
            (Real::Int(i), None) => int_acc = &int_acc * i.as_ref(),
            (Real::Int(i), Some(f)) => *f *= i.to_f64()?,
            (Real::Float(v), None) => float_acc = Some(int_acc.to_f64()? * v),
            (Real::Float(v), Some(f)) => *f *= v,
        }
    }
    match float_acc {
        Some(f) => Ok(f),
        None => int_acc.to_f64(),
    }
}

// ---------------------------------------------------------------------------------------------
// Integer functions

/// `math.gcd(*integers)` (0 without arguments; always non-negative).
pub fn math_gcd(args: &[&dyn MathArg]) -> PyResult<Int> {
    let mut acc = Int::zero();
    for a in args {
        let a = a.int_arg()?;
        acc = gcd2(&acc, &a);
    }
    Ok(acc)
}

fn gcd2(a: &Int, b: &Int) -> Int {
    match (a.to_i64(), b.to_i64()) {
        (Some(x), Some(y)) => Int::from(x.unsigned_abs().gcd(&y.unsigned_abs())),
        _ => Int::from_bigint(a.to_bigint().gcd(&b.to_bigint())),
    }
}

/// `math.lcm(*integers)` (1 without arguments; 0 if any is 0).
pub fn math_lcm(args: &[&dyn MathArg]) -> PyResult<Int> {
    let mut acc = Int::one();
    for a in args {
        let a = a.int_arg()?;
        if acc.is_zero() || a.is_zero() {
            acc = Int::zero();
            continue;
        }
        let g = gcd2(&acc, &a);
        acc = (&acc.floordiv(&g)? * a.as_ref()).abs();
    }
    Ok(acc)
}

/// Product of `start, start+1, ..., start+count-1` by binary splitting.
fn range_product(start: &BigUint, count: u64) -> BigUint {
    match count {
        0 => BigUint::one(),
        1..=16 => {
            let mut acc = start.clone();
            let mut k = start.clone();
            for _ in 1..count {
                k += 1u32;
                acc *= &k;
            }
            acc
        }
        _ => {
            let half = count / 2;
            let mid = start + BigUint::from(half);
            range_product(start, half) * range_product(&mid, count - half)
        }
    }
}

/// `math.factorial(n)`.
pub fn math_factorial(n: impl MathArg) -> PyResult<Int> {
    let n = n.int_arg()?;
    if n.is_negative() {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    let n = n.to_i64().ok_or_else(|| PyErr::overflow("factorial() argument should not exceed 9223372036854775807"))?;
    if n <= 20 {
        return Ok(Int::from((1..=n.max(1)).product::<i64>()));
    }
    Ok(Int::from_bigint(BigInt::from(range_product(&BigUint::one(), n as u64))))
}

/// `math.perm(n, k)`.
pub fn math_perm(n: impl MathArg, k: impl MathArg) -> PyResult<Int> {
    let (n, k) = (n.int_arg()?, k.int_arg()?);
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if *k > *n {
        return Ok(Int::zero());
    }
    let k = k.to_i64().ok_or_else(|| PyErr::overflow("k must not exceed 9223372036854775807"))? as u64;
    let n = n.to_bigint();
    let start = (n - BigInt::from(k) + 1u32).magnitude().clone();
    Ok(Int::from_bigint(BigInt::from(range_product(&start, k))))
}

/// `math.perm(n)`: `n!`.
pub fn math_perm_all(n: impl MathArg) -> PyResult<Int> {
    let n = n.int_arg()?;
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    math_factorial(n.as_ref())
}

/// `math.comb(n, k)`.
pub fn math_comb(n: impl MathArg, k: impl MathArg) -> PyResult<Int> {
    let (n, k) = (n.int_arg()?, k.int_arg()?);
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if *k > *n {
        return Ok(Int::zero());
    }
    let nk = n.as_ref() - k.as_ref();
    let k = if nk < *k { nk } else { k.into_owned() };
    let k = k.to_i64().ok_or_else(|| PyErr::overflow("min(n - k, k) must not exceed 9223372036854775807"))? as u64;
    let n = n.to_bigint();
    let start = (n - BigInt::from(k) + 1u32).magnitude().clone();
    let num = range_product(&start, k);
    let den = range_product(&BigUint::one(), k);
    Ok(Int::from_bigint(BigInt::from(num / den)))
}

/// `math.isqrt(n)`: the floor of the exact square root.
pub fn math_isqrt(n: impl MathArg) -> PyResult<Int> {
    let n = n.int_arg()?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(match n.to_i64() {
        Some(v) => Int::from((v as u64).sqrt()),
        None => Int::from_bigint(n.to_bigint().sqrt()),
    })
}

#[cfg(test)]
#[path = "math_tests.rs"]
mod tests;
