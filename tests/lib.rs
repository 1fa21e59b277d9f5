//! Shared helpers for py2rust's end-to-end tests.

use py2rust::driver::{Driver, Profile};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The cache every test shares (so the runtime is built once per checkout, not per test):
/// `PY2RUST_CACHE_DIR` if set, else `target/py2rust-test-cache`.
pub fn cache_dir() -> PathBuf {
    match std::env::var_os("PY2RUST_CACHE_DIR") {
        Some(d) => PathBuf::from(d),
        None => repo_root().join("target").join("py2rust-test-cache"),
    }
}

/// One driver per test process; tests compile with the fast debug profile unless
/// `PY2RUST_PROFILE` says otherwise.
pub fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Driver> = OnceLock::new();
    DRIVER.get_or_init(|| Driver::with_cache_dir(cache_dir()).expect("a cache dir and a Rust toolchain"))
}

pub fn test_profile() -> Profile {
    Profile::from_env_or(Profile::Debug)
}

/// Runs a compiled program the way `py2rust run` would, from `dir`.
pub fn run_program(bin: &Path, py_path: &Path, dir: &Path) -> Output {
    Command::new(bin)
        .current_dir(dir)
        .env("PY2RUST_ARGV0", py_path)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the compiled program starts")
}

/// `python3` on PATH, if any.
pub fn python3() -> Option<PathBuf> {
    let out = Command::new("python3").arg("--version").output().ok()?;
    out.status.success().then(|| PathBuf::from("python3"))
}
