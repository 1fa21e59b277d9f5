//! `tempfile`: `gettempdir()`, `mkdtemp()` and `TemporaryDirectory`, as CPython 3.11 does them.
//!
//! The temporary directory is the first usable one of `$TMPDIR`, `$TEMP`, `$TMP`, `/tmp`,
//! `/var/tmp`, `/usr/tmp` and the working directory (made absolute), found once per process.
//! New directories are `tmp` + 8 characters from `[a-z0-9_]` (mode 0o700), retried on a name
//! clash.

use super::os::{os_getcwd, os_path_abspath};
use super::random::Random;
use crate::err::{Exc, PyErr, PyResult};
use crate::object::PyObject;
use crate::pystr::PyStr;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const CHARACTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789_";
/// CPython's `os.TMP_MAX` on Linux: how many names to try.
const TMP_MAX: usize = 238_328;

thread_local! {
    static NAMES: Random = Random::from_entropy();
    static TEMPDIR: RefCell<Option<PyStr>> = const { RefCell::new(None) };
}

/// Eight random name characters (`_RandomNameSequence`).
fn random_name() -> String {
    NAMES.with(|r| (0..8).map(|_| CHARACTERS[r.randbelow_u64(CHARACTERS.len() as u64) as usize] as char).collect())
}

/// Can we create (and remove) a file in `dir`?
fn usable(dir: &str) -> bool {
    for _ in 0..100 {
        let probe = format!("{}/{}", dir.trim_end_matches('/'), random_name());
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(f) => {
                drop(f);
                let _ = std::fs::remove_file(&probe);
                return true;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => return false,
        }
    }
    false
}

/// `tempfile.gettempdir()`.
pub fn tempfile_gettempdir() -> PyResult<PyStr> {
    if let Some(d) = TEMPDIR.with(|t| t.borrow().clone()) {
        return Ok(d);
    }
    let mut candidates: Vec<PyStr> = ["TMPDIR", "TEMP", "TMP"]
        .iter()
        .filter_map(|v| super::os::environ_get(v))
        .filter(|d| !d.is_empty())
        .collect();
    candidates.extend(["/tmp", "/var/tmp", "/usr/tmp"].map(PyStr::from));
    candidates.push(os_getcwd().unwrap_or_else(|_| PyStr::from(".")));
    for dir in candidates {
        let dir = if dir.as_str() == "." { dir } else { os_path_abspath(&dir)? };
        if usable(dir.as_str()) {
            TEMPDIR.with(|t| *t.borrow_mut() = Some(dir.clone()));
            return Ok(dir);
        }
    }
    Err(PyErr::new(Exc::FileNotFoundError, "[Errno 2] No usable temporary directory found"))
}

/// `tempfile.mkdtemp()`: a new private directory; returns its absolute path.
pub fn tempfile_mkdtemp() -> PyResult<PyStr> {
    tempfile_mkdtemp_with(None, None, None)
}

/// `tempfile.mkdtemp(suffix, prefix, dir)` (defaults `""`, `"tmp"`, `gettempdir()`).
pub fn tempfile_mkdtemp_with(suffix: Option<&str>, prefix: Option<&str>, dir: Option<&PyStr>) -> PyResult<PyStr> {
    let dir = match dir {
        Some(d) => d.clone(),
        None => tempfile_gettempdir()?,
    };
    let (suffix, prefix) = (suffix.unwrap_or(""), prefix.unwrap_or("tmp"));
    for _ in 0..TMP_MAX {
        let name = super::os::os_path_join(&[dir.as_str(), &format!("{prefix}{}{suffix}", random_name())]);
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(name.as_str()) {
            Ok(()) => return os_path_abspath(&name),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(super::os_error_file(&e, name.as_str())),
        }
    }
    Err(PyErr::new(Exc::FileExistsError, "[Errno 17] No usable temporary directory name found"))
}

struct TempDirInner {
    name: PyStr,
    cleaned: Cell<bool>,
}

/// `tempfile.TemporaryDirectory()`: `name` is the path (what `with ... as d` binds);
/// `cleanup()` removes the tree (the generator calls it at the end of the `with`), and so does
/// dropping the last reference, as CPython's finalizer does. `clone` shares the object.
#[derive(Clone)]
pub struct TemporaryDirectory(Rc<TempDirInner>);

impl TemporaryDirectory {
    /// `tempfile.TemporaryDirectory()`.
    pub fn new() -> PyResult<TemporaryDirectory> {
        TemporaryDirectory::with(None, None, None)
    }

    /// `tempfile.TemporaryDirectory(suffix, prefix, dir)`.
    pub fn with(suffix: Option<&str>, prefix: Option<&str>, dir: Option<&PyStr>) -> PyResult<TemporaryDirectory> {
        let name = tempfile_mkdtemp_with(suffix, prefix, dir)?;
        Ok(TemporaryDirectory(Rc::new(TempDirInner { name, cleaned: Cell::new(false) })))
    }

    /// `d.name`.
    pub fn name(&self) -> PyStr {
        self.0.name.clone()
    }

    /// `with TemporaryDirectory() as d:` binds the path.
    pub fn enter(&self) -> PyStr {
        self.name()
    }

    /// `d.cleanup()`: removes the directory tree; a tree already gone is not an error.
    pub fn cleanup(&self) -> PyResult<()> {
        let first = !self.0.cleaned.replace(true);
        let path = self.0.name.as_str();
        if !first && std::fs::symlink_metadata(path).is_err() {
            return Ok(());
        }
        match std::fs::remove_dir_all(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(super::os_error_file(&e, path)),
        }
    }
}

impl Drop for TempDirInner {
    fn drop(&mut self) {
        if !self.cleaned.get() {
            let _ = std::fs::remove_dir_all(self.name.as_str());
        }
    }
}

impl PyObject for TemporaryDirectory {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str("<TemporaryDirectory ");
        self.0.name.write_repr(out)?;
        out.push('>');
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "TemporaryDirectory"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;

    #[test]
    fn gettempdir_is_absolute_and_cached() {
        let d = tempfile_gettempdir().unwrap();
        assert!(d.as_str().starts_with('/'), "{}", d.as_str());
        assert!(std::path::Path::new(d.as_str()).is_dir());
        assert_eq!(tempfile_gettempdir().unwrap().as_str(), d.as_str());
    }

    #[test]
    fn mkdtemp_names_and_modes() {
        let base = tempfile_gettempdir().unwrap();
        let a = tempfile_mkdtemp().unwrap();
        let b = tempfile_mkdtemp().unwrap();
        assert_ne!(a.as_str(), b.as_str());
        for p in [&a, &b] {
            let name = p.as_str().rsplit('/').next().unwrap();
            assert_eq!(name.len(), 11, "{name}");
            assert!(name.starts_with("tmp"));
            assert!(name[3..].bytes().all(|c| CHARACTERS.contains(&c)), "{name}");
            assert_eq!(p.as_str(), format!("{}/{name}", base.as_str()));
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(p.as_str()).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o700);
            }
            std::fs::remove_dir(p.as_str()).unwrap();
        }
        let c = tempfile_mkdtemp_with(Some(".d"), Some("pre_"), Some(&base)).unwrap();
        let name = c.as_str().rsplit('/').next().unwrap();
        assert!(name.starts_with("pre_") && name.ends_with(".d") && name.len() == 14, "{name}");
        std::fs::remove_dir(c.as_str()).unwrap();
        let e = tempfile_mkdtemp_with(None, None, Some(&PyStr::from("/nonexistent_dir_py2rust"))).unwrap_err();
        assert!(e.to_string().starts_with("FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent_dir_py2rust/tmp"), "{e}");
    }

    #[test]
    fn temporary_directory_cleanup() {
        let d = TemporaryDirectory::new().unwrap();
        let name = d.enter();
        assert_eq!(name.as_str(), d.name().as_str());
        std::fs::create_dir(format!("{}/sub", name.as_str())).unwrap();
        std::fs::write(format!("{}/sub/f.txt", name.as_str()), "x").unwrap();
        assert_eq!(py_repr(&d).unwrap().as_str(), format!("<TemporaryDirectory '{}'>", name.as_str()));
        d.cleanup().unwrap();
        assert!(!std::path::Path::new(name.as_str()).exists());
        d.cleanup().unwrap();
        // Removed by the user inside the `with`: cleanup is still fine.
        let d = TemporaryDirectory::new().unwrap();
        std::fs::remove_dir(d.name().as_str()).unwrap();
        d.cleanup().unwrap();
        // Dropped without cleanup: removed anyway.
        let d = TemporaryDirectory::new().unwrap();
        let name = d.name();
        drop(d);
        assert!(!std::path::Path::new(name.as_str()).exists());
    }
}
