//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`) for int, float, bool
//! and str with CPython 3.11's exact output and error messages, plus `str_repr` and the
//! Unicode character predicates the number parsers share.
//!
//! The float layout is a port of the logic of CPython's `format_float_short`, fed with digits
//! from Rust's exact (correctly rounded, half-even) float formatting.

use crate::err::{Exc, PyErr, PyResult};
use crate::float::{dtoa_fixed, dtoa_shortest, dtoa_sig, float_repr, StackBuf};
use crate::int::Int;
use std::fmt::Write as _;

#[cold]
fn value_error(msg: impl Into<String>) -> PyErr {
    PyErr::new(Exc::ValueError, msg)
}

// ---------------------------------------------------------------------------------------------
// Character predicates
// ---------------------------------------------------------------------------------------------

/// CPython's `str.isprintable()` for one character (Unicode 14.0 tables).
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    // Find the last range starting at or before u.
    let idx = NONPRINTABLE.partition_point(|&(start, _)| start <= u);
    !(idx > 0 && u <= NONPRINTABLE[idx - 1].1)
}

/// CPython's `str.isspace()` for one character.
#[inline]
pub fn is_py_whitespace(c: char) -> bool {
    match c {
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' ' => true,
        c if (c as u32) < 0x80 => false,
        '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}'
        | '\u{202f}' | '\u{205f}' | '\u{3000}' => true,
        _ => false,
    }
}

/// The value of a Unicode decimal digit (category Nd), as `int()` and `float()` accept them.
#[inline]
pub fn decimal_value(c: char) -> Option<u32> {
    let u = c as u32;
    if u < 0x80 {
        return if c.is_ascii_digit() { Some(u - '0' as u32) } else { None };
    }
    if u < 0x660 {
        return None;
    }
    let idx = DECIMAL_ZEROS.partition_point(|&z| z <= u);
    if idx > 0 && u - DECIMAL_ZEROS[idx - 1] < 10 {
        Some(u - DECIMAL_ZEROS[idx - 1])
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// repr(str)
// ---------------------------------------------------------------------------------------------

/// CPython's `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(s, &mut out);
    out
}

/// CPython's `repr(str)`, appended to `out`.
pub fn write_str_repr(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in s.chars() {
        let u = c as u32;
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if c == '\t' {
            out.push_str("\\t");
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else if u < 0x20 || u == 0x7f {
            let _ = write!(out, "\\x{:02x}", u);
        } else if u < 0x7f || is_printable(c) {
            out.push(c);
        } else if u <= 0xff {
            let _ = write!(out, "\\x{:02x}", u);
        } else if u <= 0xffff {
            let _ = write!(out, "\\u{:04x}", u);
        } else {
            let _ = write!(out, "\\U{:08x}", u);
        }
    }
    out.push(quote);
}

// ---------------------------------------------------------------------------------------------
// Float to string (PyOS_double_to_string)
// ---------------------------------------------------------------------------------------------

/// Options of `double_to_string` (CPython's Py_DTSF_* flags).
#[derive(Clone, Copy, Default, Debug)]
pub struct DtoaFlags {
    /// Py_DTSF_SIGN: always write a sign.
    pub sign: bool,
    /// Py_DTSF_ADD_DOT_0: integral results get ".0" (repr style).
    pub add_dot_0: bool,
    /// Py_DTSF_ALT: '#' alternate form.
    pub alt: bool,
    /// Py_DTSF_NO_NEG_0: 'z' option, -0 becomes 0.
    pub no_neg_0: bool,
}

/// CPython's `PyOS_double_to_string(val, code, precision, flags)`: `code` is one of
/// e E f F g G r ('r' = repr, precision must be 0). Also what `'%.3f' % x` needs.
pub fn double_to_string(val: f64, code: char, precision: i32, flags: DtoaFlags) -> String {
    let mut out = String::new();
    write_double(&mut out, val, code, precision, flags);
    out
}

fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

fn write_double(out: &mut String, val: f64, code: char, precision: i32, flags: DtoaFlags) {
    let upper = matches!(code, 'E' | 'F' | 'G');
    let code = code.to_ascii_lowercase();
    let mut precision = precision as i64;
    match code {
        'e' => precision += 1,
        'g' if precision == 0 => precision = 1,
        _ => {}
    }
    if !val.is_finite() {
        if val.is_nan() {
            if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        } else {
            if val < 0.0 {
                out.push('-');
            } else if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        }
        return;
    }
    // Fast paths: Rust's exact fixed/scientific formatting already produces CPython's digits
    // (correctly rounded, ties to even) and sign (including "-0.00").
    if !flags.alt && !flags.no_neg_0 && !flags.add_dot_0 && (code == 'f' || code == 'e') {
        if flags.sign && !val.is_sign_negative() {
            out.push('+');
        }
        if code == 'f' {
            let _ = write!(out, "{:.*}", precision as usize, val);
        } else {
            let start = out.len();
            let _ = write!(out, "{:.*e}", (precision - 1) as usize, val);
            // Rust writes "1.5e-7"/"1.5e7"; CPython writes "1.5e-07"/"1.5e+07".
            let epos = start + out[start..].rfind('e').unwrap_or(0);
            let exp: i32 = out[epos + 1..].parse().unwrap_or(0);
            out.truncate(epos);
            out.push(if upper { 'E' } else { 'e' });
            out.push(if exp < 0 { '-' } else { '+' });
            let a = exp.unsigned_abs();
            if a < 10 {
                out.push('0');
            }
            let _ = write!(out, "{}", a);
        }
        return;
    }
    let ax = val.abs();
    let mut digits: Vec<u8> = Vec::with_capacity(32);
    let decpt = match code {
        'e' | 'g' => dtoa_sig(ax, precision as usize, &mut digits),
        'f' => dtoa_fixed(ax, precision as usize, &mut digits),
        _ => dtoa_shortest(ax, &mut digits),
    };
    let mut decpt = decpt as i64;
    let digits_len = digits.len() as i64;
    let mut sign = val.is_sign_negative();
    if flags.no_neg_0 && sign && (digits.is_empty() || (digits_len == 1 && digits[0] == b'0')) {
        sign = false;
    }
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            if decpt <= -4 || decpt > (if flags.add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    if sign {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    // Digits are ASCII.
    let ds = std::str::from_utf8(&digits).unwrap_or("");
    if decpt <= 0 {
        push_zeros(out, decpt - vdigits_start);
        out.push('.');
        push_zeros(out, -decpt);
    } else {
        push_zeros(out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&ds[..decpt as usize]);
        out.push('.');
        out.push_str(&ds[decpt as usize..]);
    } else {
        out.push_str(ds);
    }
    if digits_len < decpt {
        push_zeros(out, decpt - digits_len);
        out.push('.');
        push_zeros(out, vdigits_end - decpt);
    } else {
        push_zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        let _ = write!(out, "{}", a);
    }
}

// ---------------------------------------------------------------------------------------------
// Format spec parsing (parse_internal_render_format_spec)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    None,
    Comma,
    Underscore,
    /// '_' with b/o/x/X: every four digits.
    UnderFour,
}

#[derive(Debug)]
struct Spec {
    fill: char,
    align: char,
    /// '+', '-', ' ' or '\0'.
    sign: char,
    no_neg_0: bool,
    alternate: bool,
    width: i64,
    sep: Sep,
    precision: i64,
    /// '\0' when omitted and there is no default.
    ty: char,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// CPython's get_integer: returns (value, digits consumed).
fn get_integer(s: &[char], pos: &mut usize) -> PyResult<(i64, usize)> {
    let mut acc: i64 = 0;
    let mut n = 0;
    while *pos < s.len() {
        let d = match decimal_value(s[*pos]) {
            Some(d) => d as i64,
            None => break,
        };
        if acc > (i64::MAX - d) / 10 {
            return Err(value_error("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
        n += 1;
    }
    Ok((acc, n))
}

fn type_char_desc(c: char) -> String {
    let u = c as u32;
    if u > 32 && u < 128 {
        format!("'{}'", c)
    } else {
        format!("'\\x{:x}'", u)
    }
}

fn parse_spec(spec: &str, default_type: char, default_align: char, type_name: &str) -> PyResult<Spec> {
    // Specs are short: decode into a stack array when possible.
    let mut stack = ['\0'; 24];
    let heap: Vec<char>;
    let s: &[char] = if spec.len() <= stack.len() {
        let mut n = 0;
        for c in spec.chars() {
            stack[n] = c;
            n += 1;
        }
        &stack[..n]
    } else {
        heap = spec.chars().collect();
        &heap
    };
    let end = s.len();
    let mut pos = 0;
    let mut f = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_0: false,
        alternate: false,
        width: -1,
        sep: Sep::None,
        precision: -1,
        ty: default_type,
    };
    let mut fill_specified = false;
    let mut align_specified = false;
    if end - pos >= 2 && is_align(s[pos + 1]) {
        f.align = s[pos + 1];
        f.fill = s[pos];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(s[pos]) {
        f.align = s[pos];
        align_specified = true;
        pos += 1;
    }
    if pos < end && matches!(s[pos], '+' | '-' | ' ') {
        f.sign = s[pos];
        pos += 1;
    }
    if pos < end && s[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && s[pos] == '#' {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && s[pos] == '0' {
        f.fill = '0';
        if !align_specified && default_align == '>' {
            f.align = '=';
        }
        pos += 1;
    }
    let (w, consumed) = get_integer(s, &mut pos)?;
    f.width = if consumed == 0 { -1 } else { w };
    if pos < end && s[pos] == ',' {
        f.sep = Sep::Comma;
        pos += 1;
    }
    if pos < end && s[pos] == '_' {
        if f.sep != Sep::None {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
        f.sep = Sep::Underscore;
        pos += 1;
    }
    if pos < end && s[pos] == ',' && f.sep == Sep::Underscore {
        return Err(value_error("Cannot specify both ',' and '_'."));
    }
    if pos < end && s[pos] == '.' {
        pos += 1;
        let (p, consumed) = get_integer(s, &mut pos)?;
        if consumed == 0 {
            return Err(value_error("Format specifier missing precision"));
        }
        f.precision = p;
    }
    if end - pos > 1 {
        return Err(value_error(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            spec, type_name
        )));
    }
    if end - pos == 1 {
        f.ty = s[pos];
    }
    if f.sep != Sep::None {
        match f.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if f.sep == Sep::Underscore => f.sep = Sep::UnderFour,
            t => {
                let sc = if f.sep == Sep::Comma { ',' } else { '_' };
                return Err(value_error(format!("Cannot specify '{}' with {}.", sc, type_char_desc(t))));
            }
        }
    }
    Ok(f)
}

fn unknown_presentation_type(t: char, type_name: &str) -> PyErr {
    value_error(format!(
        "Unknown format code {} for object of type '{}'",
        type_char_desc(t),
        type_name
    ))
}

// ---------------------------------------------------------------------------------------------
// Number layout (calc_number_widths / fill_number / _PyUnicode_InsertThousandsGrouping)
// ---------------------------------------------------------------------------------------------

/// Group `digits` from the right with `sep` every `group` digits (0 = no grouping), padding
/// with zeros (and separators) up to `min_width` characters, like CPython does for the '0'
/// fill. Returns the grouped characters in order.
fn group_digits(digits: &[u8], mut min_width: i64, group: i64, sep: char) -> Vec<char> {
    let mut rev: Vec<char> = Vec::with_capacity(digits.len() + digits.len() / 3 + 4);
    let mut remaining = digits.len() as i64;
    let mut pos = digits.len();
    let mut use_sep = false;
    let emit = |rev: &mut Vec<char>, pos: &mut usize, n_chars: i64, n_zeros: i64, use_sep: bool| {
        if use_sep {
            rev.push(sep);
        }
        for _ in 0..n_chars {
            *pos -= 1;
            rev.push(digits[*pos] as char);
        }
        for _ in 0..n_zeros {
            rev.push('0');
        }
    };
    let mut broken = false;
    if group > 0 {
        loop {
            let l = group.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            emit(&mut rev, &mut pos, n_chars, n_zeros, use_sep);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        emit(&mut rev, &mut pos, n_chars, n_zeros, use_sep);
    }
    rev.reverse();
    rev
}

/// Lay out a number: `<lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>`.
fn fill_number(
    f: &Spec,
    negative: bool,
    prefix: &str,
    digits: &[u8],
    has_decimal: bool,
    remainder: &str,
    sep: Sep,
) -> String {
    let sign = match f.sign {
        '+' => Some(if negative { '-' } else { '+' }),
        ' ' => Some(if negative { '-' } else { ' ' }),
        _ => {
            if negative {
                Some('-')
            } else {
                None
            }
        }
    };
    let n_sign = sign.is_some() as i64;
    let n_prefix = prefix.chars().count() as i64;
    let n_decimal = has_decimal as i64;
    let n_remainder = remainder.chars().count() as i64;
    let n_non_digit = n_sign + n_prefix + n_decimal + n_remainder;
    let min_width = if f.fill == '0' && f.align == '=' { f.width - n_non_digit } else { 0 };
    let (group, sep_char) = match sep {
        Sep::None => (0, ','),
        Sep::Comma => (3, ','),
        Sep::Underscore => (3, '_'),
        Sep::UnderFour => (4, '_'),
    };
    // Grouping or zero padding inside the digits needs the general algorithm.
    let grouped: Option<Vec<char>> = if digits.is_empty() || (group == 0 && min_width <= digits.len() as i64) {
        None
    } else {
        Some(group_digits(digits, min_width, group, sep_char))
    };
    let n_grouped = match &grouped {
        Some(g) => g.len(),
        None => digits.len(),
    };
    let n_padding = f.width - (n_non_digit + n_grouped as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match f.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity((f.width.max(0) as usize) + n_grouped + 8);
    for _ in 0..lpad {
        out.push(f.fill);
    }
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(prefix);
    for _ in 0..spad {
        out.push(f.fill);
    }
    match &grouped {
        Some(g) => out.extend(g.iter()),
        // Digits are ASCII.
        None => out.push_str(std::str::from_utf8(digits).unwrap_or("")),
    }
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    for _ in 0..rpad {
        out.push(f.fill);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// int / bool
// ---------------------------------------------------------------------------------------------

/// `format(x, spec)` for an int.
pub fn format_int(x: &Int, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return x.to_string_checked();
    }
    format_int_typed(x, spec, "int")
}

/// `format(b, spec)` for a bool: "True"/"False" for an empty spec, else formatted as an int.
pub fn format_bool(b: bool, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(if b { "True" } else { "False" }.to_string());
    }
    format_int_typed(&Int::from(b), spec, "bool")
}

fn format_int_typed(x: &Int, spec: &str, type_name: &str) -> PyResult<String> {
    let f = parse_spec(spec, 'd', '>', type_name)?;
    match f.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(x, &f),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let v = x.to_f64()?;
            format_float_internal(v, &f)
        }
        t => Err(unknown_presentation_type(t, type_name)),
    }
}

fn format_long_internal(x: &Int, f: &Spec) -> PyResult<String> {
    if f.precision != -1 {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    if f.no_neg_0 {
        return Err(value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if f.ty == 'c' {
        if f.sign != '\0' {
            return Err(value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if f.alternate {
            return Err(value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let v = match x.to_i64() {
            Some(v) => v,
            None => {
                return Err(PyErr::new(Exc::OverflowError, "Python int too large to convert to C long"))
            }
        };
        if !(0..=0x10ffff).contains(&v) {
            return Err(PyErr::new(Exc::OverflowError, "%c arg not in range(0x110000)"));
        }
        let c = match char::from_u32(v as u32) {
            Some(c) => c,
            None => return Err(value_error("py2rust: lone surrogate code points are not supported")),
        };
        let mut buf = [0u8; 4];
        let r: &str = c.encode_utf8(&mut buf);
        return Ok(fill_number(f, false, "", b"", false, r, Sep::None));
    }
    let (base, prefix) = match f.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let negative = x.is_negative();
    let mut small = StackBuf::new();
    let mut digits = match x {
        Int::Small(v) if base == 10 => {
            let _ = write!(small, "{}", v.unsigned_abs());
            String::new()
        }
        _ if base == 10 => {
            let s = x.to_string_checked()?;
            if negative {
                s[1..].to_string()
            } else {
                s
            }
        }
        _ => x.magnitude_digits(base),
    };
    if f.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let digits_bytes: &[u8] = if small.as_bytes().is_empty() { digits.as_bytes() } else { small.as_bytes() };
    let prefix = if f.alternate { prefix } else { "" };
    // 'n' uses the current locale, which is the C locale (no grouping) in Python programs.
    let sep = if f.ty == 'n' { Sep::None } else { f.sep };
    // Fast path: nothing to pad or group.
    if f.width == -1 && f.sign != '+' && f.sign != ' ' && sep == Sep::None {
        let mut out = String::with_capacity(digits_bytes.len() + 3);
        if negative {
            out.push('-');
        }
        out.push_str(prefix);
        out.push_str(std::str::from_utf8(digits_bytes).unwrap_or(""));
        return Ok(out);
    }
    Ok(fill_number(f, negative, prefix, digits_bytes, false, "", sep))
}

// ---------------------------------------------------------------------------------------------
// float
// ---------------------------------------------------------------------------------------------

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let f = parse_spec(spec, '\0', '>', "float")?;
    match f.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(x, &f),
        t => Err(unknown_presentation_type(t, "float")),
    }
}

fn format_float_internal(val: f64, f: &Spec) -> PyResult<String> {
    if f.precision > i32::MAX as i64 {
        return Err(value_error("precision too big"));
    }
    let mut flags = DtoaFlags { alt: f.alternate, no_neg_0: f.no_neg_0, ..DtoaFlags::default() };
    let mut ty = f.ty;
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = val;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = if f.precision < 0 {
        default_precision
    } else {
        if ty == 'r' {
            ty = 'g';
        }
        f.precision as i32
    };
    let mut buf = String::with_capacity(32);
    write_double(&mut buf, val, ty, precision, flags);
    if add_pct {
        buf.push('%');
    }
    let sep = if f.ty == 'n' { Sep::None } else { f.sep };
    if f.sign != '+' && f.sign != ' ' && f.width == -1 && f.ty != 'n' && sep == Sep::None {
        return Ok(buf);
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, &buf[..]),
    };
    let b = body.as_bytes();
    let n_int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let has_decimal = n_int < b.len() && b[n_int] == b'.';
    let rem_start = n_int + has_decimal as usize;
    Ok(fill_number(f, negative, "", &b[..n_int], has_decimal, &body[rem_start..], sep))
}

// ---------------------------------------------------------------------------------------------
// str
// ---------------------------------------------------------------------------------------------

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_spec(spec, 's', '<', "str")?;
    if f.ty != 's' {
        return Err(unknown_presentation_type(f.ty, "str"));
    }
    if f.sign != '\0' {
        return Err(value_error(if f.sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(value_error("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if f.alternate {
        return Err(value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if f.align == '=' {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    let total_chars = s.chars().count() as i64;
    let (body, len) = if f.precision >= 0 && total_chars > f.precision {
        let cut = s.char_indices().nth(f.precision as usize).map_or(s.len(), |(i, _)| i);
        (&s[..cut], f.precision)
    } else {
        (s, total_chars)
    };
    let total = if f.width >= 0 && f.width > len { f.width } else { len };
    let lpad = match f.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(body.len() + (lpad + rpad) as usize);
    for _ in 0..lpad {
        out.push(f.fill);
    }
    out.push_str(body);
    for _ in 0..rpad {
        out.push(f.fill);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Unicode tables
// ---------------------------------------------------------------------------------------------

/// Ranges (inclusive) of non-printable code points >= 0x80, per CPython 3.11's
/// `str.isprintable` (Unicode 14.0: categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs).
/// Generated with python3 from `unicodedata`.
static NONPRINTABLE: [(u32, u32); 700] = [
    (0x80, 0xa0), (0xad, 0xad), (0x378, 0x379), (0x380, 0x383), (0x38b, 0x38b), (0x38d, 0x38d),
    (0x3a2, 0x3a2), (0x530, 0x530), (0x557, 0x558), (0x58b, 0x58c), (0x590, 0x590), (0x5c8, 0x5cf),
    (0x5eb, 0x5ee), (0x5f5, 0x605), (0x61c, 0x61c), (0x6dd, 0x6dd), (0x70e, 0x70f), (0x74b, 0x74c),
    (0x7b2, 0x7bf), (0x7fb, 0x7fc), (0x82e, 0x82f), (0x83f, 0x83f), (0x85c, 0x85d), (0x85f, 0x85f),
    (0x86b, 0x86f), (0x88f, 0x897), (0x8e2, 0x8e2), (0x984, 0x984), (0x98d, 0x98e), (0x991, 0x992),
    (0x9a9, 0x9a9), (0x9b1, 0x9b1), (0x9b3, 0x9b5), (0x9ba, 0x9bb), (0x9c5, 0x9c6), (0x9c9, 0x9ca),
    (0x9cf, 0x9d6), (0x9d8, 0x9db), (0x9de, 0x9de), (0x9e4, 0x9e5), (0x9ff, 0xa00), (0xa04, 0xa04),
    (0xa0b, 0xa0e), (0xa11, 0xa12), (0xa29, 0xa29), (0xa31, 0xa31), (0xa34, 0xa34), (0xa37, 0xa37),
    (0xa3a, 0xa3b), (0xa3d, 0xa3d), (0xa43, 0xa46), (0xa49, 0xa4a), (0xa4e, 0xa50), (0xa52, 0xa58),
    (0xa5d, 0xa5d), (0xa5f, 0xa65), (0xa77, 0xa80), (0xa84, 0xa84), (0xa8e, 0xa8e), (0xa92, 0xa92),
    (0xaa9, 0xaa9), (0xab1, 0xab1), (0xab4, 0xab4), (0xaba, 0xabb), (0xac6, 0xac6), (0xaca, 0xaca),
    (0xace, 0xacf), (0xad1, 0xadf), (0xae4, 0xae5), (0xaf2, 0xaf8), (0xb00, 0xb00), (0xb04, 0xb04),
    (0xb0d, 0xb0e), (0xb11, 0xb12), (0xb29, 0xb29), (0xb31, 0xb31), (0xb34, 0xb34), (0xb3a, 0xb3b),
    (0xb45, 0xb46), (0xb49, 0xb4a), (0xb4e, 0xb54), (0xb58, 0xb5b), (0xb5e, 0xb5e), (0xb64, 0xb65),
    (0xb78, 0xb81), (0xb84, 0xb84), (0xb8b, 0xb8d), (0xb91, 0xb91), (0xb96, 0xb98), (0xb9b, 0xb9b),
    (0xb9d, 0xb9d), (0xba0, 0xba2), (0xba5, 0xba7), (0xbab, 0xbad), (0xbba, 0xbbd), (0xbc3, 0xbc5),
    (0xbc9, 0xbc9), (0xbce, 0xbcf), (0xbd1, 0xbd6), (0xbd8, 0xbe5), (0xbfb, 0xbff), (0xc0d, 0xc0d),
    (0xc11, 0xc11), (0xc29, 0xc29), (0xc3a, 0xc3b), (0xc45, 0xc45), (0xc49, 0xc49), (0xc4e, 0xc54),
    (0xc57, 0xc57), (0xc5b, 0xc5c), (0xc5e, 0xc5f), (0xc64, 0xc65), (0xc70, 0xc76), (0xc8d, 0xc8d),
    (0xc91, 0xc91), (0xca9, 0xca9), (0xcb4, 0xcb4), (0xcba, 0xcbb), (0xcc5, 0xcc5), (0xcc9, 0xcc9),
    (0xcce, 0xcd4), (0xcd7, 0xcdc), (0xcdf, 0xcdf), (0xce4, 0xce5), (0xcf0, 0xcf0), (0xcf3, 0xcff),
    (0xd0d, 0xd0d), (0xd11, 0xd11), (0xd45, 0xd45), (0xd49, 0xd49), (0xd50, 0xd53), (0xd64, 0xd65),
    (0xd80, 0xd80), (0xd84, 0xd84), (0xd97, 0xd99), (0xdb2, 0xdb2), (0xdbc, 0xdbc), (0xdbe, 0xdbf),
    (0xdc7, 0xdc9), (0xdcb, 0xdce), (0xdd5, 0xdd5), (0xdd7, 0xdd7), (0xde0, 0xde5), (0xdf0, 0xdf1),
    (0xdf5, 0xe00), (0xe3b, 0xe3e), (0xe5c, 0xe80), (0xe83, 0xe83), (0xe85, 0xe85), (0xe8b, 0xe8b),
    (0xea4, 0xea4), (0xea6, 0xea6), (0xebe, 0xebf), (0xec5, 0xec5), (0xec7, 0xec7), (0xece, 0xecf),
    (0xeda, 0xedb), (0xee0, 0xeff), (0xf48, 0xf48), (0xf6d, 0xf70), (0xf98, 0xf98), (0xfbd, 0xfbd),
    (0xfcd, 0xfcd), (0xfdb, 0xfff), (0x10c6, 0x10c6), (0x10c8, 0x10cc), (0x10ce, 0x10cf),
    (0x1249, 0x1249), (0x124e, 0x124f), (0x1257, 0x1257), (0x1259, 0x1259), (0x125e, 0x125f),
    (0x1289, 0x1289), (0x128e, 0x128f), (0x12b1, 0x12b1), (0x12b6, 0x12b7), (0x12bf, 0x12bf),
    (0x12c1, 0x12c1), (0x12c6, 0x12c7), (0x12d7, 0x12d7), (0x1311, 0x1311), (0x1316, 0x1317),
    (0x135b, 0x135c), (0x137d, 0x137f), (0x139a, 0x139f), (0x13f6, 0x13f7), (0x13fe, 0x13ff),
    (0x1680, 0x1680), (0x169d, 0x169f), (0x16f9, 0x16ff), (0x1716, 0x171e), (0x1737, 0x173f),
    (0x1754, 0x175f), (0x176d, 0x176d), (0x1771, 0x1771), (0x1774, 0x177f), (0x17de, 0x17df),
    (0x17ea, 0x17ef), (0x17fa, 0x17ff), (0x180e, 0x180e), (0x181a, 0x181f), (0x1879, 0x187f),
    (0x18ab, 0x18af), (0x18f6, 0x18ff), (0x191f, 0x191f), (0x192c, 0x192f), (0x193c, 0x193f),
    (0x1941, 0x1943), (0x196e, 0x196f), (0x1975, 0x197f), (0x19ac, 0x19af), (0x19ca, 0x19cf),
    (0x19db, 0x19dd), (0x1a1c, 0x1a1d), (0x1a5f, 0x1a5f), (0x1a7d, 0x1a7e), (0x1a8a, 0x1a8f),
    (0x1a9a, 0x1a9f), (0x1aae, 0x1aaf), (0x1acf, 0x1aff), (0x1b4d, 0x1b4f), (0x1b7f, 0x1b7f),
    (0x1bf4, 0x1bfb), (0x1c38, 0x1c3a), (0x1c4a, 0x1c4c), (0x1c89, 0x1c8f), (0x1cbb, 0x1cbc),
    (0x1cc8, 0x1ccf), (0x1cfb, 0x1cff), (0x1f16, 0x1f17), (0x1f1e, 0x1f1f), (0x1f46, 0x1f47),
    (0x1f4e, 0x1f4f), (0x1f58, 0x1f58), (0x1f5a, 0x1f5a), (0x1f5c, 0x1f5c), (0x1f5e, 0x1f5e),
    (0x1f7e, 0x1f7f), (0x1fb5, 0x1fb5), (0x1fc5, 0x1fc5), (0x1fd4, 0x1fd5), (0x1fdc, 0x1fdc),
    (0x1ff0, 0x1ff1), (0x1ff5, 0x1ff5), (0x1fff, 0x200f), (0x2028, 0x202f), (0x205f, 0x206f),
    (0x2072, 0x2073), (0x208f, 0x208f), (0x209d, 0x209f), (0x20c1, 0x20cf), (0x20f1, 0x20ff),
    (0x218c, 0x218f), (0x2427, 0x243f), (0x244b, 0x245f), (0x2b74, 0x2b75), (0x2b96, 0x2b96),
    (0x2cf4, 0x2cf8), (0x2d26, 0x2d26), (0x2d28, 0x2d2c), (0x2d2e, 0x2d2f), (0x2d68, 0x2d6e),
    (0x2d71, 0x2d7e), (0x2d97, 0x2d9f), (0x2da7, 0x2da7), (0x2daf, 0x2daf), (0x2db7, 0x2db7),
    (0x2dbf, 0x2dbf), (0x2dc7, 0x2dc7), (0x2dcf, 0x2dcf), (0x2dd7, 0x2dd7), (0x2ddf, 0x2ddf),
    (0x2e5e, 0x2e7f), (0x2e9a, 0x2e9a), (0x2ef4, 0x2eff), (0x2fd6, 0x2fef), (0x2ffc, 0x3000),
    (0x3040, 0x3040), (0x3097, 0x3098), (0x3100, 0x3104), (0x3130, 0x3130), (0x318f, 0x318f),
    (0x31e4, 0x31ef), (0x321f, 0x321f), (0xa48d, 0xa48f), (0xa4c7, 0xa4cf), (0xa62c, 0xa63f),
    (0xa6f8, 0xa6ff), (0xa7cb, 0xa7cf), (0xa7d2, 0xa7d2), (0xa7d4, 0xa7d4), (0xa7da, 0xa7f1),
    (0xa82d, 0xa82f), (0xa83a, 0xa83f), (0xa878, 0xa87f), (0xa8c6, 0xa8cd), (0xa8da, 0xa8df),
    (0xa954, 0xa95e), (0xa97d, 0xa97f), (0xa9ce, 0xa9ce), (0xa9da, 0xa9dd), (0xa9ff, 0xa9ff),
    (0xaa37, 0xaa3f), (0xaa4e, 0xaa4f), (0xaa5a, 0xaa5b), (0xaac3, 0xaada), (0xaaf7, 0xab00),
    (0xab07, 0xab08), (0xab0f, 0xab10), (0xab17, 0xab1f), (0xab27, 0xab27), (0xab2f, 0xab2f),
    (0xab6c, 0xab6f), (0xabee, 0xabef), (0xabfa, 0xabff), (0xd7a4, 0xd7af), (0xd7c7, 0xd7ca),
    (0xd7fc, 0xf8ff), (0xfa6e, 0xfa6f), (0xfada, 0xfaff), (0xfb07, 0xfb12), (0xfb18, 0xfb1c),
    (0xfb37, 0xfb37), (0xfb3d, 0xfb3d), (0xfb3f, 0xfb3f), (0xfb42, 0xfb42), (0xfb45, 0xfb45),
    (0xfbc3, 0xfbd2), (0xfd90, 0xfd91), (0xfdc8, 0xfdce), (0xfdd0, 0xfdef), (0xfe1a, 0xfe1f),
    (0xfe53, 0xfe53), (0xfe67, 0xfe67), (0xfe6c, 0xfe6f), (0xfe75, 0xfe75), (0xfefd, 0xff00),
    (0xffbf, 0xffc1), (0xffc8, 0xffc9), (0xffd0, 0xffd1), (0xffd8, 0xffd9), (0xffdd, 0xffdf),
    (0xffe7, 0xffe7), (0xffef, 0xfffb), (0xfffe, 0xffff), (0x1000c, 0x1000c), (0x10027, 0x10027),
    (0x1003b, 0x1003b), (0x1003e, 0x1003e), (0x1004e, 0x1004f), (0x1005e, 0x1007f),
    (0x100fb, 0x100ff), (0x10103, 0x10106), (0x10134, 0x10136), (0x1018f, 0x1018f),
    (0x1019d, 0x1019f), (0x101a1, 0x101cf), (0x101fe, 0x1027f), (0x1029d, 0x1029f),
    (0x102d1, 0x102df), (0x102fc, 0x102ff), (0x10324, 0x1032c), (0x1034b, 0x1034f),
    (0x1037b, 0x1037f), (0x1039e, 0x1039e), (0x103c4, 0x103c7), (0x103d6, 0x103ff),
    (0x1049e, 0x1049f), (0x104aa, 0x104af), (0x104d4, 0x104d7), (0x104fc, 0x104ff),
    (0x10528, 0x1052f), (0x10564, 0x1056e), (0x1057b, 0x1057b), (0x1058b, 0x1058b),
    (0x10593, 0x10593), (0x10596, 0x10596), (0x105a2, 0x105a2), (0x105b2, 0x105b2),
    (0x105ba, 0x105ba), (0x105bd, 0x105ff), (0x10737, 0x1073f), (0x10756, 0x1075f),
    (0x10768, 0x1077f), (0x10786, 0x10786), (0x107b1, 0x107b1), (0x107bb, 0x107ff),
    (0x10806, 0x10807), (0x10809, 0x10809), (0x10836, 0x10836), (0x10839, 0x1083b),
    (0x1083d, 0x1083e), (0x10856, 0x10856), (0x1089f, 0x108a6), (0x108b0, 0x108df),
    (0x108f3, 0x108f3), (0x108f6, 0x108fa), (0x1091c, 0x1091e), (0x1093a, 0x1093e),
    (0x10940, 0x1097f), (0x109b8, 0x109bb), (0x109d0, 0x109d1), (0x10a04, 0x10a04),
    (0x10a07, 0x10a0b), (0x10a14, 0x10a14), (0x10a18, 0x10a18), (0x10a36, 0x10a37),
    (0x10a3b, 0x10a3e), (0x10a49, 0x10a4f), (0x10a59, 0x10a5f), (0x10aa0, 0x10abf),
    (0x10ae7, 0x10aea), (0x10af7, 0x10aff), (0x10b36, 0x10b38), (0x10b56, 0x10b57),
    (0x10b73, 0x10b77), (0x10b92, 0x10b98), (0x10b9d, 0x10ba8), (0x10bb0, 0x10bff),
    (0x10c49, 0x10c7f), (0x10cb3, 0x10cbf), (0x10cf3, 0x10cf9), (0x10d28, 0x10d2f),
    (0x10d3a, 0x10e5f), (0x10e7f, 0x10e7f), (0x10eaa, 0x10eaa), (0x10eae, 0x10eaf),
    (0x10eb2, 0x10eff), (0x10f28, 0x10f2f), (0x10f5a, 0x10f6f), (0x10f8a, 0x10faf),
    (0x10fcc, 0x10fdf), (0x10ff7, 0x10fff), (0x1104e, 0x11051), (0x11076, 0x1107e),
    (0x110bd, 0x110bd), (0x110c3, 0x110cf), (0x110e9, 0x110ef), (0x110fa, 0x110ff),
    (0x11135, 0x11135), (0x11148, 0x1114f), (0x11177, 0x1117f), (0x111e0, 0x111e0),
    (0x111f5, 0x111ff), (0x11212, 0x11212), (0x1123f, 0x1127f), (0x11287, 0x11287),
    (0x11289, 0x11289), (0x1128e, 0x1128e), (0x1129e, 0x1129e), (0x112aa, 0x112af),
    (0x112eb, 0x112ef), (0x112fa, 0x112ff), (0x11304, 0x11304), (0x1130d, 0x1130e),
    (0x11311, 0x11312), (0x11329, 0x11329), (0x11331, 0x11331), (0x11334, 0x11334),
    (0x1133a, 0x1133a), (0x11345, 0x11346), (0x11349, 0x1134a), (0x1134e, 0x1134f),
    (0x11351, 0x11356), (0x11358, 0x1135c), (0x11364, 0x11365), (0x1136d, 0x1136f),
    (0x11375, 0x113ff), (0x1145c, 0x1145c), (0x11462, 0x1147f), (0x114c8, 0x114cf),
    (0x114da, 0x1157f), (0x115b6, 0x115b7), (0x115de, 0x115ff), (0x11645, 0x1164f),
    (0x1165a, 0x1165f), (0x1166d, 0x1167f), (0x116ba, 0x116bf), (0x116ca, 0x116ff),
    (0x1171b, 0x1171c), (0x1172c, 0x1172f), (0x11747, 0x117ff), (0x1183c, 0x1189f),
    (0x118f3, 0x118fe), (0x11907, 0x11908), (0x1190a, 0x1190b), (0x11914, 0x11914),
    (0x11917, 0x11917), (0x11936, 0x11936), (0x11939, 0x1193a), (0x11947, 0x1194f),
    (0x1195a, 0x1199f), (0x119a8, 0x119a9), (0x119d8, 0x119d9), (0x119e5, 0x119ff),
    (0x11a48, 0x11a4f), (0x11aa3, 0x11aaf), (0x11af9, 0x11bff), (0x11c09, 0x11c09),
    (0x11c37, 0x11c37), (0x11c46, 0x11c4f), (0x11c6d, 0x11c6f), (0x11c90, 0x11c91),
    (0x11ca8, 0x11ca8), (0x11cb7, 0x11cff), (0x11d07, 0x11d07), (0x11d0a, 0x11d0a),
    (0x11d37, 0x11d39), (0x11d3b, 0x11d3b), (0x11d3e, 0x11d3e), (0x11d48, 0x11d4f),
    (0x11d5a, 0x11d5f), (0x11d66, 0x11d66), (0x11d69, 0x11d69), (0x11d8f, 0x11d8f),
    (0x11d92, 0x11d92), (0x11d99, 0x11d9f), (0x11daa, 0x11edf), (0x11ef9, 0x11faf),
    (0x11fb1, 0x11fbf), (0x11ff2, 0x11ffe), (0x1239a, 0x123ff), (0x1246f, 0x1246f),
    (0x12475, 0x1247f), (0x12544, 0x12f8f), (0x12ff3, 0x12fff), (0x1342f, 0x143ff),
    (0x14647, 0x167ff), (0x16a39, 0x16a3f), (0x16a5f, 0x16a5f), (0x16a6a, 0x16a6d),
    (0x16abf, 0x16abf), (0x16aca, 0x16acf), (0x16aee, 0x16aef), (0x16af6, 0x16aff),
    (0x16b46, 0x16b4f), (0x16b5a, 0x16b5a), (0x16b62, 0x16b62), (0x16b78, 0x16b7c),
    (0x16b90, 0x16e3f), (0x16e9b, 0x16eff), (0x16f4b, 0x16f4e), (0x16f88, 0x16f8e),
    (0x16fa0, 0x16fdf), (0x16fe5, 0x16fef), (0x16ff2, 0x16fff), (0x187f8, 0x187ff),
    (0x18cd6, 0x18cff), (0x18d09, 0x1afef), (0x1aff4, 0x1aff4), (0x1affc, 0x1affc),
    (0x1afff, 0x1afff), (0x1b123, 0x1b14f), (0x1b153, 0x1b163), (0x1b168, 0x1b16f),
    (0x1b2fc, 0x1bbff), (0x1bc6b, 0x1bc6f), (0x1bc7d, 0x1bc7f), (0x1bc89, 0x1bc8f),
    (0x1bc9a, 0x1bc9b), (0x1bca0, 0x1ceff), (0x1cf2e, 0x1cf2f), (0x1cf47, 0x1cf4f),
    (0x1cfc4, 0x1cfff), (0x1d0f6, 0x1d0ff), (0x1d127, 0x1d128), (0x1d173, 0x1d17a),
    (0x1d1eb, 0x1d1ff), (0x1d246, 0x1d2df), (0x1d2f4, 0x1d2ff), (0x1d357, 0x1d35f),
    (0x1d379, 0x1d3ff), (0x1d455, 0x1d455), (0x1d49d, 0x1d49d), (0x1d4a0, 0x1d4a1),
    (0x1d4a3, 0x1d4a4), (0x1d4a7, 0x1d4a8), (0x1d4ad, 0x1d4ad), (0x1d4ba, 0x1d4ba),
    (0x1d4bc, 0x1d4bc), (0x1d4c4, 0x1d4c4), (0x1d506, 0x1d506), (0x1d50b, 0x1d50c),
    (0x1d515, 0x1d515), (0x1d51d, 0x1d51d), (0x1d53a, 0x1d53a), (0x1d53f, 0x1d53f),
    (0x1d545, 0x1d545), (0x1d547, 0x1d549), (0x1d551, 0x1d551), (0x1d6a6, 0x1d6a7),
    (0x1d7cc, 0x1d7cd), (0x1da8c, 0x1da9a), (0x1daa0, 0x1daa0), (0x1dab0, 0x1deff),
    (0x1df1f, 0x1dfff), (0x1e007, 0x1e007), (0x1e019, 0x1e01a), (0x1e022, 0x1e022),
    (0x1e025, 0x1e025), (0x1e02b, 0x1e0ff), (0x1e12d, 0x1e12f), (0x1e13e, 0x1e13f),
    (0x1e14a, 0x1e14d), (0x1e150, 0x1e28f), (0x1e2af, 0x1e2bf), (0x1e2fa, 0x1e2fe),
    (0x1e300, 0x1e7df), (0x1e7e7, 0x1e7e7), (0x1e7ec, 0x1e7ec), (0x1e7ef, 0x1e7ef),
    (0x1e7ff, 0x1e7ff), (0x1e8c5, 0x1e8c6), (0x1e8d7, 0x1e8ff), (0x1e94c, 0x1e94f),
    (0x1e95a, 0x1e95d), (0x1e960, 0x1ec70), (0x1ecb5, 0x1ed00), (0x1ed3e, 0x1edff),
    (0x1ee04, 0x1ee04), (0x1ee20, 0x1ee20), (0x1ee23, 0x1ee23), (0x1ee25, 0x1ee26),
    (0x1ee28, 0x1ee28), (0x1ee33, 0x1ee33), (0x1ee38, 0x1ee38), (0x1ee3a, 0x1ee3a),
    (0x1ee3c, 0x1ee41), (0x1ee43, 0x1ee46), (0x1ee48, 0x1ee48), (0x1ee4a, 0x1ee4a),
    (0x1ee4c, 0x1ee4c), (0x1ee50, 0x1ee50), (0x1ee53, 0x1ee53), (0x1ee55, 0x1ee56),
    (0x1ee58, 0x1ee58), (0x1ee5a, 0x1ee5a), (0x1ee5c, 0x1ee5c), (0x1ee5e, 0x1ee5e),
    (0x1ee60, 0x1ee60), (0x1ee63, 0x1ee63), (0x1ee65, 0x1ee66), (0x1ee6b, 0x1ee6b),
    (0x1ee73, 0x1ee73), (0x1ee78, 0x1ee78), (0x1ee7d, 0x1ee7d), (0x1ee7f, 0x1ee7f),
    (0x1ee8a, 0x1ee8a), (0x1ee9c, 0x1eea0), (0x1eea4, 0x1eea4), (0x1eeaa, 0x1eeaa),
    (0x1eebc, 0x1eeef), (0x1eef2, 0x1efff), (0x1f02c, 0x1f02f), (0x1f094, 0x1f09f),
    (0x1f0af, 0x1f0b0), (0x1f0c0, 0x1f0c0), (0x1f0d0, 0x1f0d0), (0x1f0f6, 0x1f0ff),
    (0x1f1ae, 0x1f1e5), (0x1f203, 0x1f20f), (0x1f23c, 0x1f23f), (0x1f249, 0x1f24f),
    (0x1f252, 0x1f25f), (0x1f266, 0x1f2ff), (0x1f6d8, 0x1f6dc), (0x1f6ed, 0x1f6ef),
    (0x1f6fd, 0x1f6ff), (0x1f774, 0x1f77f), (0x1f7d9, 0x1f7df), (0x1f7ec, 0x1f7ef),
    (0x1f7f1, 0x1f7ff), (0x1f80c, 0x1f80f), (0x1f848, 0x1f84f), (0x1f85a, 0x1f85f),
    (0x1f888, 0x1f88f), (0x1f8ae, 0x1f8af), (0x1f8b2, 0x1f8ff), (0x1fa54, 0x1fa5f),
    (0x1fa6e, 0x1fa6f), (0x1fa75, 0x1fa77), (0x1fa7d, 0x1fa7f), (0x1fa87, 0x1fa8f),
    (0x1faad, 0x1faaf), (0x1fabb, 0x1fabf), (0x1fac6, 0x1facf), (0x1fada, 0x1fadf),
    (0x1fae8, 0x1faef), (0x1faf7, 0x1faff), (0x1fb93, 0x1fb93), (0x1fbcb, 0x1fbef),
    (0x1fbfa, 0x1ffff), (0x2a6e0, 0x2a6ff), (0x2b739, 0x2b73f), (0x2b81e, 0x2b81f),
    (0x2cea2, 0x2ceaf), (0x2ebe1, 0x2f7ff), (0x2fa1e, 0x2ffff), (0x3134b, 0xe00ff),
    (0xe01f0, 0x10ffff),
];

/// Code points of the digit zero of every Unicode decimal-digit run (Nd; each run holds
/// ten consecutive digits). Generated with python3 from `unicodedata` (Unicode 14.0).
static DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

// ---------------------------------------------------------------------------------------------
// Tests (expected values from CPython 3.11)
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::approx_constant, clippy::excessive_precision)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn exc_name(e: Exc) -> &'static str {
        match e {
            Exc::ValueError => "ValueError",
            Exc::OverflowError => "OverflowError",
            Exc::ZeroDivisionError => "ZeroDivisionError",
            Exc::TypeError => "TypeError",
            _ => "OtherError",
        }
    }

    /// Parse Python's float.hex() output ("-0x1.8000000000000p+0", "inf", "nan").
    pub(crate) fn from_hex(s: &str) -> f64 {
        match s {
            "inf" => return f64::INFINITY,
            "-inf" => return f64::NEG_INFINITY,
            "nan" => return f64::NAN,
            _ => {}
        }
        let (neg, s) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let s = s.strip_prefix("0x").unwrap();
        let (mant, exp) = s.split_once('p').unwrap();
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        let m = u64::from_str_radix(&format!("{}{}", ip, fp), 16).unwrap();
        let e: i64 = exp.parse::<i64>().unwrap() - 4 * fp.len() as i64;
        let v = crate::float::ldexp(m as f64, e);
        if neg {
            -v
        } else {
            v
        }
    }

    pub(crate) fn run_case(kind: &str, v: &str, spec: &str) -> String {
        let r = match kind {
            "int" => format_int(&Int::big(v), spec),
            "bool" => format_bool(v == "true", spec),
            "float" => format_float(from_hex(v), spec),
            "str" => format_str(v, spec),
            _ => unreachable!(),
        };
        match r {
            Ok(s) => format!("OK:{}", s),
            Err(e) => format!("ERR:{}:{}", exc_name(e.exc()), e.message()),
        }
    }

    #[test]
    fn format_table() {
        let mut failures = Vec::new();
        for &(kind, v, spec, expected) in FORMAT_CASES {
            let got = run_case(kind, v, spec);
            if got != expected {
                failures.push(format!("format({} {:?}, {:?}): got {:?}, expected {:?}", kind, v, spec, got, expected));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn repr_table() {
        for &(s, r) in REPR_CASES {
            assert_eq!(str_repr(s), r, "repr({:?})", s);
        }
    }

    #[test]
    fn brief_examples() {
        assert_eq!(format_float(1.0, "").unwrap(), "1.0");
        assert_eq!(format_float(1e16, "").unwrap(), "1e+16");
        assert_eq!(format_float(0.1, ".3").unwrap(), "0.1");
        assert_eq!(format_float(1234.5, ".3").unwrap(), "1.23e+03");
        assert_eq!(format_float(1.5, "d").unwrap_err().message(), "Unknown format code 'd' for object of type 'float'");
        assert_eq!(format_str("a", "+").unwrap_err().message(), "Sign not allowed in string format specifier");
        assert_eq!(format_int(&Int::from(42), ">8").unwrap(), "      42");
        assert_eq!(format_bool(true, "").unwrap(), "True");
        assert_eq!(format_bool(true, ">5").unwrap(), "    1");
        assert_eq!(format_str("h\u{e9}llo", "^9").unwrap(), "  h\u{e9}llo  ");
    }

    #[test]
    fn big_precision() {
        // python3: format(0.1, '.60f'), format(1e300, '.3f')[:20], len(format(1.5, '.5000f'))
        assert_eq!(format_float(0.1, ".60f").unwrap(), "0.100000000000000005551115123125782702118158340454101562500000");
        assert_eq!(&format_float(1e300, ".3f").unwrap()[..20], "10000000000000000525");
        assert_eq!(format_float(1.5, ".5000f").unwrap().len(), 5002);
        assert_eq!(format_float(5e-324, ".1100e").unwrap().len(), 1107);
        assert_eq!(format_float(1.0, ".2147483648f").unwrap_err().message(), "precision too big");
        assert_eq!(format_float(1.0, "99999999999999999999").unwrap_err().message(), "Too many decimal digits in format string");
    }

    #[test]
    fn double_to_string_modes() {
        let f = DtoaFlags::default();
        assert_eq!(double_to_string(0.1, 'r', 0, DtoaFlags { add_dot_0: true, ..f }), "0.1");
        assert_eq!(double_to_string(2.5, 'f', 0, f), "2");
        assert_eq!(double_to_string(3.5, 'f', 0, f), "4");
        assert_eq!(double_to_string(1234.5678, 'e', 2, f), "1.23e+03");
        assert_eq!(double_to_string(-0.0, 'g', 6, DtoaFlags { sign: true, ..f }), "-0");
        assert_eq!(double_to_string(1e-300, 'G', 3, f), "1E-300");
        assert_eq!(double_to_string(f64::NAN, 'F', 3, DtoaFlags { sign: true, ..f }), "+NAN");
    }

    #[test]
    fn predicates() {
        assert!(is_printable('a') && is_printable(' ') && is_printable('\u{e9}') && is_printable('\u{4e2d}'));
        assert!(!is_printable('\n') && !is_printable('\u{a0}') && !is_printable('\u{200b}') && !is_printable('\u{378}'));
        assert!(!is_printable('\u{10ffff}') && is_printable('\u{1f600}'));
        assert!(is_py_whitespace('\u{1c}') && is_py_whitespace('\u{3000}') && !is_py_whitespace('\u{200b}'));
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{663}'), Some(3));
        assert_eq!(decimal_value('\u{1d7d7}'), Some(9));
        assert_eq!(decimal_value('\u{b2}'), None); // superscript two is not a decimal
        assert_eq!(decimal_value('a'), None);
    }

    // Generated by python3 (CPython 3.11.7) from format(value, spec).
    pub(super) static FORMAT_CASES: &[(&str, &str, &str, &str)] = &[
        ("int", "0", "#X", "OK:0X0"),
        ("int", "0", "_x", "OK:0"),
        ("int", "0", "c", "OK:\u{0}"),
        ("int", "0", ",n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("int", "0", ".2", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "0", ",_", "ERR:ValueError:Cannot specify both ',' and '_'."),
        ("int", "0", ".", "ERR:ValueError:Format specifier missing precision"),
        ("int", "0", "abc", "ERR:ValueError:Invalid format specifier 'abc' for object of type 'int'"),
        ("int", "0", "\u{1}", "ERR:ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("int", "0", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("int", "0", "G", "OK:0"),
        ("int", "0", "+c", "ERR:ValueError:Sign not allowed with integer format specifier 'c'"),
        ("int", "0", "#c", "ERR:ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("int", "0", "*<#0.12s", "ERR:ValueError:Unknown format code 's' for object of type 'int'"),
        ("int", "0", "*<#08_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("int", "0", "-z#,.12d", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "0=1_d", "OK:0"),
        ("int", "0", "0>-#15.0r", "ERR:ValueError:Unknown format code 'r' for object of type 'int'"),
        ("int", "0", "0>-08_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("int", "0", "0>-15,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("int", "0", "0>z,.25", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "> #15,e", "OK:   0.000000e+00"),
        ("int", "0", ">+z1d", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "0", "x=+#01.1x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "x=+25,e", "OK:+xxxxxxxxxxxx0.000000e+00"),
        ("int", "0", "x=-z#8.25o", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "z#15_.0e", "OK:         0.e+00"),
        ("int", "0", "\u{e9}> 01.17X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "0", "\u{e9}>+#25_%", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+0.000000%"),
        ("int", "1", "+", "OK:+1"),
        ("int", "1", "*< _e", "OK: 1.000000e+00"),
        ("int", "1", "*^ #08,", "OK:*** 1***"),
        ("int", "1", "0> 0_%", "OK: 100.000000%"),
        ("int", "1", "0>-.25", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1", "<-01.25G", "OK:1"),
        ("int", "1", "=+z#8.1E", "OK:+1.0E+00"),
        ("int", "1", ">-z0r", "ERR:ValueError:Unknown format code 'r' for object of type 'int'"),
        ("int", "1", "^+#_.0x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1", "x=-#15_G", "OK:xxxxxxxx1.00000"),
        ("int", "1", "\u{e9}>+#1.0d", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1", "\u{e9}>+#25_%", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+100.000000%"),
        ("int", "-1", "c", "ERR:OverflowError:%c arg not in range(0x110000)"),
        ("int", "-1", "abc", "ERR:ValueError:Invalid format specifier 'abc' for object of type 'int'"),
        ("int", "-1", "0= 08_x", "OK:-00_0001"),
        ("int", "-1", "=01,%", "OK:-100.000000%"),
        ("int", "-1", ">z1.3F", "OK:-1.000"),
        ("int", "-1", "^ z8f", "OK:-1.000000"),
        ("int", "-1", "x=+#01.1x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", "+08", "OK:+0000007"),
        ("int", "7", "011_", "OK:000_000_007"),
        ("int", "7", "G", "OK:7"),
        ("int", "7", ".2c", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", "*^015,.17E", "OK:7.00000000000000000E+00"),
        ("int", "7", "-z#,.12d", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", "0=+#,.12f", "OK:+7.000000000000"),
        ("int", "7", "=01,%", "OK:700.000000%"),
        ("int", "7", "> z1.12o", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", ">#01_.25d", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", "\u{e9}> 15.12n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "7", "\u{e9}>z25_.12d", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-42", ".2f", "OK:-42.00"),
        ("int", "-42", "000", "OK:-42"),
        ("int", "-42", "abc", "ERR:ValueError:Invalid format specifier 'abc' for object of type 'int'"),
        ("int", "-42", " 1.0g", "OK:-4e+01"),
        ("int", "-42", "*< 25_b", "OK:-10_1010*****************"),
        ("int", "-42", "*<+#8F", "OK:-42.000000"),
        ("int", "-42", "*<01_.0E", "OK:-4E+01"),
        ("int", "-42", "-z01", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "-42", "0=-25,.12", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-42", "0> z8.1", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-42", "0>+15.0f", "OK:000000000000-42"),
        ("int", "-42", "<+#8F", "OK:-42.000000"),
        ("int", "-42", "<,.3G", "OK:-42"),
        ("int", "-42", ">-#25,.3o", "ERR:ValueError:Cannot specify ',' with 'o'."),
        ("int", "-42", "^ #1,.0x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "-42", "x= z1,.17c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("int", "-42", "x=-z015_", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "255", ".2", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "255", "#.3g", "OK:255."),
        ("int", "255", "\u{e9}^12,", "OK:\u{e9}\u{e9}\u{e9}\u{e9}255\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
        ("int", "255", "=^8", "OK:==255==="),
        ("int", "255", "*<+zo", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "255", "+8_.3G", "OK:    +255"),
        ("int", "255", "-z01", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "255", "0= ,.25x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "255", "0> 0_%", "OK: 25_500.000000%"),
        ("int", "255", "< #1,.17g", "OK: 255.00000000000000"),
        ("int", "255", ">08s", "ERR:ValueError:Unknown format code 's' for object of type 'int'"),
        ("int", "255", "\u{e9}> z#8_.1b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "65", "+08", "OK:+0000065"),
        ("int", "65", "*< z0,.12%", "OK: 6,500.000000000000%"),
        ("int", "65", "*^01,.17G", "OK:65"),
        ("int", "65", "+#0,.12n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("int", "65", "0> z1.17g", "OK: 65"),
        ("int", "65", "0>-#8_.12s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("int", "65", "0>25,.25o", "ERR:ValueError:Cannot specify ',' with 'o'."),
        ("int", "65", "=+0,.1r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("int", "65", "=z015,.25c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("int", "65", "> #8.12E", "OK: 6.500000000000E+01"),
        ("int", "65", "^+8.12f", "OK:+65.000000000000"),
        ("int", "65", "^-0.1n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "65", "x= z1,.17c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("int", "1234567", "", "OK:1234567"),
        ("int", "1234567", "_,", "ERR:ValueError:Cannot specify both ',' and '_'."),
        ("int", "1234567", "*< 25_b", "OK: 1_0010_1101_0110_1000_0111"),
        ("int", "1234567", "-025.1b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "0>+15.0f", "OK:0000000+1234567"),
        ("int", "1234567", "0>z,.25", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "< #01.0b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "< #025x", "OK: 0x12d6870000000000000000"),
        ("int", "1234567", "<-.0x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "=#15.25c", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "^+15.12X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1234567", "\u{e9}> 15.12n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-9876543210", "#X", "OK:-0X24CB016EA"),
        ("int", "-9876543210", "015_b", "OK:-10_0100_1100_1011_0000_0001_0110_1110_1010"),
        ("int", "-9876543210", ",n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("int", "-9876543210", ".3e", "OK:-9.877e+09"),
        ("int", "-9876543210", " 025n", "OK:-000000000000009876543210"),
        ("int", "-9876543210", "*^-08.1", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-9876543210", "0=-8.1g", "OK:-001e+10"),
        ("int", "-9876543210", "< #0.0e", "OK:-1.e+10"),
        ("int", "-9876543210", "^ z8f", "OK:-9876543210.000000"),
        ("int", "-9876543210", "^+15.12X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9223372036854775808", "09,", "OK:9,223,372,036,854,775,808"),
        ("int", "9223372036854775808", "c", "ERR:OverflowError:Python int too large to convert to C long"),
        ("int", "9223372036854775808", " 1.0g", "OK: 9e+18"),
        ("int", "9223372036854775808", "*<+0.1F", "OK:+9223372036854775808.0"),
        ("int", "9223372036854775808", "+#0,.12n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("int", "9223372036854775808", "-8,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("int", "9223372036854775808", "0= 08_x", "OK: 8000_0000_0000_0000"),
        ("int", "9223372036854775808", "0> 0_F", "OK: 9_223_372_036_854_775_808.000000"),
        ("int", "9223372036854775808", "< #1,.17g", "OK: 9.2233720368547758e+18"),
        ("int", "9223372036854775808", "< z_.0X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9223372036854775808", "=z#0f", "OK:9223372036854775808.000000"),
        ("int", "9223372036854775808", ">z1.3F", "OK:9223372036854775808.000"),
        ("int", "9223372036854775808", "^+8.12f", "OK:+9223372036854775808.000000000000"),
        ("int", "9223372036854775808", "^-.25b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9223372036854775808", "x=+z015.0g", "OK:+xxxxxxxxx9e+18"),
        ("int", "-1180591620717411303423", "d", "OK:-1180591620717411303423"),
        ("int", "-1180591620717411303423", ">8", "OK:-1180591620717411303423"),
        ("int", "-1180591620717411303423", "_", "OK:-1_180_591_620_717_411_303_423"),
        ("int", "-1180591620717411303423", ".2f", "OK:-1180591620717411303424.00"),
        ("int", "-1180591620717411303423", ".3e", "OK:-1.181e+21"),
        ("int", "-1180591620717411303423", "0", "OK:-1180591620717411303423"),
        ("int", "-1180591620717411303423", "#", "OK:-1180591620717411303423"),
        ("int", "-1180591620717411303423", "+.3g", "OK:-1.18e+21"),
        ("int", "-1180591620717411303423", "\u{e9}^12,", "OK:-1,180,591,620,717,411,303,423"),
        ("int", "-1180591620717411303423", " 15.3E", "OK:     -1.181E+21"),
        ("int", "-1180591620717411303423", "*^-z#1.3e", "OK:-1.181e+21"),
        ("int", "-1180591620717411303423", "*^01,.17G", "OK:-1.1805916207174113E+21"),
        ("int", "-1180591620717411303423", "*^015,.17E", "OK:-1.18059162071741130E+21"),
        ("int", "-1180591620717411303423", "0=+,.17e", "OK:-1.18059162071741130e+21"),
        ("int", "-1180591620717411303423", "0> 15_.25E", "OK:-1.1805916207174113034240000E+21"),
        ("int", "-1180591620717411303423", "0>-#8_.12s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("int", "-1180591620717411303423", "0>-08_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("int", "-1180591620717411303423", "<.1b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-1180591620717411303423", "> #25.1E", "OK:                 -1.2E+21"),
        ("int", "-1180591620717411303423", ">08s", "ERR:ValueError:Unknown format code 's' for object of type 'int'"),
        ("int", "-1180591620717411303423", "^+08.25F", "OK:-1180591620717411303424.0000000000000000000000000"),
        ("int", "-1180591620717411303423", "^-.25b", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "-1180591620717411303423", "x=-z#8.25o", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "100000000000000000000", "_,", "ERR:ValueError:Cannot specify both ',' and '_'."),
        ("int", "100000000000000000000", "G", "OK:1E+20"),
        ("int", "100000000000000000000", "#c", "ERR:ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("int", "100000000000000000000", "*<-_.12x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "100000000000000000000", "*^+z#15.12G", "OK:+1.00000000000E+20"),
        ("int", "100000000000000000000", "-025.3g", "OK:000000000000000000001e+20"),
        ("int", "100000000000000000000", "0>-#8_.12s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("int", "100000000000000000000", "0>-15,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("int", "100000000000000000000", "0>z8.0n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "100000000000000000000", "<,.3G", "OK:1E+20"),
        ("int", "100000000000000000000", "^ 15.17g", "OK:     1e+20     "),
        ("int", "100000000000000000000", "^+z,.12r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("int", "100000000000000000000", "^-.1E", "OK:1.0E+20"),
        ("int", "100000000000000000000", "^25,.25%", "OK:10,000,000,000,000,000,000,000.0000000000000000000000000%"),
        ("int", "100000000000000000000", "\u{e9}> z1_.0X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114111", "d", "OK:1114111"),
        ("int", "1114111", "011_", "OK:001_114_111"),
        ("int", "1114111", "+", "OK:+1114111"),
        ("int", "1114111", ".2", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114111", "*< z#,.12X", "ERR:ValueError:Cannot specify ',' with 'X'."),
        ("int", "1114111", "*<z#015.12E", "OK:1.114111000000E+06"),
        ("int", "1114111", "*^+z#25,.25E", "OK:+1.1141110000000000000000000E+06"),
        ("int", "1114111", "-025.3g", "OK:000000000000000001.11e+06"),
        ("int", "1114111", "0= ,.25x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "1114111", "0=-25,.12", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114111", "0>-08_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("int", "1114111", ">-_r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("int", "1114111", ">z1.3F", "OK:1114111.000"),
        ("int", "1114111", "^ #1,.0x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "1114111", "^-0.1n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114111", "x=+#01.1x", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114111", "x=-z015_", "ERR:ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("int", "1114111", "\u{e9}> 25.1%", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9} 111411100.0%"),
        ("int", "1114112", "08", "OK:01114112"),
        ("int", "1114112", "+,d", "OK:+1,114,112"),
        ("int", "1114112", "1", "OK:1114112"),
        ("int", "1114112", ",x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "1114112", " 01,.0b", "ERR:ValueError:Cannot specify ',' with 'b'."),
        ("int", "1114112", "-.0G", "OK:1E+06"),
        ("int", "1114112", "0= #0.1f", "OK: 1114112.0"),
        ("int", "1114112", "0=#1.1n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114112", "0=#_.3X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "1114112", "0=+,.17e", "OK:+1.11411200000000000e+06"),
        ("int", "1114112", "0>-15,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("int", "1114112", "=+#15.25r", "ERR:ValueError:Unknown format code 'r' for object of type 'int'"),
        ("int", "1114112", "^-1,x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("int", "1114112", "\u{e9}>+#25.25e", "OK:+1.1141120000000000000000000e+06"),
        ("int", "9", "#X", "OK:0X9"),
        ("int", "9", ".", "ERR:ValueError:Format specifier missing precision"),
        ("int", "9", "10.2%", "OK:   900.00%"),
        ("int", "9", "020,.3f", "OK:0,000,000,000,009.000"),
        ("int", "9", "+c", "ERR:ValueError:Sign not allowed with integer format specifier 'c'"),
        ("int", "9", "*<01_.0E", "OK:9E+00"),
        ("int", "9", "0=#1.1n", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9", "0>-15,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("int", "9", "0>z,.25", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9", "< #0.0e", "OK: 9.e+00"),
        ("int", "9", "^ 1.0G", "OK: 9"),
        ("int", "9", "^+15.12X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("int", "9", "\u{e9}> z1_.0X", "ERR:ValueError:Precision not allowed in integer format specifier"),
        ("bool", "true", "", "OK:True"),
        ("bool", "true", "d", "OK:1"),
        ("bool", "true", ">5", "OK:    1"),
        ("bool", "true", "s", "ERR:ValueError:Unknown format code 's' for object of type 'bool'"),
        ("bool", "true", "^7", "OK:   1   "),
        ("bool", "true", ".2f", "OK:1.00"),
        ("bool", "true", "x", "OK:1"),
        ("bool", "true", "#b", "OK:0b1"),
        ("bool", "true", "c", "OK:\u{1}"),
        ("bool", "true", "+", "OK:+1"),
        ("bool", "true", ",", "OK:1"),
        ("bool", "true", "5", "OK:    1"),
        ("bool", "false", "", "OK:False"),
        ("bool", "false", "d", "OK:0"),
        ("bool", "false", ">5", "OK:    0"),
        ("bool", "false", "s", "ERR:ValueError:Unknown format code 's' for object of type 'bool'"),
        ("bool", "false", "^7", "OK:   0   "),
        ("bool", "false", ".2f", "OK:0.00"),
        ("bool", "false", "x", "OK:0"),
        ("bool", "false", "#b", "OK:0b0"),
        ("bool", "false", "c", "OK:\u{0}"),
        ("bool", "false", "+", "OK:+0"),
        ("bool", "false", ",", "OK:0"),
        ("bool", "false", "5", "OK:    0"),
        ("float", "0x0.0p+0", ".16", "OK:0.0"),
        ("float", "0x0.0p+0", "G", "OK:0"),
        ("float", "0x0.0p+0", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x0.0p+0", "s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x0.0p+0", ",n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("float", "0x0.0p+0", ".2z", "ERR:ValueError:Unknown format code 'z' for object of type 'float'"),
        ("float", "0x0.0p+0", "1.2.3", "ERR:ValueError:Invalid format specifier '1.2.3' for object of type 'float'"),
        ("float", "0x0.0p+0", ".", "ERR:ValueError:Format specifier missing precision"),
        ("float", "0x0.0p+0", "#x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "0x0.0p+0", "_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x0.0p+0", "*<+.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x0.0p+0", "*<+15c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x0.0p+0", "*<-25_.17f", "OK:0.00000000000000000******"),
        ("float", "0x0.0p+0", "*^ 0.17%", "OK: 0.00000000000000000%"),
        ("float", "0x0.0p+0", "-08.12s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x0.0p+0", "0> 25.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x0.0p+0", ">-#01.12r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x0.0p+0", "^z1.0G", "OK:0"),
        ("float", "0x0.0p+0", "x=z0,.12n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("float", "0x0.0p+0", "\u{e9}> #0_.17E", "OK: 0.00000000000000000E+00"),
        ("float", "-0x0.0p+0", "#g", "OK:-0.00000"),
        ("float", "-0x0.0p+0", "010", "OK:-0000000.0"),
        ("float", "-0x0.0p+0", " z15,c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "-0x0.0p+0", "*^ #8,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "-0x0.0p+0", "*^z25,G", "OK:************0************"),
        ("float", "-0x0.0p+0", "+z_.17r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "-0x0.0p+0", "0> z1s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "-0x0.0p+0", ">+z#1.12E", "OK:+0.000000000000E+00"),
        ("float", "-0x0.0p+0", "x=+15.17e", "OK:-0.00000000000000000e+00"),
        ("float", "0x1.0000000000000p+0", "f", "OK:1.000000"),
        ("float", "0x1.0000000000000p+0", ".2f", "OK:1.00"),
        ("float", "0x1.0000000000000p+0", ".0g", "OK:1"),
        ("float", "0x1.0000000000000p+0", "#.20g", "OK:1.0000000000000000000"),
        ("float", "0x1.0000000000000p+0", " 15_s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("float", "0x1.0000000000000p+0", "*^ z#1s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x1.0000000000000p+0", "<015.1g", "OK:100000000000000"),
        ("float", "0x1.0000000000000p+0", "=+15_.25E", "OK:+1.0000000000000000000000000E+00"),
        ("float", "0x1.0000000000000p+0", ">-1.1E", "OK:1.0E+00"),
        ("float", "0x1.0000000000000p+0", ">8.3d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.0000000000000p+0", "^+25.12F", "OK:     +1.000000000000     "),
        ("float", "0x1.0000000000000p+0", "x=#,.25", "OK:1.000000000000000000000000"),
        ("float", "0x1.0000000000000p+0", "x=-#8,.3f", "OK:xxx1.000"),
        ("float", "0x1.0000000000000p+0", "x=-z,e", "OK:1.000000e+00"),
        ("float", "0x1.0000000000000p+0", "\u{e9}>-#.1f", "OK:1.0"),
        ("float", "-0x1.8000000000000p+0", ".2f", "OK:-1.50"),
        ("float", "-0x1.8000000000000p+0", "g", "OK:-1.5"),
        ("float", "-0x1.8000000000000p+0", " ", "OK:-1.5"),
        ("float", "-0x1.8000000000000p+0", "+.3", "OK:-1.5"),
        ("float", "-0x1.8000000000000p+0", "*^-1_.12c", "ERR:ValueError:Cannot specify '_' with 'c'."),
        ("float", "-0x1.8000000000000p+0", ">+15_.3r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "-0x1.8000000000000p+0", "\u{e9}>+z25n", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}-1.5"),
        ("float", "-0x1.8000000000000p+0", "\u{e9}>-z#01,.17F", "OK:-1.50000000000000000"),
        ("float", "0x1.999999999999ap-4", "g", "OK:0.1"),
        ("float", "0x1.999999999999ap-4", "015,.2f", "OK:0,000,000,000.10"),
        ("float", "0x1.999999999999ap-4", " 015.17n", "OK: 0.10000000000000001"),
        ("float", "0x1.999999999999ap-4", "*^ 8n", "OK:** 0.1**"),
        ("float", "0x1.999999999999ap-4", "*^z#1,x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "0x1.999999999999ap-4", "+z1.25d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.999999999999ap-4", "+z_.17r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "0x1.999999999999ap-4", "-08.12s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x1.999999999999ap-4", "< 015_.17d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.999999999999ap-4", "<+z#08E", "OK:+1.000000E-01"),
        ("float", "0x1.999999999999ap-4", ">025_.25n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x1.999999999999ap-4", "^+z,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.999999999999ap-4", "\u{e9}>+z25n", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+0.1"),
        ("float", "0x1.921f9f01b866ep+1", "*^ #8,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.921f9f01b866ep+1", "+z8_.17F", "OK:+3.14158999999999988"),
        ("float", "0x1.921f9f01b866ep+1", "0=+15.0n", "OK:+00000000000003"),
        ("float", "0x1.921f9f01b866ep+1", "0=-01,.3e", "OK:3.142e+00"),
        ("float", "0x1.921f9f01b866ep+1", "0> #08,.3F", "OK:00 3.142"),
        ("float", "0x1.921f9f01b866ep+1", "0> z25,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.921f9f01b866ep+1", "0>15_.17e", "OK:3.14158999999999988e+00"),
        ("float", "0x1.921f9f01b866ep+1", "^+25.12F", "OK:     +3.141590000000     "),
        ("float", "0x1.921f9f01b866ep+1", "x=015,.12E", "OK:3.141590000000E+00"),
        ("float", "0x1.921f9f01b866ep+1", "\u{e9}>#025,.12G", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}3.14159000000"),
        ("float", "0x1.921f9f01b866ep+1", "\u{e9}>#8_F", "OK:3.141590"),
        ("float", "0x1.921f9f01b866ep+1", "\u{e9}>+z25n", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+3.14159"),
        ("float", "0x1.2d687e4189375p+20", ".16", "OK:1234567.891"),
        ("float", "0x1.2d687e4189375p+20", ".2f", "OK:1234567.89"),
        ("float", "0x1.2d687e4189375p+20", "*<z15.12", "OK:1234567.891****"),
        ("float", "0x1.2d687e4189375p+20", "*<z15_.1E", "OK:1.2E+06********"),
        ("float", "0x1.2d687e4189375p+20", "*^15.1e", "OK:****1.2e+06****"),
        ("float", "0x1.2d687e4189375p+20", "0=-z", "OK:1234567.891"),
        ("float", "0x1.2d687e4189375p+20", "<-15.1f", "OK:1234567.9      "),
        ("float", "0x1.2d687e4189375p+20", "=-#25.0r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.2d687e4189375p+20", "=.12f", "OK:1234567.891000000061"),
        ("float", "0x1.2d687e4189375p+20", ">#8.0c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.2d687e4189375p+20", "^z1.0G", "OK:1E+06"),
        ("float", "0x1.2d687e4189375p+20", "\u{e9}> #15r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.2d687e4189375p+20", "\u{e9}>+z25n", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+1.23457e+06"),
        ("float", "0x1.1c37937e08000p+53", "#.0f", "OK:10000000000000000."),
        ("float", "0x1.1c37937e08000p+53", "G", "OK:1E+16"),
        ("float", "0x1.1c37937e08000p+53", "*< #,G", "OK: 1.00000E+16"),
        ("float", "0x1.1c37937e08000p+53", "*^+01.1", "OK:+1e+16"),
        ("float", "0x1.1c37937e08000p+53", "*^-25.1%", "OK:*1000000000000000000.0%**"),
        ("float", "0x1.1c37937e08000p+53", "+#.17G", "OK:+10000000000000000."),
        ("float", "0x1.1c37937e08000p+53", "-z#08F", "OK:10000000000000000.000000"),
        ("float", "0x1.1c37937e08000p+53", "0= .25e", "OK: 1.0000000000000000000000000e+16"),
        ("float", "0x1.1c37937e08000p+53", "0>-z#.0d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.1c37937e08000p+53", "< 08.1e", "OK: 1.0e+16"),
        ("float", "0x1.1c37937e08000p+53", ">#8,.3c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.1c37937e08000p+53", "^+z#.1r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.1c37937e08000p+53", "^-z#0_E", "OK:1.000000E+16"),
        ("float", "0x1.1c37937e08000p+53", "x=-z25_.25s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("float", "0x1.1c37937e08000p+53", "\u{e9}>+.0G", "OK:+1E+16"),
        ("float", "0x1.4f8b588e368f1p-17", ".2f", "OK:0.00"),
        ("float", "0x1.4f8b588e368f1p-17", "015,.2f", "OK:0,000,000,000.00"),
        ("float", "0x1.4f8b588e368f1p-17", "z.2f", "OK:0.00"),
        ("float", "0x1.4f8b588e368f1p-17", "^12", "OK:   1e-05    "),
        ("float", "0x1.4f8b588e368f1p-17", " z#G", "OK: 1.00000E-05"),
        ("float", "0x1.4f8b588e368f1p-17", "*<z15_.3x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "0x1.4f8b588e368f1p-17", "*^#1.25c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.4f8b588e368f1p-17", "0=-8.17f", "OK:0.00001000000000000"),
        ("float", "0x1.4f8b588e368f1p-17", "0> z25,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.4f8b588e368f1p-17", "0>-#.1E", "OK:1.0E-05"),
        ("float", "0x1.4f8b588e368f1p-17", ">-1.1E", "OK:1.0E-05"),
        ("float", "0x1.4f8b588e368f1p-17", "x=+#015.3d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.4000000000000p+1", "*<z#25.3r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.4000000000000p+1", "*^ #8,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.4000000000000p+1", "*^-015,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.4000000000000p+1", "<+z#0.1c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.4000000000000p+1", "<z25.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.4000000000000p+1", "=-15,E", "OK:   2.500000E+00"),
        ("float", "0x1.4000000000000p+1", "^+.12E", "OK:+2.500000000000E+00"),
        ("float", "0x1.4000000000000p+1", "x= .0d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.4000000000000p+1", "x=+0r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.0000000000000p-3", ",n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("float", "0x1.0000000000000p-3", "#01.12F", "OK:0.125000000000"),
        ("float", "0x1.0000000000000p-3", "*< 8.25g", "OK: 0.125**"),
        ("float", "0x1.0000000000000p-3", "*<z#25.3r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.0000000000000p-3", "0= z025,.25r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("float", "0x1.0000000000000p-3", "0=+.17x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "0x1.0000000000000p-3", "0=15,.25d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.0000000000000p-3", "<+015,.3", "OK:+0.125000000000"),
        ("float", "0x1.0000000000000p-3", "\u{e9}>-#.1f", "OK:0.1"),
        ("float", "0x1.0000000000000p-3", "\u{e9}>-z#01,.17F", "OK:0.12500000000000000"),
        ("float", "0x1.7e43c8800759cp+996", ">12", "OK:      1e+300"),
        ("float", "0x1.7e43c8800759cp+996", "*<+25_.17E", "OK:+1.00000000000000005E+300"),
        ("float", "0x1.7e43c8800759cp+996", "*^-z25.17E", "OK:1.00000000000000005E+300*"),
        ("float", "0x1.7e43c8800759cp+996", "0=#01.25s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x1.7e43c8800759cp+996", "<+z#08E", "OK:+1.000000E+300"),
        ("float", "-0x1.56e1fc2f8f359p-997", ".3", "OK:-1e-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", ".3n", "OK:-1e-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", "*<#01.17F", "OK:-0.00000000000000000"),
        ("float", "-0x1.56e1fc2f8f359p-997", "*^ 0_F", "OK:-0.000000"),
        ("float", "-0x1.56e1fc2f8f359p-997", "0=+z_E", "OK:-1.000000E-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", "0>+z_.12f", "OK:+0.000000000000"),
        ("float", "-0x1.56e1fc2f8f359p-997", "1.1E", "OK:-1.0E-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", "<+.12g", "OK:-1e-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", "= 15.1G", "OK:-        1E-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", ">#8,.3c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "-0x1.56e1fc2f8f359p-997", "^-0g", "OK:-1e-300"),
        ("float", "-0x1.56e1fc2f8f359p-997", "x=#025,.3x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "-0x1.56e1fc2f8f359p-997", "x=z15.0F", "OK:xxxxxxxxxxxxxx0"),
        ("float", "0x0.0000000000001p-1022", ".0", "OK:5e-324"),
        ("float", "0x0.0000000000001p-1022", "_", "OK:5e-324"),
        ("float", "0x0.0000000000001p-1022", ".40f", "OK:0.0000000000000000000000000000000000000000"),
        ("float", "0x0.0000000000001p-1022", "*^#1.25c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x0.0000000000001p-1022", "<015.1g", "OK:5e-324000000000"),
        ("float", "0x0.0000000000001p-1022", "<8r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x0.0000000000001p-1022", ">-015,.0f", "OK:000000000000000"),
        ("float", "0x0.0000000000001p-1022", ">8.3d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x0.0000000000001p-1022", "^-z#0_E", "OK:4.940656E-324"),
        ("float", "inf", ".10f", "OK:inf"),
        ("float", "inf", ".5000f", "OK:inf"),
        ("float", "inf", "*<#01.17F", "OK:INF"),
        ("float", "inf", "*<-0,.0", "OK:inf"),
        ("float", "inf", "*^z#1,x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "inf", "-1,.1r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("float", "inf", "0= 025%", "OK: 00000000000000000000inf%"),
        ("float", "inf", "< 08.12x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "inf", ">+z#.17", "OK:+inf"),
        ("float", "inf", "x=-#8,.3f", "OK:xxxxxinf"),
        ("float", "inf", "\u{e9}>#025,.12G", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}INF"),
        ("float", "inf", "\u{e9}>#_.12E", "OK:INF"),
        ("float", "inf", "\u{e9}>+25_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "inf", "\u{e9}>-#.1f", "OK:inf"),
        ("float", "inf", "\u{e9}>01.17G", "OK:INF"),
        ("float", "-inf", ".2", "OK:-inf"),
        ("float", "-inf", "z.0f", "OK:-inf"),
        ("float", "-inf", "1.2.3", "ERR:ValueError:Invalid format specifier '1.2.3' for object of type 'float'"),
        ("float", "-inf", " 25.0x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "-inf", "*^-1_.12c", "ERR:ValueError:Cannot specify '_' with 'c'."),
        ("float", "-inf", "*^-z25.17E", "OK:**********-INF***********"),
        ("float", "-inf", "0>#15,.1r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("float", "-inf", "0>+z_.12f", "OK:-inf"),
        ("float", "-inf", "<+.12g", "OK:-inf"),
        ("float", "-inf", "^z1.0G", "OK:-INF"),
        ("float", "-inf", "x=25.1s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "-inf", "\u{e9}>-#.1f", "OK:-inf"),
        ("float", "-inf", "\u{e9}>01.17G", "OK:-INF"),
        ("float", "nan", ".0f", "OK:nan"),
        ("float", "nan", "010.3", "OK:0000000nan"),
        ("float", "nan", " 25.0x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "nan", "0>z015,r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("float", "nan", ">+15_.3r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "nan", ">,.12F", "OK:NAN"),
        ("float", "nan", ">8.3d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "nan", ">E", "OK:NAN"),
        ("float", "nan", "^z,.0%", "OK:nan%"),
        ("float", "nan", "\u{e9}> .3n", "OK: nan"),
        ("float", "0x1.cbe991a140000p+36", ".0e", "OK:1e+11"),
        ("float", "0x1.cbe991a140000p+36", ".40f", "OK:123456789012.0000000000000000000000000000000000000000"),
        ("float", "0x1.cbe991a140000p+36", ".30e", "OK:1.234567890120000000000000000000e+11"),
        ("float", "0x1.cbe991a140000p+36", "0=20,.1f", "OK:00,123,456,789,012.0"),
        ("float", "0x1.cbe991a140000p+36", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.cbe991a140000p+36", "*^z25,G", "OK:*******1.23457E+11*******"),
        ("float", "0x1.cbe991a140000p+36", "8.17f", "OK:123456789012.00000000000000000"),
        ("float", "0x1.cbe991a140000p+36", "<-25", "OK:123456789012.0           "),
        ("float", "0x1.cbe991a140000p+36", "<8_.3n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x1.cbe991a140000p+36", "=+15_.25E", "OK:+1.2345678901200000000000000E+11"),
        ("float", "0x1.cbe991a140000p+36", ">-08,.3%", "OK:12,345,678,901,200.000%"),
        ("float", "0x1.cbe991a140000p+36", "^+.12E", "OK:+1.234567890120E+11"),
        ("float", "0x1.cbe991a140000p+36", "\u{e9}> .3n", "OK: 1.23e+11"),
        ("float", "0x1.cbe991a140000p+36", "\u{e9}>+#1F", "OK:+123456789012.000000"),
        ("float", "0x1.0624dd2f1a9fcp-11", ".0g", "OK:0.0005"),
        ("float", "0x1.0624dd2f1a9fcp-11", ",.2f", "OK:0.00"),
        ("float", "0x1.0624dd2f1a9fcp-11", "n", "OK:0.0005"),
        ("float", "0x1.0624dd2f1a9fcp-11", ".3G", "OK:0.0005"),
        ("float", "0x1.0624dd2f1a9fcp-11", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.0624dd2f1a9fcp-11", " z#G", "OK: 0.000500000"),
        ("float", "0x1.0624dd2f1a9fcp-11", "*^-1_.12c", "ERR:ValueError:Cannot specify '_' with 'c'."),
        ("float", "0x1.0624dd2f1a9fcp-11", "*^z#1,x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "0x1.0624dd2f1a9fcp-11", "-.3s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x1.0624dd2f1a9fcp-11", "0= .25e", "OK: 5.0000000000000001040834086e-04"),
        ("float", "0x1.0624dd2f1a9fcp-11", "0=-0.0c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.0624dd2f1a9fcp-11", "0> z#0,.25s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.0624dd2f1a9fcp-11", "= #015.1r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.0624dd2f1a9fcp-11", ">+015.1e", "OK:0000000+5.0e-04"),
        ("float", "0x1.0624dd2f1a9fcp-11", "^z1.0G", "OK:0.0005"),
        ("float", "0x1.0624dd2f1a9fcp-11", "\u{e9}>-,.0f", "OK:0"),
        ("float", "0x1.f3fffcb923a2ap+9", "g", "OK:1000"),
        ("float", "0x1.f3fffcb923a2ap+9", "#g", "OK:1000.00"),
        ("float", "0x1.f3fffcb923a2ap+9", "z", "OK:999.9999"),
        ("float", "0x1.f3fffcb923a2ap+9", "z.0f", "OK:1000"),
        ("float", "0x1.f3fffcb923a2ap+9", "n", "OK:1000"),
        ("float", "0x1.f3fffcb923a2ap+9", "_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x1.f3fffcb923a2ap+9", " 1_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.f3fffcb923a2ap+9", "#01.12F", "OK:999.999900000000"),
        ("float", "0x1.f3fffcb923a2ap+9", "*< 025,.1f", "OK: 1,000.0*****************"),
        ("float", "0x1.f3fffcb923a2ap+9", "*<z0_.12F", "OK:999.999900000000"),
        ("float", "0x1.f3fffcb923a2ap+9", "-8,.1f", "OK: 1,000.0"),
        ("float", "0x1.f3fffcb923a2ap+9", "0=+15.0n", "OK:+0000000001e+03"),
        ("float", "0x1.f3fffcb923a2ap+9", ">,.12F", "OK:999.999900000000"),
        ("float", "0x1.f3fffcb923a2ap+9", "\u{e9}>+#1F", "OK:+999.999900"),
        ("float", "0x1.3000000000000p+3", ".20g", "OK:9.5"),
        ("float", "0x1.3000000000000p+3", "0=20,.1f", "OK:00,000,000,000,009.5"),
        ("float", "0x1.3000000000000p+3", "*< z15,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.3000000000000p+3", "*<-25_.17f", "OK:9.50000000000000000******"),
        ("float", "0x1.3000000000000p+3", "*^#1_.1E", "OK:9.5E+00"),
        ("float", "0x1.3000000000000p+3", "+z1.25d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.3000000000000p+3", "0=+z_E", "OK:+9.500000E+00"),
        ("float", "0x1.3000000000000p+3", "0> #08,.3F", "OK:00 9.500"),
        ("float", "0x1.3000000000000p+3", "< z,.12n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("float", "0x1.3000000000000p+3", "<-1.3c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.3000000000000p+3", "\u{e9}> #15r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.3000000000000p+3", "\u{e9}>-z#01,.17F", "OK:9.50000000000000000"),
        ("float", "0x1.0f0cf064dd592p+73", "G", "OK:1E+22"),
        ("float", "0x1.0f0cf064dd592p+73", "_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x1.0f0cf064dd592p+73", "*<z15_.1E", "OK:1.0E+22********"),
        ("float", "0x1.0f0cf064dd592p+73", "0=-1.25n", "OK:10000000000000000000000"),
        ("float", "0x1.0f0cf064dd592p+73", ">-08,.3%", "OK:999,999,999,999,999,983,222,784.000%"),
        ("float", "0x1.0f0cf064dd592p+73", "^-0g", "OK:1e+22"),
        ("float", "0x1.0f0cf064dd592p+73", "x=08.0g", "OK:xxx1e+22"),
        ("float", "0x1.0f0cf064dd592p+73", "\u{e9}>+25_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.81cd6c8b43958p+13", " 1_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.81cd6c8b43958p+13", "*^-1_.12c", "ERR:ValueError:Cannot specify '_' with 'c'."),
        ("float", "0x1.81cd6c8b43958p+13", "*^0_.3g", "OK:1.23e+04"),
        ("float", "0x1.81cd6c8b43958p+13", "-z#01_s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("float", "0x1.81cd6c8b43958p+13", "0= z0.25s", "ERR:ValueError:Unknown format code 's' for object of type 'float'"),
        ("float", "0x1.81cd6c8b43958p+13", "0> z25,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.81cd6c8b43958p+13", "<z25.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.81cd6c8b43958p+13", "=+z#015,.12F", "OK:+12,345.678000000000"),
        ("float", "0x1.81cd6c8b43958p+13", "\u{e9}>-0.0F", "OK:12346"),
        ("float", "0x1.81cd6c8b43958p+13", "\u{e9}>z25_F", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}12_345.678000"),
        ("float", "-0x1.a36e2eb1c432dp-12", "#.0", "OK:-0.0004"),
        ("float", "-0x1.a36e2eb1c432dp-12", "%", "OK:-0.040000%"),
        ("float", "-0x1.a36e2eb1c432dp-12", ".3G", "OK:-0.0004"),
        ("float", "-0x1.a36e2eb1c432dp-12", "#01.12F", "OK:-0.000400000000"),
        ("float", "-0x1.a36e2eb1c432dp-12", "*^+#8,.1x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "-0x1.a36e2eb1c432dp-12", "+z_.17r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "-0x1.a36e2eb1c432dp-12", "0=+z,g", "OK:-0.0004"),
        ("float", "-0x1.a36e2eb1c432dp-12", "0> 25.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "-0x1.a36e2eb1c432dp-12", "=+0_n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "-0x1.a36e2eb1c432dp-12", "=+15,.3x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "-0x1.a36e2eb1c432dp-12", ">8.3d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "-0x1.a36e2eb1c432dp-12", "x=-z15F", "OK:-xxxxxx0.000400"),
        ("float", "-0x1.a36e2eb1c432dp-12", "\u{e9}> #0_.17E", "OK:-4.00000000000000019E-04"),
        ("float", "-0x1.a36e2eb1c432dp-12", "\u{e9}>+#1F", "OK:-0.000400"),
        ("float", "0x1.ec00000000000p+6", ".1", "OK:1e+02"),
        ("float", "0x1.ec00000000000p+6", "#g", "OK:123.000"),
        ("float", "0x1.ec00000000000p+6", "8.17f", "OK:123.00000000000000000"),
        ("float", "0x1.ec00000000000p+6", "=+z#015,.12F", "OK:+123.000000000000"),
        ("float", "0x1.ec00000000000p+6", ">-#01.12r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.ec00000000000p+6", "^ z1,f", "OK: 123.000000"),
        ("float", "0x1.ec00000000000p+6", "^+#015.0e", "OK:0000+1.e+020000"),
        ("float", "0x1.ec00000000000p+6", "^+#1.17f", "OK:+123.00000000000000000"),
        ("float", "0x1.ec00000000000p+6", "^+z,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.ec00000000000p+6", "^z,.0%", "OK:12,300%"),
        ("float", "0x1.ec00000000000p+6", "x=+15.17e", "OK:+1.23000000000000000e+02"),
        ("float", "0x1.ec00000000000p+6", "x=+z1_.17n", "ERR:ValueError:Cannot specify '_' with 'n'."),
        ("float", "0x1.ec00000000000p+6", "x=015,.12E", "OK:1.230000000000E+02"),
        ("float", "0x1.8000000000000p+3", ".1%", "OK:1200.0%"),
        ("float", "0x1.8000000000000p+3", "020,", "OK:00,000,000,000,012.0"),
        ("float", "0x1.8000000000000p+3", "*< #.12x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "0x1.8000000000000p+3", "*^#1.25c", "ERR:ValueError:Unknown format code 'c' for object of type 'float'"),
        ("float", "0x1.8000000000000p+3", "0=-1.25n", "OK:12"),
        ("float", "0x1.8000000000000p+3", "0=z#.0%", "OK:1200.%"),
        ("float", "0x1.8000000000000p+3", "< 08,.1", "OK: 1e+0100"),
        ("float", "0x1.8000000000000p+3", "<-25", "OK:12.0                     "),
        ("float", "0x1.8000000000000p+3", "=+15_.25E", "OK:+1.2000000000000000000000000E+01"),
        ("float", "0x1.8000000000000p+3", "> 25_.1c", "ERR:ValueError:Cannot specify '_' with 'c'."),
        ("float", "0x1.8000000000000p+3", ">-#8_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.8000000000000p+3", "^-.25F", "OK:12.0000000000000000000000000"),
        ("float", "0x1.8000000000000p+3", "\u{e9}>+z25n", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}+12"),
        ("float", "0x1.c6bf526340000p+49", "#g", "OK:1.00000e+15"),
        ("float", "0x1.c6bf526340000p+49", "#", "OK:1000000000000000.0"),
        ("float", "0x1.c6bf526340000p+49", "+", "OK:+1000000000000000.0"),
        ("float", "0x1.c6bf526340000p+49", "*^+#8,.1x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "0x1.c6bf526340000p+49", "*^-015,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.c6bf526340000p+49", "*^0_.3g", "OK:1e+15"),
        ("float", "0x1.c6bf526340000p+49", "*^z25_.17f", "OK:1_000_000_000_000_000.00000000000000000"),
        ("float", "0x1.c6bf526340000p+49", "+z_.17r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "0x1.c6bf526340000p+49", "0=+z_E", "OK:+1.000000E+15"),
        ("float", "0x1.c6bf526340000p+49", "0=.0%", "OK:100000000000000000%"),
        ("float", "0x1.c6bf526340000p+49", "0> z#0,.25s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.c6bf526340000p+49", "0>+z#15.17F", "OK:+1000000000000000.00000000000000000"),
        ("float", "0x1.c6bf526340000p+49", "=+15,.3x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "0x1.c6bf526340000p+49", "x=-z25_.25s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("float", "0x1.c6bf526340000p+49", "\u{e9}> .3n", "OK: 1e+15"),
        ("float", "0x1.c6bf526340000p+49", "\u{e9}>+_.1s", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("float", "0x1.1c37937e08000p+53", ".17", "OK:1e+16"),
        ("float", "0x1.1c37937e08000p+53", ".10f", "OK:10000000000000000.0000000000"),
        ("float", "0x1.1c37937e08000p+53", ".1%", "OK:1000000000000000000.0%"),
        ("float", "0x1.1c37937e08000p+53", ".2z", "ERR:ValueError:Unknown format code 'z' for object of type 'float'"),
        ("float", "0x1.1c37937e08000p+53", " 25.0x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "0x1.1c37937e08000p+53", "+z_.17r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "0x1.1c37937e08000p+53", "0> #08,.3F", "OK: 10,000,000,000,000,000.000"),
        ("float", "0x1.1c37937e08000p+53", "=+#015_.0%", "OK:+1_000_000_000_000_000_000.%"),
        ("float", "0x1.1c37937e08000p+53", "=.12f", "OK:10000000000000000.000000000000"),
        ("float", "0x1.1c37937e08000p+53", "^+#1.17f", "OK:+10000000000000000.00000000000000000"),
        ("float", "0x1.1c37937e08000p+53", "^z#08.12r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.1c37937e08000p+53", "x=08.0g", "OK:xxx1e+16"),
        ("float", "0x1.a36e2eb1c432dp-14", ".2", "OK:0.0001"),
        ("float", "0x1.a36e2eb1c432dp-14", ".16", "OK:0.0001"),
        ("float", "0x1.a36e2eb1c432dp-14", "#.3g", "OK:0.000100"),
        ("float", "0x1.a36e2eb1c432dp-14", ",", "OK:0.0001"),
        ("float", "0x1.a36e2eb1c432dp-14", "#.20g", "OK:0.00010000000000000000479"),
        ("float", "0x1.a36e2eb1c432dp-14", "0=20,.1f", "OK:00,000,000,000,000.0"),
        ("float", "0x1.a36e2eb1c432dp-14", ".", "ERR:ValueError:Format specifier missing precision"),
        ("float", "0x1.a36e2eb1c432dp-14", "*^ #8,.17s", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("float", "0x1.a36e2eb1c432dp-14", "*^ 0.17%", "OK: 0.01000000000000000%"),
        ("float", "0x1.a36e2eb1c432dp-14", "0> #08,.3F", "OK:00 0.000"),
        ("float", "0x1.a36e2eb1c432dp-14", "^+z,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "0x1.a36e2eb1c432dp-14", "x= 8.17d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.a36e2eb1c432dp-14", "x=+15_.3r", "ERR:ValueError:Cannot specify '_' with 'r'."),
        ("float", "0x1.9000000000000p+6", "015,.2f", "OK:0,000,000,100.00"),
        ("float", "0x1.9000000000000p+6", "0= z025,.25r", "ERR:ValueError:Cannot specify ',' with 'r'."),
        ("float", "0x1.9000000000000p+6", "0>+z#15.17F", "OK:+100.00000000000000000"),
        ("float", "0x1.9000000000000p+6", "0>+z_.12f", "OK:+100.000000000000"),
        ("float", "0x1.9000000000000p+6", "<+015,.3", "OK:+1e+02000000000"),
        ("float", "0x1.9000000000000p+6", "=.12f", "OK:100.000000000000"),
        ("float", "0x1.9000000000000p+6", "x=+z1f", "OK:+100.000000"),
        ("float", "0x1.9000000000000p+6", "\u{e9}>+25_d", "ERR:ValueError:Unknown format code 'd' for object of type 'float'"),
        ("float", "0x1.421f5f40d8376p-23", "E", "OK:1.500000E-07"),
        ("float", "0x1.421f5f40d8376p-23", "*^ .25g", "OK: 1.499999999999999932122168e-07"),
        ("float", "0x1.421f5f40d8376p-23", "0=-z", "OK:1.5e-07"),
        ("float", "0x1.421f5f40d8376p-23", "0> 25.17r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.421f5f40d8376p-23", "<+0,.12f", "OK:+0.000000150000"),
        ("float", "0x1.421f5f40d8376p-23", "=+15,.3x", "ERR:ValueError:Cannot specify ',' with 'x'."),
        ("float", "0x1.421f5f40d8376p-23", ">+015.1e", "OK:0000000+1.5e-07"),
        ("float", "0x1.421f5f40d8376p-23", "\u{e9}>+#15.25F", "OK:+0.0000001499999999999999932"),
        ("float", "0x1.5666666666666p+1", ",n", "ERR:ValueError:Cannot specify ',' with 'n'."),
        ("float", "0x1.5666666666666p+1", " #15.12%", "OK: 267.500000000000%"),
        ("float", "0x1.5666666666666p+1", "*<z#25.3r", "ERR:ValueError:Unknown format code 'r' for object of type 'float'"),
        ("float", "0x1.5666666666666p+1", "0=+1.25F", "OK:+2.6749999999999998223643161"),
        ("float", "0x1.5666666666666p+1", "25.17n", "OK:       2.6749999999999998"),
        ("float", "0x1.5666666666666p+1", "x= z15.0e", "OK: xxxxxxxxx3e+00"),
        ("float", "0x1.5666666666666p+1", "\u{e9}> #0_.17E", "OK: 2.67499999999999982E+00"),
        ("float", "-0x1.e847f00000000p+19", "015,.2f", "OK:-000,999,999.50"),
        ("float", "-0x1.e847f00000000p+19", "*^-015,.0c", "ERR:ValueError:Cannot specify ',' with 'c'."),
        ("float", "-0x1.e847f00000000p+19", "+z8_.17F", "OK:-999_999.50000000000000000"),
        ("float", "-0x1.e847f00000000p+19", "0=+0_.12x", "ERR:ValueError:Unknown format code 'x' for object of type 'float'"),
        ("float", "-0x1.e847f00000000p+19", "0>+z_.12f", "OK:-999_999.500000000000"),
        ("float", "-0x1.e847f00000000p+19", "15,.17", "OK:     -999,999.5"),
        ("float", "-0x1.e847f00000000p+19", "=.12f", "OK:-999999.500000000000"),
        ("float", "-0x1.e847f00000000p+19", "x= z15.0e", "OK:-xxxxxxxxx1e+06"),
        ("float", "-0x1.e847f00000000p+19", "x=#,.25", "OK:-999,999.5000000000000000000"),
        ("float", "-0x1.e847f00000000p+19", "\u{e9}>-0.0F", "OK:-1000000"),
        ("str", "", "", "OK:"),
        ("str", "", "s", "OK:"),
        ("str", "", "5", "OK:     "),
        ("str", "", "<5", "OK:     "),
        ("str", "", ">5", "OK:     "),
        ("str", "", "^5", "OK:     "),
        ("str", "", "^6", "OK:      "),
        ("str", "", "*^9", "OK:*********"),
        ("str", "", "05", "OK:00000"),
        ("str", "", ".2", "OK:"),
        ("str", "", ".0", "OK:"),
        ("str", "", "10.3", "OK:          "),
        ("str", "", ">10.3s", "OK:          "),
        ("str", "", "=5", "ERR:ValueError:'=' alignment not allowed in string format specifier"),
        ("str", "", "+", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "", " ", "ERR:ValueError:Space not allowed in string format specifier"),
        ("str", "", "-", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "", "#", "ERR:ValueError:Alternate form (#) not allowed in string format specifier"),
        ("str", "", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in string format specifier"),
        ("str", "", ",", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("str", "", "_", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("str", "", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'str'"),
        ("str", "", "x", "ERR:ValueError:Unknown format code 'x' for object of type 'str'"),
        ("str", "", "r", "ERR:ValueError:Unknown format code 'r' for object of type 'str'"),
        ("str", "", "\u{e9}^7", "OK:\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
        ("str", "", "0<4", "OK:0000"),
        ("str", "", "00", "OK:"),
        ("str", "", ".", "ERR:ValueError:Format specifier missing precision"),
        ("str", "", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("str", "", "ss", "ERR:ValueError:Invalid format specifier 'ss' for object of type 'str'"),
        ("str", "", "-5", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "", "<", "OK:"),
        ("str", "", "^", "OK:"),
        ("str", "abc", "", "OK:abc"),
        ("str", "abc", "s", "OK:abc"),
        ("str", "abc", "5", "OK:abc  "),
        ("str", "abc", "<5", "OK:abc  "),
        ("str", "abc", ">5", "OK:  abc"),
        ("str", "abc", "^5", "OK: abc "),
        ("str", "abc", "^6", "OK: abc  "),
        ("str", "abc", "*^9", "OK:***abc***"),
        ("str", "abc", "05", "OK:abc00"),
        ("str", "abc", ".2", "OK:ab"),
        ("str", "abc", ".0", "OK:"),
        ("str", "abc", "10.3", "OK:abc       "),
        ("str", "abc", ">10.3s", "OK:       abc"),
        ("str", "abc", "=5", "ERR:ValueError:'=' alignment not allowed in string format specifier"),
        ("str", "abc", "+", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "abc", " ", "ERR:ValueError:Space not allowed in string format specifier"),
        ("str", "abc", "-", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "abc", "#", "ERR:ValueError:Alternate form (#) not allowed in string format specifier"),
        ("str", "abc", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in string format specifier"),
        ("str", "abc", ",", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("str", "abc", "_", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("str", "abc", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'str'"),
        ("str", "abc", "x", "ERR:ValueError:Unknown format code 'x' for object of type 'str'"),
        ("str", "abc", "r", "ERR:ValueError:Unknown format code 'r' for object of type 'str'"),
        ("str", "abc", "\u{e9}^7", "OK:\u{e9}\u{e9}abc\u{e9}\u{e9}"),
        ("str", "abc", "0<4", "OK:abc0"),
        ("str", "abc", "00", "OK:abc"),
        ("str", "abc", ".", "ERR:ValueError:Format specifier missing precision"),
        ("str", "abc", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("str", "abc", "ss", "ERR:ValueError:Invalid format specifier 'ss' for object of type 'str'"),
        ("str", "abc", "-5", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "abc", "<", "OK:abc"),
        ("str", "abc", "^", "OK:abc"),
        ("str", "h\u{e9}llo", "", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "s", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "5", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "<5", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", ">5", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "^5", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "^6", "OK:h\u{e9}llo "),
        ("str", "h\u{e9}llo", "*^9", "OK:**h\u{e9}llo**"),
        ("str", "h\u{e9}llo", "05", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", ".2", "OK:h\u{e9}"),
        ("str", "h\u{e9}llo", ".0", "OK:"),
        ("str", "h\u{e9}llo", "10.3", "OK:h\u{e9}l       "),
        ("str", "h\u{e9}llo", ">10.3s", "OK:       h\u{e9}l"),
        ("str", "h\u{e9}llo", "=5", "ERR:ValueError:'=' alignment not allowed in string format specifier"),
        ("str", "h\u{e9}llo", "+", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "h\u{e9}llo", " ", "ERR:ValueError:Space not allowed in string format specifier"),
        ("str", "h\u{e9}llo", "-", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "h\u{e9}llo", "#", "ERR:ValueError:Alternate form (#) not allowed in string format specifier"),
        ("str", "h\u{e9}llo", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in string format specifier"),
        ("str", "h\u{e9}llo", ",", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("str", "h\u{e9}llo", "_", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("str", "h\u{e9}llo", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'str'"),
        ("str", "h\u{e9}llo", "x", "ERR:ValueError:Unknown format code 'x' for object of type 'str'"),
        ("str", "h\u{e9}llo", "r", "ERR:ValueError:Unknown format code 'r' for object of type 'str'"),
        ("str", "h\u{e9}llo", "\u{e9}^7", "OK:\u{e9}h\u{e9}llo\u{e9}"),
        ("str", "h\u{e9}llo", "0<4", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "00", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", ".", "ERR:ValueError:Format specifier missing precision"),
        ("str", "h\u{e9}llo", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("str", "h\u{e9}llo", "ss", "ERR:ValueError:Invalid format specifier 'ss' for object of type 'str'"),
        ("str", "h\u{e9}llo", "-5", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "h\u{e9}llo", "<", "OK:h\u{e9}llo"),
        ("str", "h\u{e9}llo", "^", "OK:h\u{e9}llo"),
        ("str", "a\u{4e2d}b", "", "OK:a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", "s", "OK:a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", "5", "OK:a\u{4e2d}b  "),
        ("str", "a\u{4e2d}b", "<5", "OK:a\u{4e2d}b  "),
        ("str", "a\u{4e2d}b", ">5", "OK:  a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", "^5", "OK: a\u{4e2d}b "),
        ("str", "a\u{4e2d}b", "^6", "OK: a\u{4e2d}b  "),
        ("str", "a\u{4e2d}b", "*^9", "OK:***a\u{4e2d}b***"),
        ("str", "a\u{4e2d}b", "05", "OK:a\u{4e2d}b00"),
        ("str", "a\u{4e2d}b", ".2", "OK:a\u{4e2d}"),
        ("str", "a\u{4e2d}b", ".0", "OK:"),
        ("str", "a\u{4e2d}b", "10.3", "OK:a\u{4e2d}b       "),
        ("str", "a\u{4e2d}b", ">10.3s", "OK:       a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", "=5", "ERR:ValueError:'=' alignment not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", "+", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", " ", "ERR:ValueError:Space not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", "-", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", "#", "ERR:ValueError:Alternate form (#) not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", ",", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("str", "a\u{4e2d}b", "_", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("str", "a\u{4e2d}b", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'str'"),
        ("str", "a\u{4e2d}b", "x", "ERR:ValueError:Unknown format code 'x' for object of type 'str'"),
        ("str", "a\u{4e2d}b", "r", "ERR:ValueError:Unknown format code 'r' for object of type 'str'"),
        ("str", "a\u{4e2d}b", "\u{e9}^7", "OK:\u{e9}\u{e9}a\u{4e2d}b\u{e9}\u{e9}"),
        ("str", "a\u{4e2d}b", "0<4", "OK:a\u{4e2d}b0"),
        ("str", "a\u{4e2d}b", "00", "OK:a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", ".", "ERR:ValueError:Format specifier missing precision"),
        ("str", "a\u{4e2d}b", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("str", "a\u{4e2d}b", "ss", "ERR:ValueError:Invalid format specifier 'ss' for object of type 'str'"),
        ("str", "a\u{4e2d}b", "-5", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "a\u{4e2d}b", "<", "OK:a\u{4e2d}b"),
        ("str", "a\u{4e2d}b", "^", "OK:a\u{4e2d}b"),
        ("str", "xyzzy12345", "", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "s", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "5", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "<5", "OK:xyzzy12345"),
        ("str", "xyzzy12345", ">5", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "^5", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "^6", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "*^9", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "05", "OK:xyzzy12345"),
        ("str", "xyzzy12345", ".2", "OK:xy"),
        ("str", "xyzzy12345", ".0", "OK:"),
        ("str", "xyzzy12345", "10.3", "OK:xyz       "),
        ("str", "xyzzy12345", ">10.3s", "OK:       xyz"),
        ("str", "xyzzy12345", "=5", "ERR:ValueError:'=' alignment not allowed in string format specifier"),
        ("str", "xyzzy12345", "+", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "xyzzy12345", " ", "ERR:ValueError:Space not allowed in string format specifier"),
        ("str", "xyzzy12345", "-", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "xyzzy12345", "#", "ERR:ValueError:Alternate form (#) not allowed in string format specifier"),
        ("str", "xyzzy12345", "z", "ERR:ValueError:Negative zero coercion (z) not allowed in string format specifier"),
        ("str", "xyzzy12345", ",", "ERR:ValueError:Cannot specify ',' with 's'."),
        ("str", "xyzzy12345", "_", "ERR:ValueError:Cannot specify '_' with 's'."),
        ("str", "xyzzy12345", "d", "ERR:ValueError:Unknown format code 'd' for object of type 'str'"),
        ("str", "xyzzy12345", "x", "ERR:ValueError:Unknown format code 'x' for object of type 'str'"),
        ("str", "xyzzy12345", "r", "ERR:ValueError:Unknown format code 'r' for object of type 'str'"),
        ("str", "xyzzy12345", "\u{e9}^7", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "0<4", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "00", "OK:xyzzy12345"),
        ("str", "xyzzy12345", ".", "ERR:ValueError:Format specifier missing precision"),
        ("str", "xyzzy12345", "111111111111111111111111111111", "ERR:ValueError:Too many decimal digits in format string"),
        ("str", "xyzzy12345", "ss", "ERR:ValueError:Invalid format specifier 'ss' for object of type 'str'"),
        ("str", "xyzzy12345", "-5", "ERR:ValueError:Sign not allowed in string format specifier"),
        ("str", "xyzzy12345", "<", "OK:xyzzy12345"),
        ("str", "xyzzy12345", "^", "OK:xyzzy12345"),
    ];
    pub(super) static REPR_CASES: &[(&str, &str)] = &[
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'"),
        ("both ' and \"", "'both \\' and \"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("tab\there", "'tab\\there'"),
        ("nl\n", "'nl\\n'"),
        ("cr\r", "'cr\\r'"),
        ("\u{0}\u{7}\u{1b}\u{7f}", "'\\x00\\x07\\x1b\\x7f'"),
        ("\u{80}\u{9f}\u{a0}\u{ad}\u{ff}", "'\\x80\\x9f\\xa0\\xad\u{ff}'"),
        ("h\u{e9}llo", "'h\u{e9}llo'"),
        ("\u{4e2d}\u{6587}", "'\u{4e2d}\u{6587}'"),
        ("\u{2028}\u{2029}", "'\\u2028\\u2029'"),
        ("\u{200b}\u{feff}", "'\\u200b\\ufeff'"),
        ("\u{1f600}", "'\u{1f600}'"),
        ("\u{e0001}", "'\\U000e0001'"),
        ("\u{d7ff}", "'\\ud7ff'"),
        ("\u{10ffff}", "'\\U0010ffff'"),
        ("\u{378}", "'\\u0378'"),
        ("\u{a0}x", "'\\xa0x'"),
        (" ", "' '"),
        ("\u{3000}", "'\\u3000'"),
        ("\u{1d7ce}", "'\u{1d7ce}'"),
        ("\u{300}", "'\u{300}'"),
        ("cafe\u{301}", "'cafe\u{301}'"),
        ("\u{b}\u{c}", "'\\x0b\\x0c'"),
        ("\u{61c}", "'\\u061c'"),
    ];
}
