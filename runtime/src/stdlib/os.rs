//! `os` and `os.path` (POSIX), with CPython 3.11's semantics and error messages.
//!
//! Paths are `PyStr`s. File system errors are `OSError` subclasses chosen by errno, worded as
//! CPython's: `FileNotFoundError: [Errno 2] No such file or directory: 'x'`. `os.path`'s pure
//! functions follow `posixpath` exactly (`join` restarts at an absolute component, `normpath`
//! keeps a leading `//`, ...). `os.listdir` returns entries in the order the OS gives them,
//! as CPython does (not sorted).

use super::{os_error_2files, os_error_file};
use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::list::PyList;
use crate::pystr::PyStr;
use crate::value::Value;

/// `os.sep`.
pub const OS_SEP: &str = "/";
/// `os.linesep`.
pub const OS_LINESEP: &str = "\n";
/// `os.name`.
pub const OS_NAME: &str = "posix";
/// `os.curdir`.
pub const OS_CURDIR: &str = ".";
/// `os.pardir`.
pub const OS_PARDIR: &str = "..";
/// `os.pathsep`.
pub const OS_PATHSEP: &str = ":";

// ---------------------------------------------------------------------------------------------
// Environment

/// `os.environ.get(key)`.
pub fn environ_get(key: &str) -> Option<PyStr> {
    if key.is_empty() || key.contains(['=', '\0']) {
        return None;
    }
    std::env::var_os(key).map(|v| PyStr::from(v.to_string_lossy().into_owned()))
}

/// `os.environ[key]`: `KeyError: 'key'` when unset.
pub fn environ_getitem(key: &PyStr) -> PyResult<PyStr> {
    environ_get(key.as_str()).ok_or_else(|| PyErr::key_error(Value::Str(key.clone())))
}

/// `key in os.environ`.
pub fn environ_contains(key: &str) -> bool {
    environ_get(key).is_some()
}

/// `os.environ[key] = value` (also visible to `environ_get` and child processes).
pub fn environ_set(key: &PyStr, value: &PyStr) -> PyResult<()> {
    let (k, v) = (key.as_str(), value.as_str());
    if k.contains('\0') || v.contains('\0') {
        return Err(PyErr::value_error("embedded null byte"));
    }
    if k.is_empty() || k.contains('=') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    // The program runs on one thread, so changing the environment races with nothing.
    std::env::set_var(k, v);
    Ok(())
}

/// `del os.environ[key]`: `KeyError` when unset.
pub fn environ_delitem(key: &PyStr) -> PyResult<()> {
    if environ_get(key.as_str()).is_none() {
        return Err(PyErr::key_error(Value::Str(key.clone())));
    }
    std::env::remove_var(key.as_str());
    Ok(())
}

/// `os.getenv(key)`.
pub fn os_getenv(key: &str) -> Option<PyStr> {
    environ_get(key)
}

/// `os.getenv(key, default)`.
pub fn os_getenv_default(key: &str, default: &PyStr) -> PyStr {
    environ_get(key).unwrap_or_else(|| default.clone())
}

/// `sorted(os.environ)`-ready list of the variable names (in the OS's order).
pub fn environ_keys() -> PyList<PyStr> {
    std::env::vars_os().map(|(k, _)| PyStr::from(k.to_string_lossy().into_owned())).collect()
}

// ---------------------------------------------------------------------------------------------
// Process and directories

/// `os.getpid()`.
pub fn os_getpid() -> Int {
    Int::from(std::process::id())
}

/// `os.getcwd()`.
pub fn os_getcwd() -> PyResult<PyStr> {
    let d = std::env::current_dir().map_err(|e| crate::entry::os_error(&e))?;
    Ok(PyStr::from(d.to_string_lossy().into_owned()))
}

/// `os.chdir(path)`.
pub fn os_chdir(path: &PyStr) -> PyResult<()> {
    std::env::set_current_dir(path.as_str()).map_err(|e| os_error_file(&e, path.as_str()))
}

/// `os.listdir(path)`: names (no `.`/`..`) in the OS's order.
pub fn os_listdir(path: &PyStr) -> PyResult<PyList<PyStr>> {
    let p = path.as_str();
    let rd = std::fs::read_dir(p).map_err(|e| os_error_file(&e, p))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| os_error_file(&e, p))?;
        out.push(PyStr::from(entry.file_name().to_string_lossy().into_owned()));
    }
    Ok(PyList::from_vec(out))
}

/// `os.listdir()`: the current directory.
pub fn os_listdir_cwd() -> PyResult<PyList<PyStr>> {
    os_listdir(&PyStr::from("."))
}

/// `os.mkdir(path)` (mode 0o777 minus the umask).
pub fn os_mkdir(path: &PyStr) -> PyResult<()> {
    std::fs::create_dir(path.as_str()).map_err(|e| os_error_file(&e, path.as_str()))
}

/// `os.makedirs(path, exist_ok=exist_ok)`: creates missing parents, as `os.makedirs` does.
pub fn os_makedirs(path: &PyStr, exist_ok: bool) -> PyResult<()> {
    let (mut head, mut tail) = split(path.as_str());
    if tail.is_empty() {
        (head, tail) = split(head);
    }
    if !head.is_empty() && !tail.is_empty() && !exists(head) {
        match os_makedirs(&PyStr::from(head), exist_ok) {
            Err(e) if e.is_instance(crate::err::Exc::FileExistsError) => {}
            other => other?,
        }
        if tail == "." {
            return Ok(());
        }
    }
    match os_mkdir(path) {
        Err(_) if exist_ok && is_dir(path.as_str()) => Ok(()),
        other => other,
    }
}

/// `os.rmdir(path)`.
pub fn os_rmdir(path: &PyStr) -> PyResult<()> {
    std::fs::remove_dir(path.as_str()).map_err(|e| os_error_file(&e, path.as_str()))
}

/// `os.remove(path)`.
pub fn os_remove(path: &PyStr) -> PyResult<()> {
    std::fs::remove_file(path.as_str()).map_err(|e| os_error_file(&e, path.as_str()))
}

/// `os.unlink(path)`.
pub fn os_unlink(path: &PyStr) -> PyResult<()> {
    os_remove(path)
}

/// `os.rename(src, dst)`.
pub fn os_rename(src: &PyStr, dst: &PyStr) -> PyResult<()> {
    std::fs::rename(src.as_str(), dst.as_str()).map_err(|e| os_error_2files(&e, src.as_str(), dst.as_str()))
}

/// `os.replace(src, dst)` (the same as `rename` on POSIX).
pub fn os_replace(src: &PyStr, dst: &PyStr) -> PyResult<()> {
    os_rename(src, dst)
}

/// `shutil.rmtree(path)`: removes a directory tree (symlinks are removed, not followed).
pub fn shutil_rmtree(path: &PyStr) -> PyResult<()> {
    let p = path.as_str();
    let meta = std::fs::symlink_metadata(p).map_err(|e| os_error_file(&e, p))?;
    if meta.file_type().is_symlink() {
        return Err(PyErr::new(crate::err::Exc::OSError, "Cannot call rmtree on a symbolic link"));
    }
    std::fs::remove_dir_all(p).map_err(|e| os_error_file(&e, p))
}

// ---------------------------------------------------------------------------------------------
// os.path

fn exists(p: &str) -> bool {
    !p.contains('\0') && std::fs::metadata(p).is_ok()
}

fn is_dir(p: &str) -> bool {
    !p.contains('\0') && std::fs::metadata(p).map(|m| m.is_dir()).unwrap_or(false)
}

/// `posixpath.split` on `&str`.
fn split(p: &str) -> (&str, &str) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let trimmed = head.trim_end_matches('/');
    (if trimmed.is_empty() { head } else { trimmed }, tail)
}

/// `os.path.join(a, *p)`.
pub fn os_path_join<S: AsRef<str>>(parts: &[S]) -> PyStr {
    let mut path = String::new();
    for (i, b) in parts.iter().enumerate() {
        let b = b.as_ref();
        if i == 0 || b.starts_with('/') {
            path = b.to_string();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    PyStr::from(path)
}

/// `os.path.join(a, b)`.
pub fn os_path_join2(a: &PyStr, b: &PyStr) -> PyStr {
    os_path_join(&[a.as_str(), b.as_str()])
}

/// `os.path.exists(path)` (follows symlinks; `False` for any error).
pub fn os_path_exists(path: &PyStr) -> bool {
    exists(path.as_str())
}

/// `os.path.isfile(path)`.
pub fn os_path_isfile(path: &PyStr) -> bool {
    let p = path.as_str();
    !p.contains('\0') && std::fs::metadata(p).map(|m| m.is_file()).unwrap_or(false)
}

/// `os.path.isdir(path)`.
pub fn os_path_isdir(path: &PyStr) -> bool {
    is_dir(path.as_str())
}

/// `os.path.isabs(path)`.
pub fn os_path_isabs(path: &PyStr) -> bool {
    path.as_str().starts_with('/')
}

/// `os.path.basename(path)`: what follows the last `/`.
pub fn os_path_basename(path: &PyStr) -> PyStr {
    let p = path.as_str();
    PyStr::from(&p[p.rfind('/').map_or(0, |i| i + 1)..])
}

/// `os.path.dirname(path)`: up to the last `/`, trailing slashes removed unless all slashes.
pub fn os_path_dirname(path: &PyStr) -> PyStr {
    PyStr::from(split(path.as_str()).0)
}

/// `os.path.split(path)`: `(dirname, basename)`.
pub fn os_path_split(path: &PyStr) -> (PyStr, PyStr) {
    let (h, t) = split(path.as_str());
    (PyStr::from(h), PyStr::from(t))
}

/// `os.path.splitext(path)`: `(root, ext)`; leading dots of the last component are not an
/// extension (`.bashrc` has none).
pub fn os_path_splitext(path: &PyStr) -> (PyStr, PyStr) {
    let p = path.as_str();
    let sep = p.rfind('/').map_or(-1, |i| i as isize);
    if let Some(dot) = p.rfind('.') {
        if dot as isize > sep {
            let name_start = (sep + 1) as usize;
            if p[name_start..dot].bytes().any(|b| b != b'.') {
                return (PyStr::from(&p[..dot]), PyStr::from(&p[dot..]));
            }
        }
    }
    (path.clone(), PyStr::empty())
}

/// `os.path.normpath(path)`.
pub fn os_path_normpath(path: &PyStr) -> PyStr {
    PyStr::from(normpath(path.as_str()))
}

fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        2
    } else if p.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let mut out = "/".repeat(initial);
    out.push_str(&comps.join("/"));
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

/// `os.path.abspath(path)`: joined to the working directory and normalized.
pub fn os_path_abspath(path: &PyStr) -> PyResult<PyStr> {
    let p = path.as_str();
    if p.starts_with('/') {
        return Ok(PyStr::from(normpath(p)));
    }
    let cwd = os_getcwd()?;
    Ok(PyStr::from(normpath(os_path_join(&[cwd.as_str(), p]).as_str())))
}

/// `os.path.getsize(path)`.
pub fn os_path_getsize(path: &PyStr) -> PyResult<Int> {
    let p = path.as_str();
    let m = std::fs::metadata(p).map_err(|e| os_error_file(&e, p))?;
    Ok(Int::from(m.len()))
}

/// `os.path.expanduser(path)`: a leading `~` becomes `$HOME` (`~user` is left as is).
pub fn os_path_expanduser(path: &PyStr) -> PyStr {
    let p = path.as_str();
    if !p.starts_with('~') {
        return path.clone();
    }
    let i = p[1..].find('/').map_or(p.len(), |j| j + 1);
    if i != 1 {
        return path.clone();
    }
    let Some(home) = environ_get("HOME") else {
        return path.clone();
    };
    let home = home.as_str().trim_end_matches('/');
    let out = format!("{home}{}", &p[i..]);
    PyStr::from(if out.is_empty() { "/".to_string() } else { out })
}

#[cfg(test)]
#[path = "os_tests.rs"]
mod tests;
