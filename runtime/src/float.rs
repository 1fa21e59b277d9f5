//! Python's `float` operations on plain `f64`, with CPython 3.11's exact semantics: repr,
//! division/modulo/power special cases, round(), float(str) and the numeric hash.

use crate::err::{Exc, PyErr, PyResult};
use crate::int::{Int, HASH_BITS, HASH_MODULUS};
use std::fmt::Write as _;

#[cold]
fn err(exc: Exc, msg: &str) -> PyErr {
    PyErr::new(exc, msg)
}

/// `x * 2**e`, exact unless the result overflows or is subnormal (then one correct rounding).
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let mut y = x;
    let mut n = e;
    if n > 1023 {
        y *= f64::from_bits(((1023 + 1023) as u64) << 52); // 2**1023
        n -= 1023;
        if n > 1023 {
            y *= f64::from_bits(((1023 + 1023) as u64) << 52);
            n -= 1023;
            if n > 1023 {
                n = 1023;
            }
        }
    } else if n < -1022 {
        // Scale by 2**-969 steps so that the final multiplication is the only inexact one.
        let step = f64::from_bits(((1023 - 1022 + 53) as u64) << 52); // 2**-969
        y *= step;
        n += 1022 - 53;
        if n < -1022 {
            y *= step;
            n += 1022 - 53;
            if n < -1022 {
                n = -1022;
            }
        }
    }
    y * f64::from_bits(((1023 + n) as u64) << 52)
}

/// `float(int)`: correctly rounded; OverflowError "int too large to convert to float".
#[inline]
pub fn int_to_float(a: &Int) -> PyResult<f64> {
    a.to_f64()
}

// ---------------------------------------------------------------------------------------------
// Decimal digit generation (the equivalent of David Gay's _Py_dg_dtoa modes 0, 2 and 3)
// ---------------------------------------------------------------------------------------------

/// A small fixed buffer implementing `fmt::Write`, to run `{:e}` without allocating.
pub(crate) struct StackBuf {
    buf: [u8; 48],
    len: usize,
}

impl StackBuf {
    pub(crate) fn new() -> StackBuf {
        StackBuf { buf: [0; 48], len: 0 }
    }
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let b = s.as_bytes();
        if self.len + b.len() > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
        Ok(())
    }
}

/// Split Rust's `{:e}` output ("1.2345e-7", "5e0") into its mantissa digits (appended to
/// `digits`, trailing zeros removed) and the dtoa decimal-point position (value =
/// 0.DIGITS * 10**decpt). A zero value gives digits "0" and decpt 1, as dtoa does.
fn split_sci(s: &[u8], digits: &mut Vec<u8>) -> i32 {
    let start = digits.len();
    let mut i = 0;
    while i < s.len() && s[i] != b'e' {
        if s[i] != b'.' {
            digits.push(s[i]);
        }
        i += 1;
    }
    let mut exp: i32 = 0;
    let mut neg = false;
    i += 1;
    if i < s.len() && s[i] == b'-' {
        neg = true;
        i += 1;
    }
    while i < s.len() {
        exp = exp * 10 + (s[i] - b'0') as i32;
        i += 1;
    }
    if neg {
        exp = -exp;
    }
    while digits.len() > start + 1 && *digits.last().unwrap() == b'0' {
        digits.pop();
    }
    if digits.len() == start + 1 && digits[start] == b'0' {
        return 1;
    }
    exp + 1
}

/// Shortest round-tripping digits of a finite |x| (dtoa mode 0): up to 17 ASCII digits in
/// `buf`, returning (digit count, decpt) with value = 0.DIGITS * 10**decpt; zero gives "0", 1.
#[inline]
pub(crate) fn shortest(ax: f64, buf: &mut [u8; 24]) -> (usize, i32) {
    let mut b = StackBuf::new();
    let _ = write!(b, "{:e}", ax);
    let s = b.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while s[i] != b'e' {
        if s[i] != b'.' {
            buf[n] = s[i];
            n += 1;
        }
        i += 1;
    }
    let mut exp: i32 = 0;
    let neg = s[i + 1] == b'-';
    for &c in &s[i + 1 + neg as usize..] {
        exp = exp * 10 + (c - b'0') as i32;
    }
    if neg {
        exp = -exp;
    }
    let decpt = if n == 1 && buf[0] == b'0' { 1 } else { exp + 1 };
    // Ties between two shortest candidates need >= 16 digits and an odd last digit.
    if n >= 16 && (buf[n - 1] - b'0') & 1 == 1 {
        n = shortest_tie_fix(ax, buf, n, decpt);
    }
    (n, decpt)
}

/// Rust's shortest formatting breaks an exact tie between the two closest shortest candidates
/// upward; David Gay's dtoa (CPython's repr) picks the one with an even last digit. This
/// detects that rare case exactly (x == (10*D +- 5) * 10**q) and switches to the even
/// neighbour when it round-trips too. Returns the (possibly shorter) digit count.
#[cold]
#[inline(never)]
fn shortest_tie_fix(ax: f64, buf: &mut [u8; 24], n: usize, decpt: i32) -> usize {
    let bits = ax.to_bits();
    let exp_field = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_field == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_field - 1075) };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    // x = m * 2**e (m odd); a tie value is N * 10**q with N odd (ends in 5), so e == q.
    let q = decpt - n as i32 - 1;
    if e != q {
        return n;
    }
    let mut d: u64 = 0;
    for &c in &buf[..n] {
        d = d * 10 + (c - b'0') as u64;
    }
    let scaled: Option<u128> = if q < 0 {
        5u128.checked_pow((-q) as u32).and_then(|p| p.checked_mul(m as u128))
    } else {
        // m == N * 5**q  <=>  N == m / 5**q exactly
        match 5u128.checked_pow(q as u32) {
            Some(p) if (m as u128) % p == 0 => Some(m as u128 / p),
            _ => None,
        }
    };
    let nval = match scaled {
        Some(v) => v,
        None => return n,
    };
    let alt = if nval == 10 * d as u128 + 5 && buf[n - 1] != b'9' {
        d + 1
    } else if nval + 5 == 10 * d as u128 {
        d - 1
    } else {
        return n;
    };
    // The alternative must round-trip as well.
    let text = format!("{}e{}", alt, decpt - n as i32);
    if text.parse::<f64>() != Ok(ax) {
        return n;
    }
    let s = alt.to_string();
    let mut k = s.len().min(n);
    buf[..k].copy_from_slice(&s.as_bytes()[..k]);
    while k > 1 && buf[k - 1] == b'0' {
        k -= 1;
    }
    k
}

/// Mode 0: shortest round-tripping digits of a finite |x|.
pub(crate) fn dtoa_shortest(ax: f64, digits: &mut Vec<u8>) -> i32 {
    let mut buf = [0u8; 24];
    let (n, decpt) = shortest(ax, &mut buf);
    digits.extend_from_slice(&buf[..n]);
    decpt
}

/// Mode 2: `ndigits` (>= 1) significant digits, correctly rounded (half-even on the exact
/// binary value), trailing zeros removed.
pub(crate) fn dtoa_sig(ax: f64, ndigits: usize, digits: &mut Vec<u8>) -> i32 {
    if ndigits <= 30 {
        let mut b = StackBuf::new();
        let _ = write!(b, "{:.*e}", ndigits - 1, ax);
        split_sci(b.as_bytes(), digits)
    } else {
        let s = format!("{:.*e}", ndigits - 1, ax);
        split_sci(s.as_bytes(), digits)
    }
}

/// Mode 3: digits up to `ndigits` (>= 0) places after the decimal point, correctly rounded,
/// trailing zeros removed. A result that rounds to zero gives no digits and decpt = -ndigits.
pub(crate) fn dtoa_fixed(ax: f64, ndigits: usize, digits: &mut Vec<u8>) -> i32 {
    if ax == 0.0 {
        digits.push(b'0');
        return 1;
    }
    let s = format!("{:.*}", ndigits, ax);
    let s = s.as_bytes();
    let int_len = s.iter().position(|&c| c == b'.').unwrap_or(s.len()) as i32;
    let start = digits.len();
    let mut decpt = int_len;
    let mut leading = true;
    for &c in s {
        if c == b'.' {
            continue;
        }
        if leading && c == b'0' {
            decpt -= 1;
            continue;
        }
        leading = false;
        digits.push(c);
    }
    while digits.len() > start && *digits.last().unwrap() == b'0' {
        digits.pop();
    }
    if digits.len() == start {
        return -(ndigits as i32);
    }
    decpt
}

// ---------------------------------------------------------------------------------------------
// repr
// ---------------------------------------------------------------------------------------------

fn push_exponent(out: &mut String, exp: i32) {
    // C's "%+.02d".
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    let _ = write!(out, "{}", a);
}

/// CPython's `repr(float)` / `str(float)` appended to `out`.
pub fn write_float_repr(x: f64, out: &mut String) {
    if !x.is_finite() {
        out.push_str(if x.is_nan() {
            "nan"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        });
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    let mut dbuf = [0u8; 24];
    let (n, decpt) = shortest(x.abs(), &mut dbuf);
    let digits = &dbuf[..n];
    // Safe: digits are ASCII.
    let dstr = unsafe { std::str::from_utf8_unchecked(digits) };
    let exp = decpt - 1;
    if !(-4 < decpt && decpt <= 16) {
        out.push_str(&dstr[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&dstr[1..]);
        }
        out.push('e');
        push_exponent(out, exp);
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(dstr);
    } else if (decpt as usize) < n {
        out.push_str(&dstr[..decpt as usize]);
        out.push('.');
        out.push_str(&dstr[decpt as usize..]);
    } else {
        out.push_str(dstr);
        for _ in 0..(decpt as usize - n) {
            out.push('0');
        }
        out.push_str(".0");
    }
}

/// CPython's `repr(float)` / `str(float)`.
pub fn float_repr(x: f64) -> String {
    let mut s = String::with_capacity(24);
    write_float_repr(x, &mut s);
    s
}

// ---------------------------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------------------------

/// `a / b`.
#[inline]
pub fn float_truediv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(err(Exc::ZeroDivisionError, "float division by zero"));
    }
    Ok(a / b)
}

/// CPython's `_float_div_mod` (b != 0).
#[inline]
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b`.
#[inline]
pub fn float_floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(err(Exc::ZeroDivisionError, "float floor division by zero"));
    }
    Ok(div_mod(a, b).0)
}

/// `a % b` (result has the sign of b).
#[inline]
pub fn float_mod(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(err(Exc::ZeroDivisionError, "float modulo"));
    }
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// `divmod(a, b)`.
#[inline]
pub fn float_divmod(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(err(Exc::ZeroDivisionError, "float divmod()"));
    }
    Ok(div_mod(a, b))
}

#[inline]
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` for floats (CPython's float_pow special cases, then the platform pow).
pub fn float_pow(iv: f64, iw: f64) -> PyResult<f64> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(err(Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut v = iv;
    let mut negate = false;
    if v < 0.0 {
        if iw != iw.floor() {
            return Err(err(Exc::ValueError, "py2rust: complex results are not supported"));
        }
        v = -v;
        negate = is_odd_integer(iw);
    }
    if v == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = v.powf(iw);
    if r.is_infinite() {
        return Err(err(Exc::OverflowError, "(34, 'Numerical result out of range')"));
    }
    Ok(if negate { -r } else { r })
}

/// `x.is_integer()`.
#[inline]
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

/// `int(x)` / `math.trunc(x)`.
#[inline]
pub fn float_to_int(x: f64) -> PyResult<Int> {
    if x.abs() < 9.2e18 {
        return Ok(Int::Small(x as i64));
    }
    Int::from_f64(x)
}

/// `math.floor(x)`.
#[inline]
pub fn float_floor(x: f64) -> PyResult<Int> {
    float_to_int(x.floor())
}

/// `math.ceil(x)`.
#[inline]
pub fn float_ceil(x: f64) -> PyResult<Int> {
    float_to_int(x.ceil())
}

// ---------------------------------------------------------------------------------------------
// round()
// ---------------------------------------------------------------------------------------------

/// `round(x)`: nearest integer, ties to even.
pub fn float_round(x: f64) -> PyResult<Int> {
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    float_to_int(r)
}

/// `round(x, ndigits)` with an int `ndigits` (clipped to the i64 range like CPython's
/// PyNumber_AsSsize_t).
pub fn float_round_ndigits_int(x: f64, ndigits: &Int) -> PyResult<f64> {
    let n = match ndigits.to_i64() {
        Some(n) => n,
        None => {
            if ndigits.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
    };
    float_round_ndigits(x, n)
}

/// `round(x, ndigits)`: CPython's double_round (correctly rounded, half-even on the exact
/// binary value). Errors only with OverflowError "rounded value too large to represent".
pub fn float_round_ndigits(x: f64, ndigits: i64) -> PyResult<f64> {
    const NDIGITS_MAX: i64 = 323; // (DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103
    const NDIGITS_MIN: i64 = -308; // -(DBL_MAX_EXP + 1) * 0.30103
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if ndigits >= 0 {
        let mut b = StackBuf::new();
        let r = if write!(b, "{:.*}", ndigits as usize, x).is_ok() {
            // Safe: ASCII.
            unsafe { std::str::from_utf8_unchecked(b.as_bytes()) }.parse::<f64>()
        } else {
            format!("{:.*}", ndigits as usize, x).parse::<f64>()
        };
        return Ok(r.expect("formatted float parses"));
    }
    // ndigits < 0: round the exact integer part at 10**k, half to even (the fraction only
    // matters for breaking an exact tie upward).
    let k = (-ndigits) as usize;
    let ax = x.abs();
    let int_part = format!("{:.0}", ax.trunc());
    let frac = ax - ax.trunc();
    let l = int_part.len();
    let neg = x.is_sign_negative();
    if k > l {
        return Ok(if neg { -0.0 } else { 0.0 });
    }
    let head = &int_part[..l - k];
    let rem = &int_part.as_bytes()[l - k..];
    let half_cmp = {
        // Compare rem with 5 followed by k-1 zeros.
        let mut o = rem[0].cmp(&b'5');
        if o == std::cmp::Ordering::Equal && rem[1..].iter().any(|&c| c != b'0') {
            o = std::cmp::Ordering::Greater;
        }
        o
    };
    let head_odd = head.as_bytes().last().is_some_and(|&c| (c - b'0') & 1 == 1);
    let up = match half_cmp {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => frac > 0.0 || head_odd,
        std::cmp::Ordering::Less => false,
    };
    let mut digits: Vec<u8> = if head.is_empty() { b"0".to_vec() } else { head.as_bytes().to_vec() };
    if up {
        let mut j = digits.len();
        loop {
            if j == 0 {
                digits.insert(0, b'1');
                break;
            }
            j -= 1;
            if digits[j] == b'9' {
                digits[j] = b'0';
            } else {
                digits[j] += 1;
                break;
            }
        }
    }
    let s = format!(
        "{}{}e{}",
        if neg { "-" } else { "" },
        std::str::from_utf8(&digits).unwrap(),
        k
    );
    let r: f64 = s.parse().expect("valid float");
    if r.is_infinite() {
        return Err(err(Exc::OverflowError, "rounded value too large to represent"));
    }
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// float(str)
// ---------------------------------------------------------------------------------------------

#[inline]
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Parse the ASCII body (no surrounding whitespace, no underscores) like PyOS_string_to_double
/// requiring the whole string to be consumed.
fn parse_float_body(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut neg = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    if rest.first().is_some_and(|c| c.is_ascii_alphabetic()) {
        let lower = rest.to_ascii_lowercase();
        let v = match &lower[..] {
            b"inf" | b"infinity" => f64::INFINITY,
            b"nan" => f64::NAN,
            _ => return None,
        };
        return Some(if neg { -v } else { v });
    }
    let mut j = 0;
    let mut mant_digits = 0;
    while j < rest.len() && rest[j].is_ascii_digit() {
        j += 1;
        mant_digits += 1;
    }
    if j < rest.len() && rest[j] == b'.' {
        j += 1;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
            mant_digits += 1;
        }
    }
    if mant_digits == 0 {
        return None;
    }
    if j < rest.len() && (rest[j] == b'e' || rest[j] == b'E') {
        j += 1;
        if j < rest.len() && (rest[j] == b'+' || rest[j] == b'-') {
            j += 1;
        }
        let start = j;
        while j < rest.len() && rest[j].is_ascii_digit() {
            j += 1;
        }
        if j == start {
            return None;
        }
    }
    if j != rest.len() {
        return None;
    }
    // Safe: ASCII.
    let text = unsafe { std::str::from_utf8_unchecked(s) };
    text.parse::<f64>().ok()
}

fn parse_float_inner(s: &str) -> Option<f64> {
    let transformed: Vec<u8>;
    let mut bytes: &[u8] = if s.is_ascii() {
        s.as_bytes()
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
                return None;
            }
        }
        transformed = buf;
        &transformed
    };
    let dedup: Vec<u8>;
    if bytes.contains(&b'_') {
        let mut out = Vec::with_capacity(bytes.len());
        let mut prev = 0u8;
        for &c in bytes {
            if c == b'_' {
                if !prev.is_ascii_digit() {
                    return None;
                }
            } else {
                if prev == b'_' && !c.is_ascii_digit() {
                    return None;
                }
                out.push(c);
            }
            prev = c;
        }
        if prev == b'_' {
            return None;
        }
        dedup = out;
        bytes = &dedup;
    }
    let mut a = 0;
    let mut b = bytes.len();
    while a < b && is_c_space(bytes[a]) {
        a += 1;
    }
    while b > a + 1 && is_c_space(bytes[b - 1]) {
        b -= 1;
    }
    parse_float_body(&bytes[a..b])
}

/// `float(s)`.
pub fn float_parse(s: &str) -> PyResult<f64> {
    match parse_float_inner(s) {
        Some(v) => Ok(v),
        None => Err(PyErr::new(
            Exc::ValueError,
            format!("could not convert string to float: {}", crate::format::str_repr(s)),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// hash
// ---------------------------------------------------------------------------------------------

/// CPython's numeric hash of a float (equal to `Int::py_hash` for integral values). CPython
/// hashes NaN by object identity; here every NaN hashes to 0.
pub fn float_hash(x: f64) -> i64 {
    if !x.is_finite() {
        if x.is_nan() {
            return 0;
        }
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x == 0.0 {
        return 0;
    }
    let bits = x.to_bits();
    let exp_field = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_field == 0 { (frac, -1074i64) } else { (frac | (1u64 << 52), exp_field - 1075) };
    // x = m * 2**e; 2**61 == 1 (mod 2**61 - 1), so multiplying by 2**e is a 61-bit rotation.
    let e = e.rem_euclid(HASH_BITS as i64) as u32;
    let h = if e == 0 { m } else { ((m << e) & HASH_MODULUS) | (m >> (HASH_BITS - e)) };
    let h = h as i64;
    let h = if x < 0.0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

// ---------------------------------------------------------------------------------------------
// Tests (expected values from CPython 3.11)
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::approx_constant, clippy::excessive_precision)]
mod tests {
    use super::*;

    fn msg<T: std::fmt::Debug>(r: PyResult<T>) -> (Exc, String) {
        match r {
            Err(e) => (e.exc(), e.message()),
            Ok(v) => panic!("expected error, got {:?}", v),
        }
    }
    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn repr_basic() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (123456789.12345679, "123456789.12345679"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012345"),
            (1e-05, "1e-05"),
            (2.5e-07, "2.5e-07"),
            (1e16, "1e+16"),
            (9999999999999998.0, "9999999999999998.0"),
            (1.2345e20, "1.2345e+20"),
            (1e22, "1e+22"),
            (1e100, "1e+100"),
            (-1.5e-300, "-1.5e-300"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (100.0, "100.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.3, "0.3"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0f64.powi(60), "1.152921504606847e+18"),
            (123e-20, "1.23e-18"),
            (-12.5, "-12.5"),
        ];
        for &(x, s) in cases {
            assert_eq!(float_repr(x), s);
        }
    }

    #[test]
    fn division_and_modulo() {
        assert_eq!(float_truediv(1.0, 4.0).unwrap(), 0.25);
        assert_eq!(msg(float_truediv(1.0, 0.0)), (Exc::ZeroDivisionError, "float division by zero".into()));
        assert_eq!(msg(float_truediv(1.0, -0.0)).0, Exc::ZeroDivisionError);
        assert_eq!(msg(float_floordiv(1.0, 0.0)), (Exc::ZeroDivisionError, "float floor division by zero".into()));
        assert_eq!(msg(float_mod(1.0, 0.0)), (Exc::ZeroDivisionError, "float modulo".into()));
        assert_eq!(msg(float_divmod(1.0, 0.0)), (Exc::ZeroDivisionError, "float divmod()".into()));
        // (a, b, a // b, a % b) from python3
        let cases: &[(f64, f64, f64, f64)] = &[
            (7.5, 2.0, 3.0, 1.5),
            (-7.5, 2.0, -4.0, 0.5),
            (7.5, -2.0, -4.0, -0.5),
            (-7.5, -2.0, 3.0, -1.5),
            (6.0, -3.0, -2.0, -0.0),
            (-6.0, 3.0, -2.0, 0.0),
            (0.0, -3.0, -0.0, -0.0),
            (-0.0, 3.0, -0.0, 0.0),
            (-0.0, -3.0, 0.0, -0.0),
            (1.0, 0.1, 9.0, 0.09999999999999995),
            (-1e-300, 1e300, -1.0, 1e300),
            (1e-300, -1e300, -1.0, -1e300),
            (5.0, f64::INFINITY, 0.0, 5.0),
            (-5.0, f64::INFINITY, -1.0, f64::INFINITY),
            (f64::INFINITY, 1.0, f64::NAN, f64::NAN),
            (3.0, f64::NAN, f64::NAN, f64::NAN),
            (1e308, 1e-308, f64::INFINITY, 3.498445546245627e-309),
        ];
        for &(a, b, q, r) in cases {
            let fq = float_floordiv(a, b).unwrap();
            let fr = float_mod(a, b).unwrap();
            assert!(same(fq, q), "{} // {} = {} expected {}", a, b, fq, q);
            assert!(same(fr, r), "{} % {} = {} expected {}", a, b, fr, r);
            let (dq, dr) = float_divmod(a, b).unwrap();
            assert!(same(dq, q) && same(dr, r));
        }
    }

    #[test]
    fn powers() {
        let cases: &[(f64, f64, f64)] = &[
            (2.0, 10.0, 1024.0),
            (2.0, -1.0, 0.5),
            (0.0, 0.0, 1.0),
            (f64::NAN, 0.0, 1.0),
            (1.0, f64::NAN, 1.0),
            (f64::NAN, 1.0, f64::NAN),
            (2.0, f64::NAN, f64::NAN),
            (0.5, f64::INFINITY, 0.0),
            (0.5, f64::NEG_INFINITY, f64::INFINITY),
            (-1.0, f64::INFINITY, 1.0),
            (2.0, f64::NEG_INFINITY, 0.0),
            (f64::NEG_INFINITY, 3.0, f64::NEG_INFINITY),
            (f64::NEG_INFINITY, 2.0, f64::INFINITY),
            (f64::NEG_INFINITY, -3.0, -0.0),
            (f64::NEG_INFINITY, -2.0, 0.0),
            (-0.0, 3.0, -0.0),
            (-0.0, 2.0, 0.0),
            (-0.0, 0.5, 0.0),
            (-2.0, 3.0, -8.0),
            (-2.0, 2.0, 4.0),
            (-1.0, 1e300, 1.0),
            (-1.0, 1e300 + 1.0, 1.0),
            (-1.0, 3.0, -1.0),
            (10.0, -400.0, 0.0),
            (1.1, 0.5, 1.0488088481701516),
            (2.0, 0.5, 1.4142135623730951),
            (7.0, 1.0 / 3.0, 1.912931182772389),
        ];
        for &(a, b, r) in cases {
            let v = float_pow(a, b).unwrap();
            assert!(same(v, r), "{} ** {} = {} expected {}", a, b, v, r);
        }
        assert_eq!(msg(float_pow(0.0, -1.0)), (Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power".into()));
        assert_eq!(msg(float_pow(-0.0, -2.5)).0, Exc::ZeroDivisionError);
        assert_eq!(msg(float_pow(10.0, 400.0)), (Exc::OverflowError, "(34, 'Numerical result out of range')".into()));
        assert_eq!(msg(float_pow(-10.0, 401.0)).0, Exc::OverflowError);
        assert_eq!(msg(float_pow(-8.0, 0.5)).0, Exc::ValueError);
    }

    #[test]
    fn rounding_to_int() {
        let cases: &[(f64, i64)] = &[
            (0.5, 0),
            (1.5, 2),
            (2.5, 2),
            (-0.5, 0),
            (-1.5, -2),
            (-2.5, -2),
            (2.675, 3),
            (0.49999999999999994, 0),
            (4503599627370497.0, 4503599627370497),
            (-7.9, -8),
        ];
        for &(x, r) in cases {
            assert_eq!(float_round(x).unwrap(), Int::Small(r), "round({})", x);
        }
        assert_eq!(float_round(1e20).unwrap().to_string(), "100000000000000000000");
        assert_eq!(msg(float_round(f64::NAN)), (Exc::ValueError, "cannot convert float NaN to integer".into()));
        assert_eq!(msg(float_round(f64::INFINITY)), (Exc::OverflowError, "cannot convert float infinity to integer".into()));
        assert_eq!(float_floor(-7.5).unwrap(), Int::Small(-8));
        assert_eq!(float_ceil(-7.5).unwrap(), Int::Small(-7));
        assert_eq!(float_to_int(-7.9).unwrap(), Int::Small(-7));
        assert_eq!(float_ceil(1e19).unwrap().to_string(), "10000000000000000000");
        assert!(float_is_integer(3.0) && !float_is_integer(3.5) && !float_is_integer(f64::INFINITY));
    }

    #[test]
    fn rounding_ndigits() {
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (1234.5678, -2, 1200.0),
            (0.5, 0, 0.0),
            (1.5, 0, 2.0),
            (2.5, 0, 2.0),
            (-2.5, 0, -2.0),
            (-0.4, 0, -0.0),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (1.0000000000000002, 15, 1.0),
            (1250.0, -2, 1200.0),
            (1350.0, -2, 1400.0),
            (1250.0000000000002, -2, 1300.0),
            (-1250.0, -2, -1200.0),
            (-4.0, -1, -0.0),
            (5.0, -1, 0.0),
            (15.0, -1, 20.0),
            (1e300, -300, 1e300),
            (1.5e300, -300, 2e300),
            (2.5e300, -300, 3e300),
            (1.23456789e-300, 305, 1.23457e-300),
            (5e-324, 323, 0.0),
            (5e-324, 324, 5e-324),
            (123.456, 400, 123.456),
            (123.456, -400, 0.0),
            (-123.456, -400, -0.0),
            (123.456, -3, 0.0),
            (523.456, -3, 1000.0),
            (0.1, 1, 0.1),
            (0.15, 1, 0.1),
            (0.25, 1, 0.2),
            (0.35, 1, 0.3),
            (0.45, 1, 0.5),
            (9.999999999999999e22, -22, 1e23),
            (4.35, 1, 4.3),
            (f64::INFINITY, 2, f64::INFINITY),
        ];
        for &(x, n, r) in cases {
            let v = float_round_ndigits(x, n).unwrap();
            assert!(same(v, r), "round({}, {}) = {} expected {}", x, n, v, r);
        }
        assert!(float_round_ndigits(f64::NAN, 2).unwrap().is_nan());
        assert_eq!(msg(float_round_ndigits(1.7976931348623157e308, -307)).0, Exc::OverflowError);
        assert_eq!(
            msg(float_round_ndigits(1.7976931348623157e308, -308)),
            (Exc::OverflowError, "rounded value too large to represent".into())
        );
        assert_eq!(float_round_ndigits_int(2.675, &Int::big("100000000000000000000")).unwrap(), 2.675);
    }

    #[test]
    fn parse() {
        let cases: &[(&str, f64)] = &[
            ("1_0.5", 10.5),
            ("1e1_0", 1e10),
            ("infinity", f64::INFINITY),
            ("-iNF", f64::NEG_INFINITY),
            ("+nan", f64::NAN),
            ("nan ", f64::NAN),
            (" 1e999", f64::INFINITY),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e+5", 100000.0),
            ("\u{0661}.5", 1.5),
            ("\u{3000}1.5\u{2028}", 1.5),
            ("-0", -0.0),
            ("1e-400", 0.0),
            ("  -12.5e-3\n", -0.0125),
            ("0.1", 0.1),
            ("1E5", 100000.0),
            ("\u{1d7ce}.5", 0.5),
            ("1e99999999999999999999", f64::INFINITY),
            ("2.2250738585072011e-308", 2.225073858507201e-308),
            ("0.30000000000000004", 0.30000000000000004),
        ];
        for &(s, v) in cases {
            let r = float_parse(s).unwrap();
            assert!(same(r, v), "float({:?}) = {} expected {}", s, r, v);
        }
        let long = "1".repeat(400);
        assert_eq!(float_parse(&long).unwrap(), f64::INFINITY);
        let tiny = format!("0.{}1", "0".repeat(400));
        assert_eq!(float_parse(&tiny).unwrap(), 0.0);
        let bad = ["", "1_.5", "1._5", "1e_1", "_1", ".", "e5", "1e", "0x10", "infinityx", "in", "-", "--1",
            "\x1c1.5", "1.5\x00", "1__0", "1_", "nan_", "1 2", "+-1", "infinit", "1.5e+", "٫5"];
        for s in bad {
            assert_eq!(
                msg(float_parse(s)),
                (Exc::ValueError, format!("could not convert string to float: {}", crate::format::str_repr(s))),
                "float({:?})",
                s
            );
        }
        assert_eq!(msg(float_parse("x")).1, "could not convert string to float: 'x'");
        assert_eq!(msg(float_parse("\x1c1.5")).1, "could not convert string to float: '\\x1c1.5'");
    }

    #[test]
    fn hashes() {
        // python3: hash(x)
        let cases: &[(f64, i64)] = &[
            (0.0, 0),
            (-0.0, 0),
            (1.0, 1),
            (-1.0, -2),
            (0.5, 1152921504606846976),
            (-0.5, -1152921504606846976),
            (1.5, 1152921504606846977),
            (0.1, 230584300921369408),
            (3.14, 322818021289917443),
            (1e100, 1822893315824342674),
            (-2.5e-300, -52920977297143526),
            (5e-324, 16777216),
            (1.7976931348623157e308, 2234066890152476671),
            (f64::INFINITY, 314159),
            (f64::NEG_INFINITY, -314159),
            (1.2676506002282294e30, 549755813888),
            ((1u64 << 63) as f64, 4),
        ];
        for &(x, h) in cases {
            assert_eq!(float_hash(x), h, "hash({})", x);
        }
        for k in [0i64, 1, -1, 7, -123456789, i64::MAX / 3, 1 << 62, -(1 << 53)] {
            assert_eq!(float_hash(k as f64), Int::Small(k as f64 as i64).py_hash());
        }
    }

    #[test]
    fn ldexp_cases() {
        assert_eq!(ldexp(1.0, 1023), 8.98846567431158e307);
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(3.0, -1075), 1e-323);
        assert_eq!(ldexp(1.5, -1074), 1e-323);
        assert_eq!(ldexp(4503599627370497.0, -1074 - 52), 5e-324);
        assert_eq!(ldexp(1.0, -2000), 0.0);
        assert_eq!(ldexp(0.5, 2000 - 1000), ldexp(1.0, 999));
    }

    #[test]
    fn int_to_float_conv() {
        assert_eq!(int_to_float(&Int::big("123456789012345678901234567890")).unwrap(), 1.2345678901234568e+29);
        let big = Int::Small(10).pow(&Int::Small(400)).unwrap();
        assert_eq!(msg(int_to_float(&big)), (Exc::OverflowError, "int too large to convert to float".into()));
    }
}
