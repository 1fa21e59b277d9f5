//! `sys`: the attributes and functions scripts use, over the runtime's own state (the recursion
//! limit in `entry`, the int/str digit limit in `int`, buffered stdout).
//!
//! `sys.argv` and `sys.exit` are `entry::argv` and `err::sys_exit`.

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::pystr::PyStr;

/// `sys.maxsize`.
pub fn sys_maxsize() -> Int {
    Int::from(i64::MAX)
}

/// `sys.platform`, as CPython names the platform it was built for.
pub fn sys_platform() -> PyStr {
    PyStr::from(if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else if cfg!(windows) {
        "win32"
    } else if cfg!(target_os = "freebsd") {
        "freebsd"
    } else {
        std::env::consts::OS
    })
}

/// `sys.byteorder`.
pub fn sys_byteorder() -> PyStr {
    PyStr::from(if cfg!(target_endian = "little") { "little" } else { "big" })
}

/// `sys.getrecursionlimit()`.
pub fn sys_getrecursionlimit() -> Int {
    Int::from(crate::entry::recursion_limit())
}

/// `sys.setrecursionlimit(n)`: `n` is a C `int`.
pub fn sys_setrecursionlimit(n: &Int) -> PyResult<()> {
    match n.to_i64().filter(|&v| i32::try_from(v).is_ok()) {
        Some(v) => crate::entry::set_recursion_limit(v),
        None => Err(PyErr::overflow("Python int too large to convert to C int")),
    }
}

/// `sys.get_int_max_str_digits()`.
pub fn sys_get_int_max_str_digits() -> Int {
    Int::from(crate::int::get_int_max_str_digits())
}

/// `sys.set_int_max_str_digits(maxdigits)`: `maxdigits` is a C `Py_ssize_t`.
pub fn sys_set_int_max_str_digits(n: &Int) -> PyResult<()> {
    match n.to_i64() {
        Some(v) => crate::int::set_int_max_str_digits(v),
        None => Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
    }
}

/// `sys.stdout.write(s)`: the number of characters written.
pub fn sys_stdout_write(s: &PyStr) -> PyResult<Int> {
    crate::entry::write_stdout(s.as_str())?;
    Ok(s.len())
}

/// `sys.stdout.flush()`.
pub fn sys_stdout_flush() -> PyResult<()> {
    crate::entry::flush_stdout()
}

/// `sys.stderr.write(s)`: the number of characters written (stderr is unbuffered here).
pub fn sys_stderr_write(s: &PyStr) -> Int {
    crate::entry::write_stderr(s.as_str());
    s.len()
}

/// `sys.stderr.flush()`.
pub fn sys_stderr_flush() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(sys_maxsize(), Int::from(i64::MAX));
        let big = Int::from(1i64 << 40);
        assert_eq!(sys_setrecursionlimit(&big).unwrap_err().message(), "Python int too large to convert to C int");
        assert!(sys_setrecursionlimit(&Int::from(0)).is_err());
        sys_setrecursionlimit(&Int::from(2000)).unwrap();
        assert_eq!(sys_getrecursionlimit(), Int::from(2000));
        assert!(sys_set_int_max_str_digits(&Int::from(5)).is_err());
        // (The digit limit is process-wide: other tests rely on its default, so it is not set here.)
        let huge = &(&big * &big) * &(&big * &big);
        assert!(sys_set_int_max_str_digits(&huge).is_err());
    }
}
